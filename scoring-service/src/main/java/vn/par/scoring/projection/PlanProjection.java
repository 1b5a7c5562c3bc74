package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The projected score of one plan, kept exact and updated in place.
 *
 * <p>The rule: a leaf is <em>measured</em> when it has a fact that fits its scoring rule (for MANUAL, its latest
 * self-assessment; for any other rule, its latest indicator of that rule's type), and then projects to the points the
 * rule gives. An unmeasured leaf projects from its tasks: a task's completion {@code f} is the latest lead report's
 * percentComplete / 100 (0 without one), the leaf's {@code F} the mean of {@code f} over its tasks (0 without tasks),
 * and the leaf's points {@code baseline + (target − baseline) × F}. Either way clamped to [0, max]. A parent is the
 * sum of its applicable children, the plan the sum of its areas; a leaf that is not applicable counts nowhere. Tasks
 * on parent criteria do not count.
 *
 * <p>Beside the points, every criterion carries sums kept the same way: the shortfall (Σ over applicable leaves of
 * max(0, target − projected)), what measured leaves earned, how many leaves are measured, and the points of SURVEY
 * leaves (so the survey's share can be shown apart from what the agency controls itself).
 *
 * <p>An event changes one leaf, so {@link #report}, {@link #selfAssess} and {@link #indicate} recompute that leaf
 * and add its changes to each ancestor and to the totals: O(depth + the leaf's tasks), whatever the size of the
 * plan. Additions of exact decimals are exact, so an ancestor updated by differences always equals the sum of its
 * children.
 *
 * <p>Not thread-safe: one writer at a time.
 */
public final class PlanProjection {

    private final PlanStructure s;
    private final PlanInputs inputs;
    /** Per leaf, the sum of its tasks' {@code f}. */
    private final BigDecimal[] completionSum;
    private final BigDecimal[] projected;
    private final BigDecimal[] shortfall;
    private final BigDecimal[] earned;
    private final int[] measured;
    private final BigDecimal[] surveyProjected;
    /** Per criterion, Σ over its applicable leaves of the first appraisal, else the self-assessed points. */
    private final BigDecimal[] appraised;
    /** Per criterion, the closed year's self-assessed, appraised and final points; null until it is closed. */
    private BigDecimal[] closedSelf;
    private BigDecimal[] closedAppraised;
    private BigDecimal[] closedFinal;
    private BigDecimal total;
    private BigDecimal totalAppraised;
    private BigDecimal totalShortfall;
    private BigDecimal totalEarned;
    private int totalMeasured;
    private BigDecimal totalSurvey;

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
        shortfall = new BigDecimal[n];
        earned = new BigDecimal[n];
        measured = new int[n];
        surveyProjected = new BigDecimal[n];
        appraised = new BigDecimal[n];
        risky = new BitSet(n);
        areaScores = new AreaScore[structure.areas.length];
        for (int i = 0; i < n; i++) {
            BigDecimal sum = BigDecimal.ZERO;
            for (int k : s.tasksOf[i]) {
                sum = sum.add(fraction(inputs.progress(s.taskId[k])));
            }
            completionSum[i] = sum;
            projected[i] = BigDecimal.ZERO;
            shortfall[i] = BigDecimal.ZERO;
            earned[i] = BigDecimal.ZERO;
            surveyProjected[i] = BigDecimal.ZERO;
            appraised[i] = BigDecimal.ZERO;
        }
        // Reverse tree order visits every child before its parent, so a parent's sums are complete when it is
        // added to its own parent.
        for (int i = n - 1; i >= 0; i--) {
            if (s.leaf[i] && s.applicable[i]) {
                LeafState leaf = leafState(i);
                projected[i] = leaf.value;
                shortfall[i] = leaf.shortfall;
                earned[i] = leaf.earned;
                measured[i] = leaf.measured;
                surveyProjected[i] = leaf.survey;
                appraised[i] = leaf.appraised;
            }
            int p = s.parent[i];
            if (p >= 0 && s.applicable[i]) {
                projected[p] = projected[p].add(projected[i]);
                shortfall[p] = shortfall[p].add(shortfall[i]);
                earned[p] = earned[p].add(earned[i]);
                measured[p] += measured[i];
                surveyProjected[p] = surveyProjected[p].add(surveyProjected[i]);
                appraised[p] = appraised[p].add(appraised[i]);
            }
        }
        total = BigDecimal.ZERO;
        totalShortfall = BigDecimal.ZERO;
        totalEarned = BigDecimal.ZERO;
        totalSurvey = BigDecimal.ZERO;
        totalAppraised = BigDecimal.ZERO;
        for (int a : s.areas) {
            if (s.applicable[a]) {
                total = total.add(projected[a]);
                totalAppraised = totalAppraised.add(appraised[a]);
                totalShortfall = totalShortfall.add(shortfall[a]);
                totalEarned = totalEarned.add(earned[a]);
                totalMeasured += measured[a];
                totalSurvey = totalSurvey.add(surveyProjected[a]);
            }
        }
        if (inputs.appraisal().isClosed()) {
            freeze();
        }
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
        if (!s.applicable[leaf]) {
            // Shown on the leaf, but it counts nowhere and is never at risk: nothing the events carry moves.
            completionSum[leaf] = completionSum[leaf].subtract(fraction(previous)).add(progress.fraction());
            return risksMoved;
        }
        List<Object> before = publishedPath(leaf);
        completionSum[leaf] = completionSum[leaf].subtract(fraction(previous)).add(progress.fraction());
        updateLeaf(leaf);
        boolean atRisk = s.applicable[leaf] && leafRisks(leaf, riskDate) != null;
        if (risky.get(leaf) != atRisk) {
            risky.set(leaf, atRisk);
            areaScores[s.areaSlot[leaf]] = null;
        }
        return !before.equals(publishedPath(leaf)) || !risky.equals(risksBefore);
    }

    /**
     * Records a leaf's latest self-assessment: the fact of a MANUAL leaf, whose projection it then replaces (clamped
     * to [0, max]). On a leaf with another rule it is kept but does not count. An assessment of a parent or of a code
     * the plan does not have is kept but does not count.
     *
     * @return whether anything the score publishes changed
     */
    public boolean selfAssess(String criterionCode, BigDecimal points, LocalDate date) {
        return measure(criterionCode, date, () -> inputs.putAssessment(criterionCode, points));
    }

    /**
     * Records a leaf's latest indicator of a rule type other than MANUAL; it counts while the leaf's rule has that
     * type (see {@link ScoringRule}).
     *
     * @return whether anything the score publishes changed
     */
    public boolean indicate(String criterionCode, Indicator indicator, LocalDate date) {
        return measure(criterionCode, date, () -> inputs.putIndicator(criterionCode, indicator));
    }

    /**
     * Records a leaf's latest first-round appraisal (round APPRAISAL): what the leaf counts in the appraised figure.
     * An appraisal of a parent or of a code the plan does not have is kept but does not count.
     *
     * @return whether anything the score publishes changed
     */
    public boolean appraise(String criterionCode, BigDecimal points, LocalDate date) {
        return measure(criterionCode, date, () -> inputs.putAppraisal(criterionCode, points));
    }

    /**
     * Records the round just opened, or a moved deadline. Once the year is closed nothing moves it.
     *
     * @return whether the round or its deadline changed
     */
    public boolean round(String round, Instant deadline) {
        return inputs.round(round, deadline);
    }

    /**
     * Closes the year with the figures progress-service settled: from now on the appraisal's figures are these, and
     * neither a new plan version nor a rule changes them. A second close changes nothing.
     *
     * @return whether this closed the year
     */
    public boolean close(Appraisal.Closed settled) {
        if (!inputs.close(settled)) {
            return false;
        }
        freeze();
        return true;
    }

    /** The closed year's figures per criterion, summed from the settled leaves over the applicable ones. */
    private void freeze() {
        Map<String, Appraisal.Leaf> leaves = inputs.appraisal().closed().leaves();
        int n = s.size;
        closedSelf = new BigDecimal[n];
        closedAppraised = new BigDecimal[n];
        closedFinal = new BigDecimal[n];
        for (int i = n - 1; i >= 0; i--) {
            if (s.leaf[i]) {
                Appraisal.Leaf leaf = s.applicable[i] ? leaves.get(s.code[i]) : null;
                BigDecimal self = leaf == null || leaf.selfAssessed() == null ? BigDecimal.ZERO : leaf.selfAssessed();
                closedSelf[i] = self;
                closedAppraised[i] = leaf == null ? BigDecimal.ZERO : leaf.appraised() == null ? self : leaf.appraised();
                closedFinal[i] = leaf == null ? BigDecimal.ZERO : leaf.finalPoints();
            } else {
                closedSelf[i] = closedSelf[i] == null ? BigDecimal.ZERO : closedSelf[i];
                closedAppraised[i] = closedAppraised[i] == null ? BigDecimal.ZERO : closedAppraised[i];
                closedFinal[i] = closedFinal[i] == null ? BigDecimal.ZERO : closedFinal[i];
            }
            int p = s.parent[i];
            if (p >= 0 && s.applicable[i]) {
                closedSelf[p] = (closedSelf[p] == null ? BigDecimal.ZERO : closedSelf[p]).add(closedSelf[i]);
                closedAppraised[p] = (closedAppraised[p] == null ? BigDecimal.ZERO : closedAppraised[p])
                        .add(closedAppraised[i]);
                closedFinal[p] = (closedFinal[p] == null ? BigDecimal.ZERO : closedFinal[p]).add(closedFinal[i]);
            }
        }
        Arrays.fill(areaScores, null);
    }

    /** FINAL once the year is closed, PROJECTED before: which figure heads the plan (and ranks it). */
    public String basis() {
        return inputs.appraisal().isClosed() ? "FINAL" : "PROJECTED";
    }

    /** The self-assessed, appraised and final figures, with or without their areas; final is null until closed. */
    public Figure selfAssessedFigure(boolean withAreas) {
        return closedSelf != null ? figure(closedSelf, withAreas) : figure(earned, totalEarned, withAreas);
    }

    public Figure appraisedFigure(boolean withAreas) {
        return closedAppraised != null ? figure(closedAppraised, withAreas) : figure(appraised, totalAppraised, withAreas);
    }

    public Figure finalFigure(boolean withAreas) {
        return closedFinal == null ? null : figure(closedFinal, withAreas);
    }

    private Figure figure(BigDecimal[] perCriterion, boolean withAreas) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int a : s.areas) {
            if (s.applicable[a]) {
                sum = sum.add(perCriterion[a]);
            }
        }
        return figure(perCriterion, sum, withAreas);
    }

    private Figure figure(BigDecimal[] perCriterion, BigDecimal sum, boolean withAreas) {
        List<Figure.AreaFigure> areas = null;
        if (withAreas) {
            areas = new ArrayList<>(s.areas.length);
            for (int a : s.areas) {
                areas.add(new Figure.AreaFigure(s.code[a], Precision.publish(perCriterion[a]), Precision.publish(s.max[a]),
                        Precision.publishPercent(perCriterion[a], s.max[a])));
            }
        }
        return new Figure(Precision.publish(sum), Precision.publishPercent(sum, s.totalMax), areas);
    }

    private boolean measure(String criterionCode, LocalDate date, Runnable record) {
        BitSet risksBefore = risksAsOf(date);
        boolean risksMoved = judgeRisksAt(date);
        Integer leaf = s.criterionIndex.get(criterionCode);
        if (leaf == null || !s.leaf[leaf]) {
            record.run();
            return risksMoved;
        }
        List<Object> before = publishedPath(leaf);
        // A first self-assessment equal to the projection still changes what the leaf shows: selfAssessed.
        before.add(selfAssessed(leaf));
        record.run();
        updateLeaf(leaf);
        List<Object> after = publishedPath(leaf);
        after.add(selfAssessed(leaf));
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
            if (s.leaf[i] && s.applicable[i]) {
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
                BigDecimal atStake = BigDecimal.ZERO;
                for (int i = risky.nextSetBit(s.areas[k]); i >= 0 && i < s.areaEnd[k]; i = risky.nextSetBit(i + 1)) {
                    atRisk.add(s.code[i]);
                    atStake = atStake.add(s.target[i]);
                }
                areaScores[k] = areaScore(s.areas[k], atRisk, atStake);
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
            List<TaskRisk> leafRisks = s.leaf[i] && s.applicable[i] ? leafRisks(i, today) : null;
            risks.add(leafRisks == null ? List.of() : leafRisks);
            atRisk[i] = leafRisks != null;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (atRisk[i] && s.parent[i] >= 0) {
                atRisk[s.parent[i]] = true;
            }
        }
        List<List<String>> areaRisks = new ArrayList<>(s.areas.length);
        BigDecimal[] areaStakes = new BigDecimal[s.areas.length];
        for (int k = 0; k < s.areas.length; k++) {
            areaRisks.add(new ArrayList<>());
            areaStakes[k] = BigDecimal.ZERO;
        }
        List<CriterionScore> criteria = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (s.leaf[i] && atRisk[i]) {
                areaRisks.get(s.areaSlot[i]).add(s.code[i]);
                areaStakes[s.areaSlot[i]] = areaStakes[s.areaSlot[i]].add(s.target[i]);
            }
            criteria.add(criterionScore(i, atRisk[i], risks.get(i)));
        }
        List<AreaScore> areas = new ArrayList<>(s.areas.length);
        BigDecimal atStake = BigDecimal.ZERO;
        for (int k = 0; k < s.areas.length; k++) {
            areas.add(areaScore(s.areas[k], areaRisks.get(k), areaStakes[k]));
            atStake = atStake.add(areaStakes[k]);
        }
        BigDecimal percent = Precision.publishPercent(total, s.totalMax);
        Appraisal appraisal = inputs.appraisal();
        return new PlanScore(s.planId(), s.agency(), s.year(), s.version(), sequence, asOf,
                Precision.publish(total), Precision.publish(s.totalTarget), Precision.publish(s.totalBaseline),
                Precision.publish(s.totalMax), percent, ScoreGroup.of(percent), Precision.publish(totalShortfall),
                Precision.publish(atStake), totalMeasured == 0 ? null : Precision.publish(totalEarned), totalMeasured,
                survey(totalSurvey, s.totalSurveyMax), selfControlled(total, s.totalMax, totalSurvey, s.totalSurveyMax),
                basis(), appraisal.round(), appraisal.deadline(), selfAssessedFigure(true), appraisedFigure(true),
                finalFigure(true), areas, criteria);
    }

    /** The plan's at-stake points as last judged on the event path: the sum of the areas' (see {@link #areas()}). */
    public BigDecimal atStake() {
        BigDecimal sum = BigDecimal.ZERO;
        for (AreaScore area : areas()) {
            sum = sum.add(area.atStake());
        }
        return sum;
    }

    public BigDecimal shortfall() {
        return totalShortfall;
    }

    /** What measured leaves earned, or null when no leaf is measured. */
    public BigDecimal earned() {
        return totalMeasured == 0 ? null : totalEarned;
    }

    public int measuredLeaves() {
        return totalMeasured;
    }

    /** The SURVEY leaves' points, projected and maximum. */
    public Share survey() {
        return survey(totalSurvey, s.totalSurveyMax);
    }

    /** The points of every other applicable leaf: what the agency controls itself. */
    public Share selfControlled() {
        return selfControlled(total, s.totalMax, totalSurvey, s.totalSurveyMax);
    }

    private CriterionScore criterionScore(int i, boolean atRisk, List<TaskRisk> risks) {
        boolean leaf = s.leaf[i];
        boolean counts = s.applicable[i];
        Indicator fact = leaf ? fact(i) : null;
        boolean shown = counts || !leaf;
        return new CriterionScore(s.code[i], s.parentCode[i], s.title[i], leaf,
                shown ? Precision.publish(projected[i]) : null, Precision.publish(s.target[i]),
                Precision.publish(s.baseline[i]), Precision.publish(s.max[i]), leaf ? publishedCompletion(i) : null,
                leaf && selfAssessed(i), atRisk, risks, counts, leaf ? s.ruleSpecOrManual(i) : null,
                leaf ? s.ruleDescription[i] : null, leaf && counts && measured[i] > 0,
                measured[i] == 0 ? null : Precision.publish(earned[i]),
                shown ? Precision.publish(shortfall[i]) : null, fact == null ? null : fact.view(),
                shown ? selfAssessedPoints(i) : null, shown ? appraisedPoints(i) : null, leaf && counts && adjusted(i),
                shown && closedFinal != null ? Precision.publish(closedFinal[i]) : null);
    }

    /** What the criterion's leaves claimed: null for a leaf never self-assessed ("chưa tự chấm") or none below. */
    private BigDecimal selfAssessedPoints(int i) {
        if (closedSelf != null) {
            Appraisal.Leaf settled = s.leaf[i] ? inputs.appraisal().closed().leaves().get(s.code[i]) : null;
            return s.leaf[i] && (settled == null || settled.selfAssessed() == null) ? null : Precision.publish(closedSelf[i]);
        }
        return measured[i] == 0 ? null : Precision.publish(earned[i]);
    }

    private BigDecimal appraisedPoints(int i) {
        return Precision.publish(closedAppraised != null ? closedAppraised[i] : appraised[i]);
    }

    /** Whether the leaf's first appraisal differs from what it claimed (nothing claimed counts 0). */
    private boolean adjusted(int leaf) {
        BigDecimal self;
        BigDecimal appraisal;
        if (closedSelf != null) {
            Appraisal.Leaf settled = inputs.appraisal().closed().leaves().get(s.code[leaf]);
            if (settled == null || settled.appraised() == null) {
                return false;
            }
            self = closedSelf[leaf];
            appraisal = settled.appraised();
        } else {
            appraisal = inputs.appraisal(s.code[leaf]);
            if (appraisal == null) {
                return false;
            }
            self = earned[leaf];
        }
        return Precision.clamp(appraisal, s.max[leaf]).compareTo(self) != 0;
    }

    private AreaScore areaScore(int a, List<String> atRisk, BigDecimal atStake) {
        BigDecimal percent = Precision.publishPercent(projected[a], s.max[a]);
        return new AreaScore(s.code[a], s.title[a], Precision.publish(projected[a]), Precision.publish(s.target[a]),
                Precision.publish(s.baseline[a]), Precision.publish(s.max[a]), percent, List.copyOf(atRisk),
                Precision.publish(shortfall[a]), Precision.publish(atStake),
                measured[a] == 0 ? null : Precision.publish(earned[a]), measured[a],
                survey(surveyProjected[a], s.surveyMax[a]),
                selfControlled(projected[a], s.max[a], surveyProjected[a], s.surveyMax[a]));
    }

    private static Share survey(BigDecimal projected, BigDecimal max) {
        return new Share(Precision.publish(projected), Precision.publish(max));
    }

    private static Share selfControlled(BigDecimal projected, BigDecimal max, BigDecimal surveyProjected,
            BigDecimal surveyMax) {
        return new Share(Precision.publish(projected.subtract(surveyProjected)), Precision.publish(max.subtract(surveyMax)));
    }

    /** A leaf's state under the rule: its points, what they fall short of its target, and what it earned. */
    private record LeafState(BigDecimal value, BigDecimal shortfall, BigDecimal earned, int measured,
            BigDecimal survey, BigDecimal appraised) {
    }

    private LeafState leafState(int leaf) {
        BigDecimal max = s.max[leaf];
        BigDecimal rulePoints = s.rule[leaf].points(fact(leaf), max);
        BigDecimal value;
        if (rulePoints != null) {
            value = rulePoints;
        } else if (s.tasksOf[leaf].length == 0) {
            value = Precision.clamp(s.baseline[leaf], max);
        } else {
            // (target − baseline) × Σf is exact; the one division by the task count comes last, so a mean that
            // terminates (e.g. ×0.5) gives an exact value and only a non-terminating one is cut at 34 digits.
            value = Precision.clamp(s.baseline[leaf].add(s.target[leaf].subtract(s.baseline[leaf])
                    .multiply(completionSum[leaf])
                    .divide(BigDecimal.valueOf(s.tasksOf[leaf].length), Precision.DIVISION)), max);
        }
        BigDecimal gap = s.target[leaf].subtract(value);
        BigDecimal earnedPoints = rulePoints == null ? BigDecimal.ZERO : value;
        BigDecimal appraisal = inputs.appraisal(s.code[leaf]);
        return new LeafState(value, gap.signum() > 0 ? gap : BigDecimal.ZERO, earnedPoints, rulePoints == null ? 0 : 1,
                s.rule[leaf].type() == RuleType.SURVEY ? value : BigDecimal.ZERO,
                appraisal == null ? earnedPoints : Precision.clamp(appraisal, max));
    }

    /** The leaf's latest fact for its rule's type: a self-assessment for MANUAL, else an indicator; or null. */
    private Indicator fact(int leaf) {
        if (s.rule[leaf].type() == RuleType.MANUAL) {
            BigDecimal points = inputs.assessment(s.code[leaf]);
            return points == null ? null : Indicator.of(RuleType.MANUAL, points);
        }
        return inputs.indicator(s.code[leaf]);
    }

    /** Whether the leaf's projection is its latest self-assessment. */
    private boolean selfAssessed(int leaf) {
        return s.rule[leaf].type() == RuleType.MANUAL && s.applicable[leaf] && inputs.assessment(s.code[leaf]) != null;
    }

    private void updateLeaf(int leaf) {
        if (!s.applicable[leaf]) {
            return;
        }
        LeafState now = leafState(leaf);
        BigDecimal dValue = now.value.subtract(projected[leaf]);
        BigDecimal dShortfall = now.shortfall.subtract(shortfall[leaf]);
        BigDecimal dEarned = now.earned.subtract(earned[leaf]);
        int dMeasured = now.measured - measured[leaf];
        BigDecimal dSurvey = now.survey.subtract(surveyProjected[leaf]);
        BigDecimal dAppraised = now.appraised.subtract(appraised[leaf]);
        if (dValue.signum() == 0 && dShortfall.signum() == 0 && dEarned.signum() == 0 && dMeasured == 0
                && dSurvey.signum() == 0 && dAppraised.signum() == 0) {
            return;
        }
        for (int i = leaf; i >= 0; i = s.parent[i]) {
            projected[i] = projected[i].add(dValue);
            shortfall[i] = shortfall[i].add(dShortfall);
            earned[i] = earned[i].add(dEarned);
            measured[i] += dMeasured;
            surveyProjected[i] = surveyProjected[i].add(dSurvey);
            appraised[i] = appraised[i].add(dAppraised);
        }
        total = total.add(dValue);
        totalAppraised = totalAppraised.add(dAppraised);
        totalShortfall = totalShortfall.add(dShortfall);
        totalEarned = totalEarned.add(dEarned);
        totalMeasured += dMeasured;
        totalSurvey = totalSurvey.add(dSurvey);
        areaScores[s.areaSlot[leaf]] = null;
    }

    /** Mean completion of the leaf's tasks in percent, as published; 0 without tasks. */
    private BigDecimal publishedCompletion(int leaf) {
        return Precision.publishMeanPercent(completionSum[leaf], s.tasksOf[leaf].length);
    }

    /**
     * What the score publishes along a leaf's path: the leaf up to its area and the plan, each with its points,
     * shortfall and earned points, the area's survey points, their percents.
     */
    private List<Object> publishedPath(int leaf) {
        List<Object> values = new ArrayList<>(24);
        values.add(publishedCompletion(leaf));
        for (int i = leaf; i >= 0; i = s.parent[i]) {
            values.add(Precision.publish(projected[i]));
            values.add(Precision.publish(shortfall[i]));
            values.add(measured[i] == 0 ? null : Precision.publish(earned[i]));
            values.add(Precision.publish(appraised[i]));
        }
        int a = s.area[leaf];
        values.add(Precision.publishPercent(projected[a], s.max[a]));
        values.add(Precision.publish(surveyProjected[a]));
        values.add(Precision.publish(total));
        values.add(Precision.publishPercent(total, s.totalMax));
        values.add(Precision.publish(totalShortfall));
        values.add(totalMeasured == 0 ? null : Precision.publish(totalEarned));
        values.add(Precision.publish(totalSurvey));
        values.add(Precision.publish(totalAppraised));
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
