package vn.par.progress.rule;

import java.util.List;

/** The seven ways a leaf is scored, each over its own fact (docs/contracts/scoring-rules.md). */
public enum RuleType {
    /** Named outcomes: the chosen option's points. */
    TIERS(List.of("option")),
    /** Ranges of a value: the first range that contains it. */
    BRACKETS(List.of("value")),
    /** A rate, full points from {@code fullAt} percent on. */
    RATIO(List.of("numerator", "denominator")),
    /** Points per counted item, capped at the maximum. */
    COUNT(List.of("count")),
    /** The maximum less points per violation, floored at 0. */
    DEDUCTION(List.of("violations")),
    /** The share of favourable answers of a sociological survey; entered by administrators only. */
    SURVEY(List.of("percent")),
    /** Points declared by the lead unit: a self-assessment. */
    MANUAL(List.of("points"));

    /** Every member a fact of any type can have, in the order the API and events write them. */
    public static final List<String> ALL_MEMBERS = List.of("option", "value", "numerator", "denominator", "count",
            "violations", "percent", "points");

    private final List<String> members;

    RuleType(List<String> members) {
        this.members = members;
    }

    /** The members of a fact of this type, all required. */
    public List<String> members() {
        return members;
    }
}
