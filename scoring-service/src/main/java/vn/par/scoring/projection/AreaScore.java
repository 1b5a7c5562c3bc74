package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.util.List;

/**
 * One area (top-level criterion) as published: points rounded to 2 decimals from the exact values, over its
 * applicable leaves.
 *
 * @param atRisk         codes of the area's leaves at risk, in tree order
 * @param shortfall      Σ over its applicable leaves of max(0, target − projected)
 * @param atStake        Σ of the targets of its leaves at risk
 * @param earned         what its measured leaves earned under their rules; null when none is measured
 * @param measuredLeaves how many of its applicable leaves are measured
 * @param survey         its SURVEY leaves' points: projected of max
 * @param selfControlled every other applicable leaf's points: projected of max
 */
public record AreaScore(String code, String title, BigDecimal projected, BigDecimal target, BigDecimal baseline,
        BigDecimal max, BigDecimal percent, List<String> atRisk, BigDecimal shortfall, BigDecimal atStake,
        BigDecimal earned, Integer measuredLeaves, Share survey, Share selfControlled) {
}
