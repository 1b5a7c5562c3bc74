package vn.par.scoring.web;

import io.quarkus.qute.TemplateExtension;
import vn.par.infra.web.VietnameseFormats;
import vn.par.scoring.projection.CriterionScore;
import vn.par.scoring.projection.IndicatorView;
import vn.par.scoring.projection.PlanSnapshot;
import vn.par.scoring.projection.RiskReason;
import vn.par.scoring.projection.TaskStatus;

/**
 * How the dashboard names things: {@code {reason.label}}, {@code {risk.status.label}}, {@code {c.ruleText}},
 * {@code {c.factText}}. The page scripts ({@code /dashboard/*.js}) carry the same words for what they draw from the
 * streams.
 */
@TemplateExtension
final class DashboardLabels {

    private DashboardLabels() {
    }

    static String label(RiskReason reason) {
        return switch (reason) {
            case BLOCKED -> "Vướng mắc";
            case OVERDUE -> "Quá hạn";
        };
    }

    static String label(TaskStatus status) {
        return switch (status) {
            case NOT_STARTED -> "Chưa bắt đầu";
            case IN_PROGRESS -> "Đang thực hiện";
            case DONE -> "Hoàn thành";
            case BLOCKED -> "Vướng mắc";
        };
    }

    /** A leaf's rule for people: criteria-service's words, else the rule's type; empty for a parent. */
    static String ruleText(CriterionScore c) {
        if (!c.leaf()) {
            return "";
        }
        if (c.ruleDescription() != null && !c.ruleDescription().isBlank()) {
            return c.ruleDescription();
        }
        return c.rule() == null ? "Tự chấm điểm" : typeLabel(c.rule().type());
    }

    static String typeLabel(String type) {
        return switch (type == null ? "" : type) {
            case "TIERS" -> "Theo mức";
            case "BRACKETS" -> "Theo khoảng giá trị";
            case "RATIO" -> "Theo tỷ lệ";
            case "COUNT" -> "Theo số lượng";
            case "DEDUCTION" -> "Trừ điểm theo vi phạm";
            case "SURVEY" -> "Điều tra xã hội học";
            case "MANUAL" -> "Tự chấm điểm";
            default -> "Quy tắc " + type;
        };
    }

    /** A leaf's measured fact in words ("31/50", "82,35 % hài lòng"); "Không áp dụng" or empty when there is none. */
    static String factText(CriterionScore c) {
        if (c.leaf() && !c.applicable()) {
            return "Không áp dụng";
        }
        IndicatorView f = c.indicator();
        if (f == null || !c.measured()) {
            return "";
        }
        return switch (f.ruleType()) {
            case TIERS -> optionLabel(c.rule(), f.option());
            case BRACKETS -> VietnameseFormats.vi(f.value());
            case RATIO -> VietnameseFormats.vi(f.numerator()) + "/" + VietnameseFormats.vi(f.denominator());
            case COUNT -> VietnameseFormats.vi(f.count());
            case DEDUCTION -> VietnameseFormats.vi(f.violations()) + " vi phạm";
            case SURVEY -> VietnameseFormats.vi(f.percent()) + " % hài lòng";
            case MANUAL -> "Tự chấm " + VietnameseFormats.vi(f.points());
        };
    }

    private static String optionLabel(PlanSnapshot.Rule rule, String key) {
        if (rule != null && rule.options() != null) {
            for (PlanSnapshot.Option o : rule.options()) {
                if (key.equals(o.key()) && o.label() != null) {
                    return o.label();
                }
            }
        }
        return key;
    }
}
