package vn.par.progress.indicator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import vn.par.progress.rule.Decimals;
import vn.par.progress.rule.RuleType;

/**
 * The data of an {@code IndicatorReported} event on par.progress (docs/contracts/scoring-rules.md): exactly the
 * fact members of {@code ruleType}, and the points rounded half up to 4 decimals for consumers that do not evaluate
 * rules.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorReported(UUID indicatorId, UUID planId, String criterionCode, String unit, RuleType ruleType,
        String option, BigDecimal value, BigDecimal numerator, BigDecimal denominator, Long count, Long violations,
        BigDecimal percent, BigDecimal points, String reportedBy, Instant reportedAt) {

    public static final String TYPE = "IndicatorReported";

    static IndicatorReported of(Indicator i) {
        return new IndicatorReported(i.id, i.planId, i.criterionCode, i.unit, i.ruleType, i.option, plain(i.value),
                plain(i.numerator), plain(i.denominator), i.count, i.violations, plain(i.percent), Decimals.rounded(i.points),
                i.reportedBy, i.reportedAt);
    }

    private static BigDecimal plain(BigDecimal number) {
        return number == null ? null : Decimals.plain(number);
    }
}
