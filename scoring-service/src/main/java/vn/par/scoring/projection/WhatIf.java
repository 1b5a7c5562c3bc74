package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * "What if 7.2 reached 90 % online files?": the score a plan would have with some facts and task progress added to
 * what was reported, computed on a copy of its inputs and stored nowhere. The facts are checked against each leaf's
 * rule as a unit's indicator is (docs/contracts/scoring-rules.md), so an answer never rests on a fact the rule could
 * not take.
 */
public final class WhatIf {

    /** A leaf's fact: the member of its rule's type is set, the others null. */
    public record Fact(String code, String option, BigDecimal value, BigDecimal numerator, BigDecimal denominator,
            BigDecimal count, BigDecimal violations, BigDecimal percent, BigDecimal points) {
    }

    /** A task's lead progress; the status follows the percent when it is not given (0 not started, 100 done). */
    public record Progress(String taskId, Integer percentComplete, TaskStatus status) {
    }

    /** A fact or a report the plan cannot take; {@code field} is the member's path in the request. */
    public static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MAX_SCALE = 4;

    private WhatIf() {
    }

    /**
     * @throws Refused for the first fact or report that does not fit the plan
     */
    public static PlanScore score(PlanStructure s, PlanInputs reported, List<Fact> facts, List<Progress> reports,
            LocalDate today, long sequence, Instant asOf) {
        PlanProjection projection = new PlanProjection(s, reported.copy());
        for (int i = 0; i < reports.size(); i++) {
            Progress report = reports.get(i);
            String at = "reports[" + i + "]";
            if (report == null || report.taskId() == null || !s.taskIndex.containsKey(report.taskId())) {
                throw new Refused(at + ".taskId", "Kế hoạch không có nhiệm vụ "
                        + (report == null ? null : report.taskId()) + ".");
            }
            Integer percent = report.percentComplete();
            if (percent == null || percent < 0 || percent > 100) {
                throw new Refused(at + ".percentComplete", "Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100.");
            }
            TaskStatus status = report.status() != null ? report.status()
                    : percent == 100 ? TaskStatus.DONE : percent == 0 ? TaskStatus.NOT_STARTED : TaskStatus.IN_PROGRESS;
            projection.report(report.taskId(), ReportRole.LEAD, new TaskProgress(status, percent), today);
        }
        for (int i = 0; i < facts.size(); i++) {
            Fact fact = facts.get(i);
            String at = "indicators[" + i + "]";
            int leaf = leaf(s, fact, at);
            Indicator indicator = indicator(s, leaf, fact, at);
            if (indicator.type() == RuleType.MANUAL) {
                projection.selfAssess(fact.code(), indicator.number(), today);
            } else {
                projection.indicate(fact.code(), indicator, today);
            }
        }
        return projection.score(today, sequence, asOf);
    }

    private static int leaf(PlanStructure s, Fact fact, String at) {
        Integer index = fact == null || fact.code() == null ? null : s.criterionIndex.get(fact.code());
        if (index == null) {
            throw new Refused(at + ".code", "Kế hoạch không có tiêu chí " + (fact == null ? null : fact.code()) + ".");
        }
        if (!s.leaf[index]) {
            throw new Refused(at + ".code", "Tiêu chí " + fact.code() + " có tiêu chí con; chỉ tiêu chí không có tiêu chí"
                    + " con mới có chỉ số.");
        }
        if (!s.applicable[index]) {
            throw new Refused(at + ".code", "Tiêu chí " + fact.code() + " không áp dụng trong năm của kế hoạch.");
        }
        return index;
    }

    /** The fact as an indicator of the leaf's rule, refused when a member is missing, out of range or foreign. */
    private static Indicator indicator(PlanStructure s, int leaf, Fact fact, String at) {
        RuleType type = s.rule[leaf].type();
        if (type == null) {
            throw new Refused(at + ".code", "Quy tắc chấm điểm của tiêu chí " + fact.code() + " chưa được hỗ trợ.");
        }
        String expected = switch (type) {
            case TIERS -> "option";
            case BRACKETS -> "value";
            case RATIO -> "numerator";
            case COUNT -> "count";
            case DEDUCTION -> "violations";
            case SURVEY -> "percent";
            case MANUAL -> "points";
        };
        Object[] members = { fact.option(), fact.value(), fact.numerator(), fact.count(), fact.violations(),
                fact.percent(), fact.points() };
        String[] names = { "option", "value", "numerator", "count", "violations", "percent", "points" };
        for (int k = 0; k < names.length; k++) {
            if (members[k] != null && !names[k].equals(expected)) {
                throw new Refused(at + "." + names[k], "Tiêu chí " + fact.code() + " chấm theo quy tắc " + type
                        + ": chỉ số là '" + expected + "', không phải '" + names[k] + "'.");
            }
        }
        if (fact.denominator() != null && type != RuleType.RATIO) {
            throw new Refused(at + ".denominator", "Tiêu chí " + fact.code() + " chấm theo quy tắc " + type
                    + ": chỉ số là '" + expected + "', không phải 'denominator'.");
        }
        return switch (type) {
            case TIERS -> {
                if (fact.option() == null) {
                    throw missing(at, "option", fact.code());
                }
                if (s.rule[leaf].points(Indicator.option(fact.option()), s.max[leaf]) == null) {
                    throw new Refused(at + ".option", "Tiêu chí " + fact.code() + " không có phương án '" + fact.option()
                            + "'.");
                }
                yield Indicator.option(fact.option());
            }
            case RATIO -> {
                BigDecimal numerator = number(at, "numerator", fact.numerator(), fact.code(), false);
                BigDecimal denominator = number(at, "denominator", fact.denominator(), fact.code(), false);
                if (numerator.compareTo(denominator) > 0) {
                    throw new Refused(at + ".numerator", "Tử số (" + numerator.toPlainString()
                            + ") không được lớn hơn mẫu số (" + denominator.toPlainString() + ").");
                }
                yield Indicator.ratio(numerator, denominator);
            }
            case BRACKETS -> Indicator.of(type, number(at, "value", fact.value(), fact.code(), false));
            case COUNT -> Indicator.of(type, number(at, "count", fact.count(), fact.code(), true));
            case DEDUCTION -> Indicator.of(type, number(at, "violations", fact.violations(), fact.code(), true));
            case SURVEY -> {
                BigDecimal percent = number(at, "percent", fact.percent(), fact.code(), false);
                if (percent.compareTo(HUNDRED) > 0) {
                    throw new Refused(at + ".percent", "Tỷ lệ hài lòng phải từ 0 đến 100.");
                }
                yield Indicator.of(type, percent);
            }
            case MANUAL -> {
                BigDecimal points = number(at, "points", fact.points(), fact.code(), false);
                if (points.compareTo(s.max[leaf]) > 0) {
                    throw new Refused(at + ".points", "Điểm " + points.toPlainString() + " vượt điểm tối đa "
                            + s.max[leaf].toPlainString() + " của tiêu chí " + fact.code() + ".");
                }
                yield Indicator.of(type, points);
            }
        };
    }

    private static BigDecimal number(String at, String member, BigDecimal value, String code, boolean integer) {
        if (value == null) {
            throw missing(at, member, code);
        }
        if (value.signum() < 0) {
            throw new Refused(at + "." + member, "'" + member + "' không được âm.");
        }
        BigDecimal plain = value.stripTrailingZeros();
        if (integer && plain.scale() > 0) {
            throw new Refused(at + "." + member, "'" + member + "' phải là số nguyên.");
        }
        if (plain.scale() > MAX_SCALE) {
            throw new Refused(at + "." + member, "'" + member + "' có tối đa " + MAX_SCALE + " chữ số thập phân.");
        }
        return value;
    }

    private static Refused missing(String at, String member, String code) {
        return new Refused(at + "." + member, "Tiêu chí " + code + " cần chỉ số '" + member + "'.");
    }
}
