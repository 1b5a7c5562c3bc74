package vn.par.progress.report;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A progress report on a task, as a unit posts it. */
public record ReportRequest(
        @NotNull(message = "là bắt buộc (NOT_STARTED, IN_PROGRESS, DONE hoặc BLOCKED)") ReportStatus status,
        @NotNull(message = "là bắt buộc (số nguyên từ 0 đến 100)")
        @Min(value = 0, message = "phải là số nguyên từ 0 đến 100")
        @Max(value = 100, message = "phải là số nguyên từ 0 đến 100") Integer percentComplete,
        @Size(max = 2000, message = "dài tối đa 2000 ký tự") String comment,
        @Size(max = 20, message = "tối đa 20 tài liệu kiểm chứng") List<@Valid Evidence> evidence,
        @Schema(description = "Chỉ dành cho admin: đơn vị chủ trì được báo cáo thay (mặc định: đơn vị chủ trì đầu tiên)")
        @Size(max = 100, message = "dài tối đa 100 ký tự") String unit) {
}
