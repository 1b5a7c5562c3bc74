package vn.par.progress.indicator;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A leaf of a plan with its indicators.
 *
 * @param rule    the leaf's current rule, canonical JSON as the plan carries it
 * @param latest  the indicator that counts: the latest one that fits the current rule (for {@code MANUAL} the latest
 *                self-assessment; otherwise the latest indicator of the rule's type, for {@code TIERS} only while its
 *                option is still one of the rule's), null when none does
 * @param points  what {@code latest} gives under the current rule and maximum, null without one
 * @param history the leaf's indicators and self-assessments of every type, newest first, at most
 *                {@value IndicatorService#HISTORY}
 */
public record LeafIndicators(String criterionCode, String criterionTitle, String areaCode, JsonNode rule,
        String ruleDescription, boolean applicable, String notApplicableReason, BigDecimal maxPoints, IndicatorView latest,
        BigDecimal points, List<IndicatorView> history) {
}
