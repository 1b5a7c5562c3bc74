package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What units reported on one plan: the latest lead report per task id, the latest self-assessment (MANUAL points)
 * per criterion code and the latest rule indicator per criterion code; and the year-end appraisal: the first round's
 * appraisal per criterion code and where the rounds stand. It keeps entries the current plan structure does not know (a report on a task that a newer plan version
 * adds, a report that arrived before its plan), because they start to count as soon as a snapshot has them.
 */
public final class PlanInputs {

    private final Map<String, TaskProgress> progress;
    private final Map<String, BigDecimal> assessments;
    private final Map<String, Indicator> indicators;
    private final Map<String, BigDecimal> appraisals;
    private Appraisal appraisal;

    public PlanInputs() {
        this(new HashMap<>(), new HashMap<>(), new HashMap<>());
    }

    public PlanInputs(Map<String, TaskProgress> progress, Map<String, BigDecimal> assessments,
            Map<String, Indicator> indicators) {
        this(progress, assessments, indicators, Map.of(), Appraisal.NONE);
    }

    public PlanInputs(Map<String, TaskProgress> progress, Map<String, BigDecimal> assessments,
            Map<String, Indicator> indicators, Map<String, BigDecimal> appraisals, Appraisal appraisal) {
        this.progress = new HashMap<>(progress);
        this.assessments = new HashMap<>(assessments);
        this.indicators = new HashMap<>(indicators);
        this.appraisals = new HashMap<>(appraisals);
        this.appraisal = appraisal;
    }

    /** An independent copy, to try changes on (what-if) without touching these. */
    public PlanInputs copy() {
        return new PlanInputs(progress, assessments, indicators, appraisals, appraisal);
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

    /** The latest appraisal of the first round (APPRAISAL); null when the leaf was not appraised. */
    public BigDecimal appraisal(String criterionCode) {
        return appraisals.get(criterionCode);
    }

    public Appraisal appraisal() {
        return appraisal;
    }

    public Map<String, BigDecimal> appraisals() {
        return Collections.unmodifiableMap(appraisals);
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

    /** Records a first-round appraisal; the same caveat as {@link #putProgress} applies. */
    public void putAppraisal(String criterionCode, BigDecimal points) {
        appraisals.put(criterionCode, points);
    }

    /**
     * Records the round just opened, or a moved deadline; nothing moves a closed year. The same caveat as
     * {@link #putProgress} applies.
     *
     * @return whether the round or its deadline changed
     */
    public boolean round(String round, Instant deadline) {
        if (appraisal.isClosed() || (Objects.equals(round, appraisal.round())
                && Objects.equals(deadline, appraisal.deadline()))) {
            return false;
        }
        appraisal = appraisal.withRound(round, deadline);
        return true;
    }

    /**
     * Closes the year with the figures progress-service settled; a second close changes nothing. The same caveat as
     * {@link #putProgress} applies.
     *
     * @return whether this closed the year
     */
    public boolean close(Appraisal.Closed settled) {
        if (appraisal.isClosed()) {
            return false;
        }
        appraisal = new Appraisal("CLOSED", null, settled);
        return true;
    }

    /** Records a rule indicator; the same caveat as {@link #putProgress} applies. */
    public void putIndicator(String criterionCode, Indicator indicator) {
        indicators.put(criterionCode, indicator);
    }
}
