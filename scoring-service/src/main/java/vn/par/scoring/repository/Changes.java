package vn.par.scoring.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.par.scoring.projection.Appraisal;
import vn.par.scoring.projection.Indicator;
import vn.par.scoring.projection.TaskProgress;

/**
 * What a batch of events changed, written by {@link ProjectionStore#save} in one round trip. Several reports on
 * one task in the same batch become one upsert of the last.
 */
public final class Changes {

    final Map<UUID, PlanRow> plans = new LinkedHashMap<>();
    final Map<List<Object>, TaskProgress> progress = new LinkedHashMap<>();
    final Map<List<Object>, BigDecimal> assessments = new LinkedHashMap<>();
    final Map<List<Object>, Indicator> indicators = new LinkedHashMap<>();
    final Map<List<Object>, BigDecimal> appraisals = new LinkedHashMap<>();
    final Map<UUID, Appraisal> appraisalStates = new LinkedHashMap<>();
    final List<History> history = new ArrayList<>();

    public void plan(PlanRow row) {
        plans.put(row.planId(), row);
    }

    public void progress(UUID planId, String taskId, TaskProgress latest) {
        progress.put(List.of(planId, taskId), latest);
    }

    public void assessment(UUID planId, String criterionCode, BigDecimal points) {
        assessments.put(List.of(planId, criterionCode), points);
    }

    public void indicator(UUID planId, String criterionCode, Indicator indicator) {
        indicators.put(List.of(planId, criterionCode), indicator);
    }

    public void appraisal(UUID planId, String criterionCode, BigDecimal points) {
        appraisals.put(List.of(planId, criterionCode), points);
    }

    /** Where the plan's rounds stand, as it is after the batch. */
    public void appraisal(UUID planId, Appraisal state) {
        appraisalStates.put(planId, state);
    }

    public void history(UUID planId, long sequence, Instant asOf, BigDecimal projected, BigDecimal percent,
            String payload) {
        history(planId, sequence, asOf, projected, percent, payload, null);
    }

    /** A score whose ScoreChanged continues the trace {@code traceparent} names (null for none). */
    public void history(UUID planId, long sequence, Instant asOf, BigDecimal projected, BigDecimal percent,
            String payload, String traceparent) {
        history.add(new History(planId, sequence, asOf, projected, percent, payload, traceparent));
    }

    /** The batch's scores of each plan, in order: their payloads are the plan's ScoreChanged events. */
    public Map<UUID, List<History>> historyByPlan() {
        Map<UUID, List<History>> byPlan = new LinkedHashMap<>();
        for (History h : history) {
            byPlan.computeIfAbsent(h.planId(), k -> new ArrayList<>()).add(h);
        }
        return byPlan;
    }

    /**
     * A plan's score after one event: a row of its history, and the payload of its ScoreChanged with the traceparent
     * that event carries on (not stored in the history).
     */
    public record History(UUID planId, long sequence, Instant asOf, BigDecimal projected, BigDecimal percent,
            String payload, String traceparent) {
    }
}
