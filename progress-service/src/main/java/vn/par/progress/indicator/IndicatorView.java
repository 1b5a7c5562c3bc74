package vn.par.progress.indicator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.par.progress.assessment.SelfAssessment;
import vn.par.progress.report.Evidence;
import vn.par.progress.rule.Decimals;
import vn.par.progress.rule.Fact;
import vn.par.progress.rule.RuleType;

/**
 * A stored indicator as the API returns it: the fact members of its {@code ruleType} (the others left out), and
 * {@code points}, what it gave under the rule when it was reported, exact. A self-assessment is shown as a
 * {@code MANUAL} indicator.
 */
public record IndicatorView(UUID id, UUID planId, String criterionCode, String unit, RuleType ruleType,
        @JsonInclude(JsonInclude.Include.NON_NULL) String option,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal value,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal numerator,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal denominator,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long count,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long violations,
        @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal percent,
        BigDecimal points, String comment, List<Evidence> evidence, String reportedBy, Instant reportedAt) {

    /** The fact it reported, to score it again under another rule or maximum. */
    public Fact fact() {
        return ruleType == RuleType.MANUAL ? Fact.points(points)
                : new Fact(option, value, numerator, denominator, count == null ? null : BigDecimal.valueOf(count),
                        violations == null ? null : BigDecimal.valueOf(violations), percent, null);
    }

    public static IndicatorView of(Indicator i) {
        return new IndicatorView(i.id, i.planId, i.criterionCode, i.unit, i.ruleType, i.option, plain(i.value),
                plain(i.numerator), plain(i.denominator), i.count, i.violations, plain(i.percent), plain(i.points),
                i.comment, i.evidence, i.reportedBy, i.reportedAt);
    }

    public static IndicatorView of(SelfAssessment a) {
        return new IndicatorView(a.id, a.planId, a.criterionCode, a.unit, RuleType.MANUAL, null, null, null, null, null,
                null, null, plain(a.points), a.comment, a.evidence, a.assessedBy, a.assessedAt);
    }

    private static BigDecimal plain(BigDecimal number) {
        return number == null ? null : Decimals.plain(number);
    }
}
