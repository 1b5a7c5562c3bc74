package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A leaf's scoring rule, applied to the fact its lead unit reported (docs/contracts/scoring-rules.md). Every result
 * is exact and clamped to [0, max], but for the one division (RATIO), carried to {@link Precision#RULE_QUOTIENT_SCALE}
 * decimal places.
 *
 * <p>A fact fits a rule when it was reported for the same type (and, for TIERS, names one of its options): a rule
 * changed after the fact was reported makes the leaf unmeasured again rather than scoring a fact against a rule it
 * was not meant for.
 */
public sealed interface ScoringRule {

    ScoringRule MANUAL = new Manual();

    BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The rule's type; null for a type this service does not know. */
    RuleType type();

    /** The points {@code fact} gives on a leaf of maximum {@code max}, or null when the fact does not fit. */
    default BigDecimal points(Indicator fact, BigDecimal max) {
        if (fact == null || fact.type() != type()) {
            return null;
        }
        BigDecimal points = raw(fact, max);
        return points == null ? null : Precision.clamp(points, max);
    }

    /** The points before clamping; null when the fact does not fit. Called with a fact of this rule's type. */
    BigDecimal raw(Indicator fact, BigDecimal max);

    /**
     * The rule a snapshot describes. Lenient, because a snapshot is applied, not judged: absent defaults are
     * criteria-service's, a missing rule is MANUAL, and a type this service does not know (a newer producer's) is a
     * rule no fact fits, so such a leaf keeps its projection from task progress.
     */
    static ScoringRule of(PlanSnapshot.Rule spec) {
        if (spec == null || spec.type() == null) {
            return MANUAL;
        }
        RuleType type = RuleType.named(spec.type());
        if (type == null) {
            return new Unknown(spec.type());
        }
        return switch (type) {
            case TIERS -> {
                Map<String, BigDecimal> options = new LinkedHashMap<>();
                for (PlanSnapshot.Option o : spec.options() == null ? List.<PlanSnapshot.Option> of() : spec.options()) {
                    if (o != null && o.key() != null) {
                        options.putIfAbsent(o.key(), orZero(o.points()));
                    }
                }
                yield new Tiers(options);
            }
            case BRACKETS -> new Brackets(spec.brackets() == null ? List.of() : spec.brackets().stream()
                    .filter(b -> b != null).map(b -> new Bracket(b.min(), !Boolean.FALSE.equals(b.minInclusive()),
                            b.max(), Boolean.TRUE.equals(b.maxInclusive()), orZero(b.points())))
                    .toList());
            case RATIO -> new Ratio(spec.fullAt() == null || spec.fullAt().signum() <= 0 ? HUNDRED : spec.fullAt(),
                    noCasesPoints(spec.whenNoCases()));
            case COUNT -> new Count(orZero(spec.perUnit()));
            case DEDUCTION -> new Deduction(orZero(spec.perViolation()));
            case SURVEY -> new Survey();
            case MANUAL -> MANUAL;
        };
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** {@code whenNoCases} as points: null for FULL (the leaf's maximum, known only when scoring), 0 for ZERO. */
    private static BigDecimal noCasesPoints(String whenNoCases) {
        if (whenNoCases == null || whenNoCases.equals("FULL")) {
            return null;
        }
        if (whenNoCases.equals("ZERO")) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(whenNoCases);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Named outcomes: the chosen option's points. */
    record Tiers(Map<String, BigDecimal> options) implements ScoringRule {
        public RuleType type() {
            return RuleType.TIERS;
        }

        public BigDecimal raw(Indicator fact, BigDecimal max) {
            return options.get(fact.option());
        }
    }

    /** One bracket of a BRACKETS rule; an absent end is open. */
    record Bracket(BigDecimal min, boolean minInclusive, BigDecimal max, boolean maxInclusive, BigDecimal points) {
        boolean contains(BigDecimal v) {
            boolean aboveMin = min == null || (minInclusive ? v.compareTo(min) >= 0 : v.compareTo(min) > 0);
            boolean belowMax = max == null || (maxInclusive ? v.compareTo(max) <= 0 : v.compareTo(max) < 0);
            return aboveMin && belowMax;
        }
    }

    /** The first bracket that contains the value gives the points; none gives 0. */
    record Brackets(List<Bracket> brackets) implements ScoringRule {
        public RuleType type() {
            return RuleType.BRACKETS;
        }

        public BigDecimal raw(Indicator fact, BigDecimal max) {
            for (Bracket b : brackets) {
                if (b.contains(fact.number())) {
                    return b.points();
                }
            }
            return BigDecimal.ZERO;
        }
    }

    /**
     * {@code max × min(1, (numerator / denominator × 100) / fullAt)}, written as one division at the end
     * ({@code max × numerator × 100 / (denominator × fullAt)}) so a quotient that terminates within
     * {@link Precision#RULE_QUOTIENT_SCALE} places stays exact; with no
     * cases (denominator 0), {@code noCasesPoints}, or the maximum when that is null (FULL).
     */
    record Ratio(BigDecimal fullAt, BigDecimal noCasesPoints) implements ScoringRule {
        public RuleType type() {
            return RuleType.RATIO;
        }

        public BigDecimal raw(Indicator fact, BigDecimal max) {
            BigDecimal numerator = fact.number();
            BigDecimal denominator = fact.denominator();
            if (denominator.signum() == 0) {
                return noCasesPoints == null ? max : noCasesPoints;
            }
            BigDecimal scaledRate = numerator.multiply(HUNDRED);
            BigDecimal full = denominator.multiply(fullAt);
            if (scaledRate.compareTo(full) >= 0) {
                return max;
            }
            return max.multiply(scaledRate).divide(full, Precision.RULE_QUOTIENT_SCALE, RoundingMode.HALF_EVEN);
        }
    }

    /** {@code count × perUnit}, capped at the maximum by the clamp. */
    record Count(BigDecimal perUnit) implements ScoringRule {
        public RuleType type() {
            return RuleType.COUNT;
        }

        public BigDecimal raw(Indicator fact, BigDecimal max) {
            return fact.number().multiply(perUnit);
        }
    }

    /** {@code max − violations × perViolation}, floored at 0 by the clamp. */
    record Deduction(BigDecimal perViolation) implements ScoringRule {
        public RuleType type() {
            return RuleType.DEDUCTION;
        }

        public BigDecimal raw(Indicator fact, BigDecimal max) {
            return max.subtract(fact.number().multiply(perViolation));
        }
    }

    /** {@code max × percent / 100}. */
    record Survey() implements ScoringRule {
        public RuleType type() {
            return RuleType.SURVEY;
        }

        public BigDecimal raw(Indicator fact, BigDecimal max) {
            return max.multiply(fact.number()).movePointLeft(2);
        }
    }

    /** Points declared directly (a self-assessment). */
    record Manual() implements ScoringRule {
        public RuleType type() {
            return RuleType.MANUAL;
        }

        public BigDecimal raw(Indicator fact, BigDecimal max) {
            return fact.number();
        }
    }

    /** A type this service does not know: no fact fits it. */
    record Unknown(String name) implements ScoringRule {
        public RuleType type() {
            return null;
        }

        public BigDecimal raw(Indicator fact, BigDecimal max) {
            return null;
        }
    }
}
