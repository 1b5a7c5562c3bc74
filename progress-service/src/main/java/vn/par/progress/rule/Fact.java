package vn.par.progress.rule;

import java.math.BigDecimal;

/**
 * What a unit reports for a leaf, as the API names it. A fact of one rule type has exactly that type's members
 * ({@link RuleType#members()}); the others are null.
 */
public record Fact(String option, BigDecimal value, BigDecimal numerator, BigDecimal denominator, BigDecimal count,
        BigDecimal violations, BigDecimal percent, BigDecimal points) {

    public static Fact option(String option) {
        return new Fact(option, null, null, null, null, null, null, null);
    }

    public static Fact value(BigDecimal value) {
        return new Fact(null, value, null, null, null, null, null, null);
    }

    public static Fact ratio(BigDecimal numerator, BigDecimal denominator) {
        return new Fact(null, null, numerator, denominator, null, null, null, null);
    }

    public static Fact count(BigDecimal count) {
        return new Fact(null, null, null, null, count, null, null, null);
    }

    public static Fact violations(BigDecimal violations) {
        return new Fact(null, null, null, null, null, violations, null, null);
    }

    public static Fact percent(BigDecimal percent) {
        return new Fact(null, null, null, null, null, null, percent, null);
    }

    public static Fact points(BigDecimal points) {
        return new Fact(null, null, null, null, null, null, null, points);
    }

    /** The member named as in the API, or null when absent. */
    public Object member(String name) {
        return switch (name) {
            case "option" -> option;
            case "value" -> value;
            case "numerator" -> numerator;
            case "denominator" -> denominator;
            case "count" -> count;
            case "violations" -> violations;
            case "percent" -> percent;
            case "points" -> points;
            default -> throw new IllegalArgumentException("no fact member " + name);
        };
    }
}
