package vn.par.scoring.projection;

/** The kinds of scoring rule a leaf criterion may carry (docs/contracts/scoring-rules.md). */
public enum RuleType {
    /** Named outcomes, each with its points. */
    TIERS,
    /** A measured number; the first bracket that contains it gives the points. */
    BRACKETS,
    /** max × min(1, rate / fullAt), with a fixed answer when there are no cases. */
    RATIO,
    /** count × perUnit, capped at the maximum. */
    COUNT,
    /** max − violations × perViolation, floored at 0. */
    DEDUCTION,
    /** max × the survey's favourable share; entered by an administrator, never by a unit. */
    SURVEY,
    /** Points declared directly: the self-assessment. */
    MANUAL;

    /** The type named {@code name}, or null for a name this service does not know (a newer producer's). */
    public static RuleType named(String name) {
        for (RuleType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
