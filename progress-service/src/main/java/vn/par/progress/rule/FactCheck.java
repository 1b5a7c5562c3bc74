package vn.par.progress.rule;

import java.math.BigDecimal;
import java.util.stream.Collectors;

import vn.par.infra.problem.ProblemException;

/**
 * Checks a reported fact against the leaf's current rule (docs/contracts/scoring-rules.md, "Indicators"): exactly
 * the members of the rule's type, each in its range. A refusal is a 400 naming the member.
 */
public final class FactCheck {

    /** Numbers at or above this cannot be stored (NUMERIC(16, 4), BIGINT) and are no real count of anything. */
    private static final BigDecimal TOO_LARGE = new BigDecimal("1000000000000");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int DECIMALS = 4;

    private FactCheck() {
    }

    /**
     * @param max  the leaf's derived maximum (the bound of {@code MANUAL} points)
     * @param code the leaf's code, for messages
     * @return the fact as stored: counts without a fractional part written ({@code 2.0} becomes {@code 2})
     */
    public static Fact check(Rule rule, Fact fact, BigDecimal max, String code) {
        RuleType type = rule.type();
        for (String member : RuleType.ALL_MEMBERS) {
            if (fact.member(member) != null && !type.members().contains(member)) {
                throw ProblemException.badRequest(member, "Tiêu chí " + code + " chấm theo " + describe(type)
                        + ": không nhận trường '" + member + "'; chỉ số của tiêu chí cần " + membersOf(type) + ".");
            }
        }
        for (String member : type.members()) {
            if (fact.member(member) == null) {
                throw ProblemException.badRequest(member, label(member) + " là bắt buộc: tiêu chí " + code + " chấm theo "
                        + describe(type) + ", chỉ số cần " + membersOf(type) + ".");
            }
        }
        return switch (type) {
            case TIERS -> {
                Rule.Tiers tiers = (Rule.Tiers) rule;
                if (tiers.option(fact.option()).isEmpty()) {
                    throw ProblemException.badRequest("option", "Mức '" + fact.option() + "' không có trong quy tắc của tiêu chí "
                            + code + "; hãy chọn một trong: " + tiers.options().stream()
                                    .map(o -> o.key() + " (" + o.label() + ")").collect(Collectors.joining(", ")) + ".");
                }
                yield fact;
            }
            case BRACKETS -> Fact.value(amount("value", fact.value()));
            case RATIO -> {
                BigDecimal numerator = amount("numerator", fact.numerator());
                BigDecimal denominator = amount("denominator", fact.denominator());
                if (numerator.compareTo(denominator) > 0) {
                    throw ProblemException.badRequest("numerator", "Tử số " + text(numerator) + " lớn hơn mẫu số "
                            + text(denominator) + ": số đạt không thể nhiều hơn tổng số.");
                }
                yield Fact.ratio(numerator, denominator);
            }
            case COUNT -> Fact.count(whole("count", fact.count()));
            case DEDUCTION -> Fact.violations(whole("violations", fact.violations()));
            case SURVEY -> {
                BigDecimal percent = amount("percent", fact.percent());
                if (percent.compareTo(HUNDRED) > 0) {
                    throw ProblemException.badRequest("percent", label("percent") + " phải từ 0 đến 100, nhận được "
                            + text(percent) + ".");
                }
                yield Fact.percent(percent);
            }
            case MANUAL -> {
                BigDecimal points = amount("points", fact.points());
                if (points.compareTo(max) > 0) {
                    throw ProblemException.badRequest("points", "Điểm tự chấm " + text(points) + " vượt điểm tối đa "
                            + text(max) + " của tiêu chí " + code + ".");
                }
                yield Fact.points(points);
            }
        };
    }

    /** The Vietnamese name of a fact member, for messages and forms. */
    public static String label(String member) {
        return switch (member) {
            case "option" -> "Mức đạt được";
            case "value" -> "Giá trị";
            case "numerator" -> "Tử số";
            case "denominator" -> "Mẫu số";
            case "count" -> "Số lượng";
            case "violations" -> "Số vi phạm";
            case "percent" -> "Tỷ lệ hài lòng (%)";
            case "points" -> "Điểm tự chấm";
            default -> member;
        };
    }

    /** The rule type in words: "quy tắc RATIO (tỷ lệ)". */
    public static String describe(RuleType type) {
        return "quy tắc " + type + " (" + switch (type) {
            case TIERS -> "chọn mức";
            case BRACKETS -> "khoảng giá trị";
            case RATIO -> "tỷ lệ";
            case COUNT -> "đếm số lượng";
            case DEDUCTION -> "trừ điểm theo vi phạm";
            case SURVEY -> "điều tra xã hội học";
            case MANUAL -> "tự chấm điểm";
        } + ")";
    }

    private static String membersOf(RuleType type) {
        return type.members().stream().map(m -> "'" + m + "'").collect(Collectors.joining(" và "));
    }

    /** A number of at most 4 decimals, from 0 up to (not including) a trillion. */
    private static BigDecimal amount(String member, BigDecimal value) {
        inRange(member, value, "không được âm");
        if (Decimals.plain(value).scale() > DECIMALS) {
            throw ProblemException.badRequest(member, label(member) + " có tối đa " + DECIMALS
                    + " chữ số thập phân, nhận được " + text(value) + ".");
        }
        return value;
    }

    /** A whole number from 0, written without a fractional part. */
    private static BigDecimal whole(String member, BigDecimal value) {
        String message = "phải là số nguyên không âm, ví dụ 2";
        inRange(member, value, message);
        BigDecimal plain = Decimals.plain(value);
        if (plain.scale() > 0) {
            throw ProblemException.badRequest(member, label(member) + " " + message + "; nhận được " + text(value) + ".");
        }
        return plain;
    }

    /** Checked before anything looks at the digits: {@code 1e1000000} is short to send and huge to write out. */
    private static void inRange(String member, BigDecimal value, String negative) {
        if (value.signum() < 0) {
            throw ProblemException.badRequest(member, label(member) + " " + negative + ", nhận được " + text(value) + ".");
        }
        if (value.compareTo(TOO_LARGE) >= 0) {
            throw ProblemException.badRequest(member, label(member) + " quá lớn: phải nhỏ hơn "
                    + TOO_LARGE.toPlainString() + ".");
        }
    }

    /** A number for a message, as a person writes it ({@code 2.75}); in exponent form only when huge. */
    private static String text(BigDecimal value) {
        return value.abs().compareTo(TOO_LARGE) < 0 ? Decimals.plain(value).toPlainString() : value.toString();
    }
}
