package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What units reported on one plan: the latest lead report per task id, the latest self-assessment (MANUAL points)
 * per criterion code and the latest rule indicator per criterion code. It keeps entries the current plan structure does not know (a report on a task that a newer plan version
 * adds, a report that arrived before its plan), because they start to count as soon as a snapshot has them.
 */
public final class PlanInputs {

    private final Map<String, TaskProgress> progress;
    private final Map<String, BigDecimal> assessments;
    private final Map<String, Indicator> indicators;

    public PlanInputs() {
        this(new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    public PlanInputs(Map<String, TaskProgress> progress, Map<String, BigDecimal> assessments,
            Map<String, Indicator> indicators) {
        this.progress = new HashMap<>(progress);
        this.assessments = new HashMap<>(assessments);
        this.indicators = new HashMap<>(indicators);
    }

    /** An independent copy, to try changes on (what-if) without touching these. */
    public PlanInputs copy() {
        return new PlanInputs(progress, assessments, indicators);
    }

    public TaskProgress progress(String taskId) {
        return progress.get(taskId);
    }

    public BigDecimal assessment(String criterionCode) {
        return assessments.get(criterionCode);
    }

    /** The latest indicator of a rule type other than MANUAL; null when none was reported. */
    public Indicator indicator(String criterionCode) {
        return indicators.get(criterionCode);
    }

    public Map<String, TaskProgress> progress() {
        return Collections.unmodifiableMap(progress);
    }

    public Map<String, BigDecimal> assessments() {
        return Collections.unmodifiableMap(assessments);
    }

    public Map<String, Indicator> indicators() {
        return Collections.unmodifiableMap(indicators);
    }

    /**
     * Records a lead report; returns the one it replaces, or null. Only for a plan without structure yet: once a
     * {@link PlanProjection} is built over these inputs, report through it so its values follow.
     */
    public TaskProgress putProgress(String taskId, TaskProgress latest) {
        return progress.put(taskId, latest);
    }

    /** Records a self-assessment; the same caveat as {@link #putProgress} applies. */
    public void putAssessment(String criterionCode, BigDecimal points) {
        assessments.put(criterionCode, points);
    }

    /** Records a rule indicator; the same caveat as {@link #putProgress} applies. */
    public void putIndicator(String criterionCode, Indicator indicator) {
        indicators.put(criterionCode, indicator);
    }
}
