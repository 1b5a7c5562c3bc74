package vn.par.progress.web;

import java.math.BigDecimal;
import java.util.List;

import vn.par.progress.indicator.IndicatorView;
import vn.par.progress.rule.Rule;

/**
 * A rule's figures and a reported fact in Vietnamese words, for the task page: what the person needs beside the
 * snapshot's own description to fill in the form (the ranges of a BRACKETS rule, the bound of a ratio).
 */
final class RuleWords {

    private RuleWords() {
    }

    /** One line per figure of the rule. */
    static List<String> details(Rule rule, BigDecimal max) {
        return switch (rule.type()) {
            case TIERS -> List.of();
            case BRACKETS -> ((Rule.Brackets) rule).brackets().stream().map(b -> range(b) + ": " + points(b.points()))
                    .toList();
            case RATIO -> {
                Rule.Ratio ratio = (Rule.Ratio) rule;
                yield List.of("Tỷ lệ = tử số / mẫu số × 100%; đủ " + points(max) + " khi tỷ lệ đạt từ "
                        + number(ratio.fullAt()) + "% trở lên, dưới mức đó tính theo tỷ lệ.",
                        "Không có trường hợp nào (mẫu số bằng 0): " + noCases(ratio.whenNoCases(), max) + ".");
            }
            case COUNT -> List.of("Mỗi đơn vị được " + points(((Rule.Count) rule).perUnit()) + ", tối đa " + points(max)
                    + ".");
            case DEDUCTION -> List.of("Mỗi vi phạm trừ " + points(((Rule.Deduction) rule).perViolation()) + " từ "
                    + points(max) + ", thấp nhất 0 điểm.");
            case SURVEY -> List.of("Điểm = " + points(max) + " × tỷ lệ hài lòng / 100.");
            case MANUAL -> List.of("Từ 0 đến " + points(max) + ", tối đa 4 chữ số thập phân.");
        };
    }

    /** What the indicator reported: "Có sai phạm", "31/50", "9", "82,35%"... */
    static String fact(IndicatorView indicator, Rule rule) {
        return switch (indicator.ruleType()) {
            case TIERS -> rule instanceof Rule.Tiers tiers
                    ? tiers.option(indicator.option()).map(Rule.Tiers.Option::label).orElse(indicator.option())
                    : indicator.option();
            case BRACKETS -> number(indicator.value());
            case RATIO -> number(indicator.numerator()) + "/" + number(indicator.denominator());
            case COUNT -> indicator.count() + "";
            case DEDUCTION -> indicator.violations() + " vi phạm";
            case SURVEY -> number(indicator.percent()) + "% hài lòng";
            case MANUAL -> points(indicator.points());
        };
    }

    /** "Từ 4 đến dưới 8", "Trên 90", "Từ 8 trở lên", "Dưới 4", "Mọi giá trị". */
    static String range(Rule.Brackets.Bracket b) {
        String from = b.min() == null ? null : (b.minInclusive() ? "từ " : "trên ") + number(b.min());
        String words;
        if (from == null && b.max() == null) {
            words = "mọi giá trị";
        } else if (b.max() == null) {
            words = from + (b.minInclusive() ? " trở lên" : "");
        } else if (from == null) {
            words = b.maxInclusive() ? "từ " + number(b.max()) + " trở xuống" : "dưới " + number(b.max());
        } else {
            words = from + (b.maxInclusive() ? " đến " : " đến dưới ") + number(b.max());
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String noCases(Rule.Ratio.NoCases noCases, BigDecimal max) {
        if (Rule.Ratio.NoCases.FULL.equals(noCases)) {
            return "đủ " + points(max);
        }
        return Rule.Ratio.NoCases.ZERO.equals(noCases) ? "0 điểm" : points(noCases.points().min(max));
    }

    private static String points(BigDecimal points) {
        return number(points) + " điểm";
    }

    private static String number(BigDecimal number) {
        return PortalLabels.exact(number);
    }
}
