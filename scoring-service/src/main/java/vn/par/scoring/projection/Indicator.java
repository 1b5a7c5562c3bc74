package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The fact a lead unit reported for a leaf, under the rule type it was reported for: an option (TIERS), a value
 * (BRACKETS), a numerator over a denominator (RATIO), a count (COUNT), a number of violations (DEDUCTION), a survey
 * percent (SURVEY) or points (MANUAL, a self-assessment).
 *
 * @param option      the chosen option's key; TIERS only
 * @param number      value, numerator, count, violations, percent or points, by type; null for TIERS
 * @param denominator RATIO only
 */
public record Indicator(RuleType type, String option, BigDecimal number, BigDecimal denominator) {

    public Indicator {
        Objects.requireNonNull(type, "type");
    }

    public static Indicator option(String key) {
        return new Indicator(RuleType.TIERS, Objects.requireNonNull(key, "option"), null, null);
    }

    public static Indicator ratio(BigDecimal numerator, BigDecimal denominator) {
        return new Indicator(RuleType.RATIO, null, Objects.requireNonNull(numerator, "numerator"),
                Objects.requireNonNull(denominator, "denominator"));
    }

    /** A one-number fact: BRACKETS value, COUNT count, DEDUCTION violations, SURVEY percent or MANUAL points. */
    public static Indicator of(RuleType type, BigDecimal number) {
        if (type == RuleType.TIERS || type == RuleType.RATIO) {
            throw new IllegalArgumentException(type + " is not a one-number fact");
        }
        return new Indicator(type, null, Objects.requireNonNull(number, "number"), null);
    }

    /** The fact as the API shows it: the contract's member names for its type. */
    public IndicatorView view() {
        return switch (type) {
            case TIERS -> new IndicatorView(type, option, null, null, null, null, null, null, null);
            case BRACKETS -> new IndicatorView(type, null, number, null, null, null, null, null, null);
            case RATIO -> new IndicatorView(type, null, null, number, denominator, null, null, null, null);
            case COUNT -> new IndicatorView(type, null, null, null, null, number, null, null, null);
            case DEDUCTION -> new IndicatorView(type, null, null, null, null, null, number, null, null);
            case SURVEY -> new IndicatorView(type, null, null, null, null, null, null, number, null);
            case MANUAL -> new IndicatorView(type, null, null, null, null, null, null, null, number);
        };
    }
}
