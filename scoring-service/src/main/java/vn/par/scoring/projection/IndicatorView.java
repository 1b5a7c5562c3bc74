package vn.par.scoring.projection;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A leaf's measured fact in a score answer, with only the members of its rule type. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorView(RuleType ruleType, String option, BigDecimal value, BigDecimal numerator,
        BigDecimal denominator, BigDecimal count, BigDecimal violations, BigDecimal percent, BigDecimal points) {
}
