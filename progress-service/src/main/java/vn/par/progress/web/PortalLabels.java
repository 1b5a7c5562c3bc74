package vn.par.progress.web;

import java.math.BigDecimal;

import io.quarkus.qute.TemplateExtension;
import vn.par.progress.caller.UnitRole;
import vn.par.progress.report.ReportStatus;

/** How the portal names statuses and roles: {@code {report.status.label}}, {@code {task.role.label}}. */
@TemplateExtension
public final class PortalLabels {

    private PortalLabels() {
    }

    public static String label(ReportStatus status) {
        return switch (status) {
            case NOT_STARTED -> "Chưa bắt đầu";
            case IN_PROGRESS -> "Đang thực hiện";
            case DONE -> "Hoàn thành";
            case BLOCKED -> "Vướng mắc";
        };
    }

    /** The shared style's badge colour for a status. */
    public static String badge(ReportStatus status) {
        return switch (status) {
            case NOT_STARTED -> "badge-draft";
            case IN_PROGRESS -> "badge-B";
            case DONE -> "badge-A";
            case BLOCKED -> "badge-risk";
        };
    }

    /**
     * Points exactly as stored, with a decimal comma ({@code 0,125}): a self-assessment may have four decimals,
     * which the shared two-decimal format would round.
     */
    public static String exact(BigDecimal points) {
        if (points == null) {
            return "—";
        }
        BigDecimal plain = points.stripTrailingZeros();
        return (plain.scale() < 0 ? plain.setScale(0) : plain).toPlainString().replace('.', ',');
    }

    public static String label(UnitRole role) {
        return role == UnitRole.LEAD ? "Chủ trì" : "Phối hợp";
    }
}
