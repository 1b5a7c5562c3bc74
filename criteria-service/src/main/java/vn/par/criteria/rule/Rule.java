package vn.par.criteria.rule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a leaf criterion is scored from the fact a lead unit reports (docs/contracts/scoring-rules.md). Records are
 * built by {@link RuleJson#read}, which refuses every rule the contract refuses, so a record always holds a
 * valid rule with its numbers normalised.
 */
public sealed interface Rule {

    /** The contract's name of the type: {@code TIERS}, {@code BRACKETS}, ... */
    String type();

    /** The canonical form: members in the contract's order, every default written out. */
    ObjectNode toJson();

    /** The rule in Vietnamese words, for people and for consumers that show it. */
    String describe();

    /** The largest points the rule names itself (a tier's, a bracket's, a numeric whenNoCases); 0 when none. */
    BigDecimal highestPoints();

    /** {@link #toJson()} as text: what the database and the audit trail keep. */
    default String canonical() {
        return RuleJson.write(toJson());
    }

    /** One outcome of a {@link Tiers} rule. */
    record Option(String key, String label, BigDecimal points) {
    }

    /** The reporter picks one option; its points are the leaf's. */
    record Tiers(List<Option> options) implements Rule {

        public Tiers {
            options = List.copyOf(options);
        }

        @Override
        public String type() {
            return "TIERS";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = typed(type());
            ArrayNode array = json.putArray("options");
            for (Option o : options) {
                array.addObject().put("key", o.key()).put("label", o.label()).put("points", o.points());
            }
            return json;
        }

        @Override
        public String describe() {
            return options.stream().map(o -> o.label() + ": " + pointsWords(o.points())).collect(Collectors.joining("; "));
        }

        @Override
        public BigDecimal highestPoints() {
            return options.stream().map(Option::points).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
        }
    }

    /** A range of values and its points; a {@code null} end is unbounded. */
    record Bracket(BigDecimal min, boolean minInclusive, BigDecimal max, boolean maxInclusive, BigDecimal points) {

        /** "từ 4 đến dưới 8", "trên 90", "dưới 70", "bằng 5". */
        String range() {
            if (min == null && max == null) {
                return "mọi giá trị";
            }
            if (max == null) {
                return minInclusive ? "từ " + Decimals.words(min) + " trở lên" : "trên " + Decimals.words(min);
            }
            if (min == null) {
                return maxInclusive ? "không quá " + Decimals.words(max) : "dưới " + Decimals.words(max);
            }
            if (min.compareTo(max) == 0) {
                return "bằng " + Decimals.words(min);
            }
            return (minInclusive ? "từ " : "trên ") + Decimals.words(min) + " đến " + (maxInclusive ? "" : "dưới ")
                    + Decimals.words(max);
        }

        /** Whether the bracket holds {@code value}. */
        boolean contains(BigDecimal value) {
            boolean aboveMin = min == null || (minInclusive ? value.compareTo(min) >= 0 : value.compareTo(min) > 0);
            boolean belowMax = max == null || (maxInclusive ? value.compareTo(max) <= 0 : value.compareTo(max) < 0);
            return aboveMin && belowMax;
        }
    }

    /** The reporter gives a value; the first bracket holding it gives the points, none gives 0. */
    record Brackets(List<Bracket> brackets) implements Rule {

        public Brackets {
            brackets = List.copyOf(brackets);
        }

        @Override
        public String type() {
            return "BRACKETS";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = typed(type());
            ArrayNode array = json.putArray("brackets");
            for (Bracket b : brackets) {
                array.addObject().put("min", b.min()).put("minInclusive", b.minInclusive()).put("max", b.max())
                        .put("maxInclusive", b.maxInclusive()).put("points", b.points());
            }
            return json;
        }

        @Override
        public String describe() {
            List<String> parts = new ArrayList<>();
            for (Bracket b : brackets) {
                parts.add(b.range() + ": " + pointsWords(b.points()));
            }
            if (!coversEveryValue()) {
                parts.add("giá trị khác: 0 điểm");
            }
            String text = String.join("; ", parts);
            return Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }

        @Override
        public BigDecimal highestPoints() {
            return brackets.stream().map(Bracket::points).max(Comparator.naturalOrder()).orElse(BigDecimal.ZERO);
        }

        /**
         * Whether every value a unit can report (0 and above) falls in some bracket: walking the brackets by their
         * lower end, each must start where the values covered so far end, with no number left out between them.
         */
        boolean coversEveryValue() {
            List<Bracket> sorted = new ArrayList<>(brackets);
            sorted.sort(Comparator.comparing(Bracket::min, Comparator.nullsFirst(Comparator.naturalOrder())));
            // Covered so far: [0, reach), plus reach itself when reachCovered.
            BigDecimal reach = BigDecimal.ZERO;
            boolean reachCovered = false;
            for (Bracket b : sorted) {
                boolean joins = b.min() == null || b.min().compareTo(reach) < 0
                        || (b.min().compareTo(reach) == 0 && (b.minInclusive() || reachCovered));
                if (!joins) {
                    return false;
                }
                if (b.max() == null) {
                    return true;
                }
                int c = b.max().compareTo(reach);
                if (c > 0) {
                    reach = b.max();
                    reachCovered = b.maxInclusive();
                } else if (c == 0) {
                    reachCovered = reachCovered || b.maxInclusive();
                }
            }
            return false;
        }
    }

    /** What a {@link Ratio} gives when there was no case at all (denominator 0). */
    sealed interface WhenNoCases {
    }

    /** Full points or none. */
    enum NoCasesScore implements WhenNoCases {
        FULL, ZERO
    }

    /** A fixed number of points. */
    record NoCasesPoints(BigDecimal points) implements WhenNoCases {
    }

    /** {@code max × min(1, rate / fullAt)}, the rate being numerator / denominator in percent. */
    record Ratio(BigDecimal fullAt, WhenNoCases whenNoCases) implements Rule {

        @Override
        public String type() {
            return "RATIO";
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = typed(type()).put("fullAt", fullAt);
            if (whenNoCases instanceof NoCasesPoints p) {
                json.put("whenNoCases", p.points());
            } else {
                json.put("whenNoCases", ((NoCasesScore) whenNoCases).name());
            }
            return json;
        }

        @Override
        public String describe() {
            String none = whenNoCases instanceof NoCasesPoints p ? pointsWords(p.points())
                    : whenNoCases == NoCasesScore.FULL ? "đủ điểm" : "0 điểm";
            return "Tỷ lệ × điểm tối đa, đủ điểm khi đạt " + Decimals.words(fullAt) + " %; không có trường hợp nào: "
                    + none;
        }

        @Override
        public BigDecimal highestPoints() {
            return whenNoCases instanceof NoCasesPoints p ? p.points() : BigDecimal.ZERO;
        }
    }

    /** {@code min(max, count × perUnit)}. */
    record Count(BigDecimal perUnit) implements Rule {

        @Override
        public String type() {
            return "COUNT";
        }

        @Override
        public ObjectNode toJson() {
            return typed(type()).put("perUnit", perUnit);
        }

        @Override
        public String describe() {
            return "Mỗi trường hợp: " + pointsWords(perUnit) + ", không quá điểm tối đa";
        }

        @Override
        public BigDecimal highestPoints() {
            return BigDecimal.ZERO;
        }
    }

    /** {@code max(0, max − violations × perViolation)}. */
    record Deduction(BigDecimal perViolation) implements Rule {

        @Override
        public String type() {
            return "DEDUCTION";
        }

        @Override
        public ObjectNode toJson() {
            return typed(type()).put("perViolation", perViolation);
        }

        @Override
        public String describe() {
            return "Điểm tối đa, trừ " + pointsWords(perViolation) + " cho mỗi sai phạm, thấp nhất 0 điểm";
        }

        @Override
        public BigDecimal highestPoints() {
            return BigDecimal.ZERO;
        }
    }

    /** {@code max × percent / 100}, the percent of favourable answers of a sociological survey; never self-scored. */
    record Survey() implements Rule {

        @Override
        public String type() {
            return "SURVEY";
        }

        @Override
        public ObjectNode toJson() {
            return typed(type());
        }

        @Override
        public String describe() {
            return "Điều tra xã hội học: tỷ lệ đánh giá tích cực × điểm tối đa, không tự chấm điểm";
        }

        @Override
        public BigDecimal highestPoints() {
            return BigDecimal.ZERO;
        }
    }

    /** The points the lead unit declares (self-assessment): every leaf's rule until an administrator sets another. */
    record Manual() implements Rule {

        @Override
        public String type() {
            return "MANUAL";
        }

        @Override
        public ObjectNode toJson() {
            return typed(type());
        }

        @Override
        public String describe() {
            return "Tự đánh giá, chấm điểm: đơn vị khai số điểm đạt được";
        }

        @Override
        public BigDecimal highestPoints() {
            return BigDecimal.ZERO;
        }
    }

    private static ObjectNode typed(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static String pointsWords(BigDecimal points) {
        return Decimals.words(points) + " điểm";
    }
}
