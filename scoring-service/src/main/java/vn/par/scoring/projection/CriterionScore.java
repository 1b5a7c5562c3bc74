package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.util.List;

/**
 * One criterion as published.
 *
 * @param projected       null for a leaf that is not applicable: it counts nowhere
 * @param completion      for a leaf, the mean completion of its tasks in percent (0..100; 0 without tasks); null for
 *                        a parent, whose points are the sum of its children's rather than a completion
 * @param selfAssessed    whether the leaf's projected points are its latest self-assessment (a MANUAL leaf's fact)
 * @param atRisk          for a leaf, whether one of its tasks is blocked or overdue; for a parent, whether a leaf
 *                        below it is
 * @param risks           for an at-risk leaf, the tasks that make it so; empty otherwise
 * @param applicable      false for a leaf flagged "Không áp dụng", and for a parent all of whose leaves are
 * @param rule            a leaf's scoring rule (MANUAL when none was set); null for a parent
 * @param ruleDescription a leaf's rule in Vietnamese words, as criteria-service wrote it; null when it wrote none
 * @param measured        whether the leaf has a fact that fits its rule, so its points are the rule's
 * @param earned          the rule's points of the measured leaves at or below this criterion; null when none is
 * @param shortfall       Σ over the applicable leaves at or below of max(0, target − projected); null for a leaf
 *                        that is not applicable
 * @param indicator       a leaf's latest fact for its rule (the self-assessment for MANUAL), or null
 * @param selfAssessedPoints what the leaf claimed under its rule for the appraisal (a parent: the sum of its
 *                        leaves'); null for a leaf never self-assessed
 * @param appraisedPoints the first appraisal, else the self-assessed points (summed for a parent)
 * @param adjusted        whether the leaf's first appraisal differs from what it claimed
 * @param finalPoints     once the year is closed, the settled points; null before
 */
public record CriterionScore(String code, String parentCode, String title, boolean leaf, BigDecimal projected,
        BigDecimal target, BigDecimal baseline, BigDecimal max, BigDecimal completion, boolean selfAssessed,
        boolean atRisk, List<TaskRisk> risks, boolean applicable, PlanSnapshot.Rule rule, String ruleDescription,
        boolean measured, BigDecimal earned, BigDecimal shortfall, IndicatorView indicator,
        BigDecimal selfAssessedPoints, BigDecimal appraisedPoints, boolean adjusted, BigDecimal finalPoints) {
}
