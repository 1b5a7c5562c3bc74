package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What units reported on one plan: the latest lead report per task id and the latest self-assessment per criterion
 * code. It keeps entries the current plan structure does not know (a report on a task that a newer plan version
 * adds, a report that arrived before its plan), because they start to count as soon as a snapshot has them.
 */
public final class PlanInputs {

    private final Map<String, TaskProgress> progress;
    private final Map<String, BigDecimal> assessments;

    public PlanInputs() {
        this(new HashMap<>(), new HashMap<>());
    }

    public PlanInputs(Map<String, TaskProgress> progress, Map<String, BigDecimal> assessments) {
        this.progress = new HashMap<>(progress);
        this.assessments = new HashMap<>(assessments);
    }

    public TaskProgress progress(String taskId) {
        return progress.get(taskId);
    }

    public BigDecimal assessment(String criterionCode) {
        return assessments.get(criterionCode);
    }

    public Map<String, TaskProgress> progress() {
        return Collections.unmodifiableMap(progress);
    }

    public Map<String, BigDecimal> assessments() {
        return Collections.unmodifiableMap(assessments);
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
}
