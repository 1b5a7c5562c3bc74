package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.util.List;

/**
 * One criterion as published.
 *
 * @param completion   for a leaf, the mean completion of its tasks in percent (0..100; 0 without tasks); null for
 *                     a parent, whose points are the sum of its children's rather than a completion
 * @param selfAssessed whether the leaf's projected points are its latest self-assessment
 * @param atRisk       for a leaf, whether one of its tasks is blocked or overdue; for a parent, whether a leaf
 *                     below it is
 * @param risks        for an at-risk leaf, the tasks that make it so; empty otherwise
 */
public record CriterionScore(String code, String parentCode, String title, boolean leaf, BigDecimal projected,
        BigDecimal target, BigDecimal baseline, BigDecimal max, BigDecimal completion, boolean selfAssessed,
        boolean atRisk, List<TaskRisk> risks) {
}
