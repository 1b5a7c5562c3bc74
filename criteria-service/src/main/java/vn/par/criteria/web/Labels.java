package vn.par.criteria.web;

import vn.par.criteria.plan.AuditEntry;
import vn.par.criteria.plan.PlanStatus;
import vn.par.criteria.unit.UnitKind;

/** The Vietnamese words the pages use for the model's names. */
final class Labels {

    private Labels() {
    }

    static String status(PlanStatus status) {
        return switch (status) {
            case DRAFT -> "Bản nháp";
            case PUBLISHED -> "Đã công bố";
            case CLOSED -> "Đã đóng";
        };
    }

    /** The CSS class of the status badge (par.css: badge-draft, badge-published, badge-closed). */
    static String badge(PlanStatus status) {
        return "badge-" + status.name().toLowerCase(java.util.Locale.ROOT);
    }

    static String kind(UnitKind kind) {
        return switch (kind) {
            case OFFICE -> "Văn phòng";
            case DIVISION -> "Phòng chuyên môn";
            case PUBLIC_SERVICE_UNIT -> "Đơn vị sự nghiệp công lập";
            case ORGANISATION -> "Tổ chức đoàn thể";
            case GROUP -> "Nhóm đơn vị";
            case OTHER -> "Khác (cần rà soát)";
        };
    }

    static String action(AuditEntry.Action action) {
        return switch (action) {
            case IMPORTED -> "Nhập kế hoạch";
            case REIMPORTED -> "Nhập lại (thay bản nháp)";
            case PUBLISHED -> "Công bố";
            case CLOSED -> "Đóng kế hoạch";
            case CRITERION_UPDATED -> "Sửa tiêu chí";
            case TASK_ADDED -> "Thêm nhiệm vụ";
            case TASK_UPDATED -> "Sửa nhiệm vụ";
            case TASK_REMOVED -> "Xoá nhiệm vụ";
            case UNIT_ADDED -> "Thêm đơn vị của cơ quan";
            case CREATED_FROM_PLAN -> "Tạo từ kế hoạch năm trước";
            case NEXT_YEAR_DRAFTED -> "Tạo kế hoạch năm sau";
        };
    }

    /** A field named by the API, a problem or the audit trail; unknown names are shown as they are. */
    static String field(String field) {
        if (field == null) {
            return "";
        }
        return switch (field) {
            case "maxPoints" -> "Điểm tối đa";
            case "baselinePoints" -> "Điểm năm trước";
            case "targetPoints" -> "Mục tiêu";
            case "title" -> "Tên tiêu chí";
            case "note" -> "Ghi chú";
            case "code" -> "Mã";
            case "tasks", "task" -> "Nhiệm vụ";
            case "description" -> "Nội dung nhiệm vụ";
            case "leadUnits" -> "Đơn vị chủ trì";
            case "coordinatingUnits" -> "Đơn vị phối hợp";
            case "dueDate" -> "Hạn hoàn thành";
            case "reason" -> "Lý do";
            case "file" -> "Tệp";
            case "agency" -> "Cơ quan";
            case "year" -> "Năm";
            case "name" -> "Tên";
            case "kind" -> "Loại";
            case "aliases" -> "Tên gọi khác";
            case "members" -> "Thành viên nhóm";
            case "units" -> "Đơn vị";
            case "status" -> "Trạng thái";
            case "rule" -> "Quy tắc chấm điểm";
            case "proposedRule" -> "Quy tắc đề xuất";
            case "applicable" -> "Áp dụng";
            case "notApplicableReason" -> "Lý do không áp dụng";
            default -> field;
        };
    }
}
