package vn.par.progress.rule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A leaf's scoring rule, read from the plan snapshot's canonical JSON, and the points a fact gives under it, exactly
 * as docs/contracts/scoring-rules.md states them. Every result is clamped to {@code [0, max]}, {@code max} being the
 * leaf's derived maximum. Only a ratio divides, once, in {@link MathContext#DECIMAL128}; everything else is exact.
 */
public sealed interface Rule {

    RuleType type();

    /** The points {@code fact} (checked by {@link FactCheck}) gives under this rule, before clamping. */
    BigDecimal score(Fact fact, BigDecimal max);

    /** The points {@code fact} gives under this rule, clamped to {@code [0, max]}. */
    default BigDecimal points(Fact fact, BigDecimal max) {
        return score(fact, max).min(max).max(BigDecimal.ZERO);
    }

    /** Named outcomes: the chosen option's points. */
    record Tiers(List<Option> options) implements Rule {

        public record Option(String key, String label, BigDecimal points) {
        }

        @Override
        public RuleType type() {
            return RuleType.TIERS;
        }

        public Optional<Option> option(String key) {
            return options.stream().filter(o -> o.key().equals(key)).findFirst();
        }

        @Override
        public BigDecimal score(Fact fact, BigDecimal max) {
            return option(fact.option()).orElseThrow(() -> new IllegalArgumentException(
                    "option " + fact.option() + " is not one of the rule's")).points();
        }
    }

    /** Ranges of a value: the points of the first range that contains it, 0 when none does. */
    record Brackets(List<Bracket> brackets) implements Rule {

        /** A range; a null end is open. */
        public record Bracket(BigDecimal min, boolean minInclusive, BigDecimal max, boolean maxInclusive,
                BigDecimal points) {

            public boolean contains(BigDecimal value) {
                boolean aboveMin = min == null || (minInclusive ? value.compareTo(min) >= 0 : value.compareTo(min) > 0);
                boolean belowMax = max == null || (maxInclusive ? value.compareTo(max) <= 0 : value.compareTo(max) < 0);
                return aboveMin && belowMax;
            }
        }

        @Override
        public RuleType type() {
            return RuleType.BRACKETS;
        }

        @Override
        public BigDecimal score(Fact fact, BigDecimal max) {
            return brackets.stream().filter(b -> b.contains(fact.value())).findFirst().map(Bracket::points)
                    .orElse(BigDecimal.ZERO);
        }
    }

    /**
     * A rate: {@code max × min(1, (numerator / denominator × 100) / fullAt)}, or {@code whenNoCases} when the
     * denominator is 0.
     */
    record Ratio(BigDecimal fullAt, NoCases whenNoCases) implements Rule {

        /** What a ratio without cases gives: the maximum ({@code FULL}), nothing ({@code ZERO}) or fixed points. */
        public record NoCases(String word, BigDecimal points) {
            public static final NoCases FULL = new NoCases("FULL", null);
            public static final NoCases ZERO = new NoCases("ZERO", null);

            BigDecimal score(BigDecimal max) {
                return FULL.equals(this) ? max : ZERO.equals(this) ? BigDecimal.ZERO : points;
            }
        }

        @Override
        public RuleType type() {
            return RuleType.RATIO;
        }

        @Override
        public BigDecimal score(Fact fact, BigDecimal max) {
            if (fact.denominator().signum() == 0) {
                return whenNoCases.score(max);
            }
            // max × numerator × 100 / (denominator × fullAt): the products are exact, the one division last.
            BigDecimal share = max.multiply(fact.numerator()).movePointRight(2)
                    .divide(fact.denominator().multiply(fullAt), MathContext.DECIMAL128);
            return share.min(max);
        }
    }

    /** Points per counted item, at most the maximum. */
    record Count(BigDecimal perUnit) implements Rule {
        @Override
        public RuleType type() {
            return RuleType.COUNT;
        }

        @Override
        public BigDecimal score(Fact fact, BigDecimal max) {
            return fact.count().multiply(perUnit).min(max);
        }
    }

    /** The maximum less points per violation, at least 0. */
    record Deduction(BigDecimal perViolation) implements Rule {
        @Override
        public RuleType type() {
            return RuleType.DEDUCTION;
        }

        @Override
        public BigDecimal score(Fact fact, BigDecimal max) {
            return max.subtract(fact.violations().multiply(perViolation)).max(BigDecimal.ZERO);
        }
    }

    /** The survey's share of favourable answers of the maximum: {@code max × percent / 100}. */
    record Survey() implements Rule {
        @Override
        public RuleType type() {
            return RuleType.SURVEY;
        }

        @Override
        public BigDecimal score(Fact fact, BigDecimal max) {
            return max.multiply(fact.percent()).movePointLeft(2);
        }
    }

    /** The points the lead unit declares (self-assessment). */
    record Manual() implements Rule {
        @Override
        public RuleType type() {
            return RuleType.MANUAL;
        }

        @Override
        public BigDecimal score(Fact fact, BigDecimal max) {
            return fact.points();
        }
    }

    /** A rule that cannot be read: the snapshot carrying it breaks the contract. */
    class UnreadableRuleException extends IllegalArgumentException {
        public UnreadableRuleException(String message) {
            super(message);
        }
    }

    /**
     * The rule of a leaf from its snapshot's {@code rule}: a leaf without one (a snapshot from before rules
     * existed) is scored {@code MANUAL}. Defaults a canonical rule writes out may be left out here
     * ({@code minInclusive} true, {@code maxInclusive} false, {@code fullAt} 100, {@code whenNoCases} FULL).
     *
     * @throws UnreadableRuleException naming the member that cannot be read
     */
    static Rule ofLeaf(JsonNode rule) {
        if (rule == null || rule.isNull() || rule.isMissingNode()) {
            return new Manual();
        }
        if (!rule.isObject()) {
            throw new UnreadableRuleException("rule is not a JSON object");
        }
        String type = text(rule, "type", "rule.type");
        return switch (type) {
            case "TIERS" -> new Tiers(tiers(rule));
            case "BRACKETS" -> new Brackets(brackets(rule));
            case "RATIO" -> ratio(rule);
            case "COUNT" -> new Count(positive(rule, "perUnit"));
            case "DEDUCTION" -> new Deduction(positive(rule, "perViolation"));
            case "SURVEY" -> new Survey();
            case "MANUAL" -> new Manual();
            default -> throw new UnreadableRuleException("rule.type " + type + " is not a known rule type");
        };
    }

    private static List<Tiers.Option> tiers(JsonNode rule) {
        List<Tiers.Option> options = new ArrayList<>();
        JsonNode list = array(rule, "options");
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "rule.options[" + i + "]";
            String key = text(o, "key", at + ".key");
            JsonNode label = o.get("label");
            options.add(new Tiers.Option(key, label != null && label.isTextual() ? label.asText() : key,
                    number(o, "points", at + ".points", null)));
        }
        return List.copyOf(options);
    }

    private static List<Brackets.Bracket> brackets(JsonNode rule) {
        List<Brackets.Bracket> brackets = new ArrayList<>();
        JsonNode list = array(rule, "brackets");
        for (int i = 0; i < list.size(); i++) {
            JsonNode b = list.get(i);
            String at = "rule.brackets[" + i + "]";
            brackets.add(new Brackets.Bracket(optionalNumber(b, "min", at + ".min"), flag(b, "minInclusive", at, true),
                    optionalNumber(b, "max", at + ".max"), flag(b, "maxInclusive", at, false),
                    number(b, "points", at + ".points", null)));
        }
        return List.copyOf(brackets);
    }

    private static Ratio ratio(JsonNode rule) {
        BigDecimal fullAt = number(rule, "fullAt", "rule.fullAt", BigDecimal.valueOf(100));
        if (fullAt.signum() <= 0) {
            throw new UnreadableRuleException("rule.fullAt " + fullAt + " is not above 0");
        }
        JsonNode noCases = rule.get("whenNoCases");
        Ratio.NoCases whenNoCases;
        if (noCases == null || noCases.isNull() || "FULL".equals(noCases.asText(null))) {
            whenNoCases = Ratio.NoCases.FULL;
        } else if ("ZERO".equals(noCases.asText(null))) {
            whenNoCases = Ratio.NoCases.ZERO;
        } else if (noCases.isNumber()) {
            whenNoCases = new Ratio.NoCases(null, noCases.decimalValue());
        } else {
            throw new UnreadableRuleException("rule.whenNoCases is not FULL, ZERO or a number");
        }
        return new Ratio(fullAt, whenNoCases);
    }

    private static BigDecimal positive(JsonNode rule, String name) {
        BigDecimal value = number(rule, name, "rule." + name, null);
        if (value.signum() <= 0) {
            throw new UnreadableRuleException("rule." + name + " " + value + " is not above 0");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String name) {
        JsonNode array = node.get(name);
        if (array == null || !array.isArray()) {
            throw new UnreadableRuleException("rule." + name + " is missing or not a list");
        }
        return array;
    }

    private static String text(JsonNode node, String name, String at) {
        JsonNode text = node == null ? null : node.get(name);
        if (text == null || !text.isTextual()) {
            throw new UnreadableRuleException(at + " is missing or not text");
        }
        return text.asText();
    }

    private static BigDecimal number(JsonNode node, String name, String at, BigDecimal byDefault) {
        JsonNode number = node == null ? null : node.get(name);
        if (number == null || number.isNull()) {
            if (byDefault == null) {
                throw new UnreadableRuleException(at + " is missing");
            }
            return byDefault;
        }
        if (!number.isNumber()) {
            throw new UnreadableRuleException(at + " is not a number");
        }
        return number.decimalValue();
    }

    private static BigDecimal optionalNumber(JsonNode node, String name, String at) {
        JsonNode number = node == null ? null : node.get(name);
        return number == null || number.isNull() ? null : number(node, name, at, null);
    }

    private static boolean flag(JsonNode node, String name, String at, boolean byDefault) {
        JsonNode flag = node.get(name);
        if (flag == null || flag.isNull()) {
            return byDefault;
        }
        if (!flag.isBoolean()) {
            throw new UnreadableRuleException(at + "." + name + " is not true or false");
        }
        return flag.booleanValue();
    }
}
