package vn.par.scoring.web;

import io.quarkus.qute.TemplateExtension;
import vn.par.scoring.projection.RiskReason;
import vn.par.scoring.projection.TaskStatus;

/**
 * How the dashboard names things: {@code {reason.label}}, {@code {risk.status.label}}. The page scripts
 * ({@code /dashboard/*.js}) carry the same words for what they draw from the streams.
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
}
