package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The projected score of one plan, kept exact and updated in place.
 *
 * <p>The rule: a task's completion {@code f} is the latest lead report's percentComplete / 100 (0 without one); a
 * leaf's {@code F} is the mean of {@code f} over its tasks (0 without tasks); a leaf projects to its latest
 * self-assessment if it has one, else to {@code baseline + (target − baseline) × F}, clamped to [0, max]; a parent
 * is the sum of its children, the plan the sum of its areas. Tasks on parent criteria do not count.
 *
 * <p>A report changes one task, so {@link #report} recomputes that task's leaf and adds the leaf's change to each
 * ancestor and to the total: O(depth + the leaf's tasks), whatever the size of the plan. Additions of exact decimals
 * are exact, so an ancestor updated by differences always equals the sum of its children.
 *
 * <p>Not thread-safe: one writer at a time.
 */
public final class PlanProjection {

    private final PlanStructure s;
    private final PlanInputs inputs;
    /** Per leaf, the sum of its tasks' {@code f}. */
    private final BigDecimal[] completionSum;
    private final BigDecimal[] projected;
    private BigDecimal total;

    /** The leaves at risk as judged on {@link #riskDate}; only the event path ({@link #areas()}) uses them. */
    private final BitSet risky;
    private LocalDate riskDate;
    /**
     * The areas as {@link #areas()} last built them, by area position; null where something changed since. An event
     * changes one area, so the others are not computed again.
     */
    private final AreaScore[] areaScores;

    public PlanProjection(PlanStructure structure, PlanInputs inputs) {
        this.s = structure;
        this.inputs = inputs;
        int n = structure.size;
        completionSum = new BigDecimal[n];
        projected = new BigDecimal[n];
        risky = new BitSet(n);
        areaScores = new AreaScore[structure.areas.length];
        for (int i = 0; i < n; i++) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int k : s.tasksOf[i]) {
                sum = sum.add(fraction(inputs.progress(s.taskId[k])));
            }
            completionSum[i] = sum;
        }
        BigDecimal[] childSums = new BigDecimal[n];
        for (int i = n - 1; i >= 0; i--) {
            projected[i] = s.leaf[i] ? leafValue(i) : (childSums[i] == null ? BigDecimal.ZERO : childSums[i]);
            int p = s.parent[i];
            if (p >= 0) {
                childSums[p] = childSums[p] == null ? projected[i] : childSums[p].add(projected[i]);
            }
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int a : s.areas) {
            sum = sum.add(projected[a]);
        }
        total = sum;
    }

    public PlanStructure structure() {
        return s;
    }

    public PlanInputs inputs() {
        return inputs;
    }

    /** The plan's projected index, exact. */
    public BigDecimal total() {
        return total;
    }

    /**
     * Applies a progress report. Only a lead unit's report moves the task; a coordinating unit's is ignored.
     *
     * @param date the day the report is judged on, for "overdue"
     * @return whether anything the score publishes changed (a rounded value on the task's path, the leaf's
     *         completion, or the set of leaves at risk)
     */
    public boolean report(String taskId, ReportRole role, TaskProgress progress, LocalDate date) {
        if (role != ReportRole.LEAD) {
            return false;
        }
        BitSet risksBefore = risksAsOf(date);
        boolean risksMoved = judgeRisksAt(date);
        Integer task = s.taskIndex.get(taskId);
        int leaf = task == null ? -1 : s.taskLeaf[task];
        if (leaf < 0) {
            inputs.putProgress(taskId, progress);
            return risksMoved;
        }
        TaskProgress previous = inputs.putProgress(taskId, progress);
        List<Object> before = publishedPath(leaf);
        completionSum[leaf] = completionSum[leaf].subtract(fraction(previous)).add(progress.fraction());
        updateLeaf(leaf);
        boolean atRisk = leafRisks(leaf, riskDate) != null;
        if (risky.get(leaf) != atRisk) {
            risky.set(leaf, atRisk);
            areaScores[s.areaSlot[leaf]] = null;
        }
        return !before.equals(publishedPath(leaf)) || !risky.equals(risksBefore);
    }

    /**
     * Records a leaf's latest self-assessment, which then replaces the leaf's projection (clamped to [0, max]).
     * An assessment of a parent or of a code the plan does not have is kept but does not count.
     *
     * @return whether anything the score publishes changed
     */
    public boolean selfAssess(String criterionCode, BigDecimal points, LocalDate date) {
        BitSet risksBefore = risksAsOf(date);
        boolean risksMoved = judgeRisksAt(date);
        Integer leaf = s.criterionIndex.get(criterionCode);
        if (leaf == null || !s.leaf[leaf]) {
            inputs.putAssessment(criterionCode, points);
            return risksMoved;
        }
        List<Object> before = publishedPath(leaf);
        // A first assessment equal to the projection still changes what the leaf shows: selfAssessed.
        before.add(inputs.assessment(criterionCode) != null);
        inputs.putAssessment(criterionCode, points);
        updateLeaf(leaf);
        List<Object> after = publishedPath(leaf);
        after.add(Boolean.TRUE);
        return !before.equals(after) || !risky.equals(risksBefore);
    }

    /**
     * Judges which leaves are at risk on {@code date}, for {@link #areas()}. Dates only move forward: an event
     * stamped earlier than one already applied is judged on the later day.
     *
     * @return whether the set of leaves at risk changed
     */
    public boolean judgeRisksAt(LocalDate date) {
        if (riskDate != null && !date.isAfter(riskDate)) {
            return false;
        }
        BitSet before = (BitSet) risky.clone();
        riskDate = date;
        for (int i = 0; i < s.size; i++) {
            if (s.leaf[i]) {
                risky.set(i, leafRisks(i, date) != null);
            }
        }
        if (risky.equals(before)) {
            return false;
        }
        Arrays.fill(areaScores, null);
        return true;
    }

    /**
     * The areas as published in a {@code ScoreChanged}, with their leaves at risk as last judged. Only the areas
     * changed since the last call are computed: an area's criteria are contiguous, so its leaves at risk are one
     * range of the risk set.
     */
    public List<AreaScore> areas() {
        for (int k = 0; k < areaScores.length; k++) {
            if (areaScores[k] == null) {
                List<String> atRisk = new ArrayList<>();
                for (int i = risky.nextSetBit(s.areas[k]); i >= 0 && i < s.areaEnd[k]; i = risky.nextSetBit(i + 1)) {
                    atRisk.add(s.code[i]);
                }
                areaScores[k] = areaScore(s.areas[k], atRisk);
            }
        }
        return List.of(areaScores);
    }

    /**
     * The whole score, every criterion included, with risks judged on {@code today}: O(size of the plan), for
     * reads.
     */
    public PlanScore score(LocalDate today, long sequence, Instant asOf) {
        int n = s.size;
        List<List<TaskRisk>> risks = new ArrayList<>(n);
        boolean[] atRisk = new boolean[n];
        for (int i = 0; i < n; i++) {
            List<TaskRisk> leafRisks = s.leaf[i] ? leafRisks(i, today) : null;
            risks.add(leafRisks == null ? List.of() : leafRisks);
            atRisk[i] = leafRisks != null;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (atRisk[i] && s.parent[i] >= 0) {
                atRisk[s.parent[i]] = true;
            }
        }
        List<List<String>> areaRisks = new ArrayList<>(s.areas.length);
        for (int k = 0; k < s.areas.length; k++) {
            areaRisks.add(new ArrayList<>());
        }
        List<CriterionScore> criteria = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (s.leaf[i] && atRisk[i]) {
                areaRisks.get(s.areaSlot[i]).add(s.code[i]);
            }
            criteria.add(new CriterionScore(s.code[i], s.parentCode[i], s.title[i], s.leaf[i],
                    Points.publish(projected[i]), Points.publish(s.target[i]), Points.publish(s.baseline[i]),
                    Points.publish(s.max[i]), s.leaf[i] ? publishedCompletion(i) : null,
                    s.leaf[i] && inputs.assessment(s.code[i]) != null, atRisk[i], risks.get(i)));
        }
        List<AreaScore> areas = new ArrayList<>(s.areas.length);
        for (int k = 0; k < s.areas.length; k++) {
            areas.add(areaScore(s.areas[k], areaRisks.get(k)));
        }
        return new PlanScore(s.planId(), s.agency(), s.year(), s.version(), sequence, asOf,
                Points.publish(total), Points.publish(s.totalTarget), Points.publish(s.totalBaseline),
                Points.publish(s.totalMax), Points.publishPercent(total, s.totalMax), areas, criteria);
    }

    private AreaScore areaScore(int a, List<String> atRisk) {
        return new AreaScore(s.code[a], s.title[a], Points.publish(projected[a]), Points.publish(s.target[a]),
                Points.publish(s.baseline[a]), Points.publish(s.max[a]),
                Points.publishPercent(projected[a], s.max[a]), List.copyOf(atRisk));
    }

    private BigDecimal leafValue(int leaf) {
        BigDecimal assessed = inputs.assessment(s.code[leaf]);
        BigDecimal value;
        if (assessed != null) {
            value = assessed;
        } else if (s.tasksOf[leaf].length == 0) {
            value = s.baseline[leaf];
        } else {
            // (target − baseline) × Σf is exact; the one division by the task count comes last, so a mean that
            // terminates (e.g. ×0.5) gives an exact value and only a non-terminating one is cut at 34 digits.
            value = s.baseline[leaf].add(s.target[leaf].subtract(s.baseline[leaf]).multiply(completionSum[leaf])
                    .divide(BigDecimal.valueOf(s.tasksOf[leaf].length), Points.DIVISION));
        }
        return Points.clamp(value, s.max[leaf]);
    }

    private void updateLeaf(int leaf) {
        BigDecimal delta = leafValue(leaf).subtract(projected[leaf]);
        if (delta.signum() == 0) {
            return;
        }
        for (int i = leaf; i >= 0; i = s.parent[i]) {
            projected[i] = projected[i].add(delta);
        }
        total = total.add(delta);
        areaScores[s.areaSlot[leaf]] = null;
    }

    /** Mean completion of the leaf's tasks in percent, as published; 0 without tasks. */
    private BigDecimal publishedCompletion(int leaf) {
        return Points.publishMeanPercent(completionSum[leaf], s.tasksOf[leaf].length);
    }

    /** What the score publishes along a leaf's path: the leaf up to its area, the plan, their percents. */
    private List<Object> publishedPath(int leaf) {
        List<Object> values = new ArrayList<>(8);
        values.add(publishedCompletion(leaf));
        for (int i = leaf; i >= 0; i = s.parent[i]) {
            values.add(Points.publish(projected[i]));
        }
        int a = s.area[leaf];
        values.add(Points.publishPercent(projected[a], s.max[a]));
        values.add(Points.publish(total));
        values.add(Points.publishPercent(total, s.totalMax));
        return values;
    }

    /**
     * The risk set to compare against. The first event after a projection is built only establishes it: a set
     * judged from nothing would count every blocked leaf as a change.
     */
    private BitSet risksAsOf(LocalDate date) {
        if (riskDate == null) {
            judgeRisksAt(date);
        }
        return (BitSet) risky.clone();
    }

    /** The leaf's tasks at risk on {@code date}, or null when none is. */
    private List<TaskRisk> leafRisks(int leaf, LocalDate date) {
        List<TaskRisk> risks = null;
        for (int k : s.tasksOf[leaf]) {
            TaskProgress progress = inputs.progress(s.taskId[k]);
            TaskStatus status = progress == null ? null : progress.status();
            boolean blocked = status == TaskStatus.BLOCKED;
            boolean overdue = s.taskDue[k] != null && date.isAfter(s.taskDue[k]) && status != TaskStatus.DONE;
            if (!blocked && !overdue) {
                continue;
            }
            List<RiskReason> reasons = blocked && overdue ? List.of(RiskReason.BLOCKED, RiskReason.OVERDUE)
                    : List.of(blocked ? RiskReason.BLOCKED : RiskReason.OVERDUE);
            List<UnitRef> leads = new ArrayList<>(s.taskLeads.get(k).size());
            for (String unit : s.taskLeads.get(k)) {
                leads.add(new UnitRef(unit, s.unitNames.getOrDefault(unit, unit)));
            }
            if (risks == null) {
                risks = new ArrayList<>(2);
            }
            risks.add(new TaskRisk(s.taskId[k], s.taskDescription[k], status, s.taskDue[k], reasons, leads));
        }
        return risks;
    }

    private static BigDecimal fraction(TaskProgress progress) {
        return progress == null ? BigDecimal.ZERO : progress.fraction();
    }
}
