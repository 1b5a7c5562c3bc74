package vn.par.progress.appraisal;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.par.progress.report.Evidence;

/** The bodies of the appraisal's writes. Times are text, so that one without its offset is our 400, not Jackson's. */
public final class AppraisalRequests {

    private AppraisalRequests() {
    }

    public record OpenRound(
            @Schema(description = "SELF_ASSESSMENT, APPRAISAL, EXPLANATION, FINAL_APPRAISAL hoặc CLOSED: vòng tiếp theo")
            @NotBlank(message = "là bắt buộc (SELF_ASSESSMENT, APPRAISAL, EXPLANATION, FINAL_APPRAISAL hoặc CLOSED)") String round,
            @Schema(description = "Hạn của vòng, kèm múi giờ, ví dụ 2025-01-15T17:00:00+07:00; không dùng cho CLOSED")
            String deadline) {
    }

    public record MoveDeadline(
            @Schema(description = "Hạn mới, kèm múi giờ, ví dụ 2025-01-20T17:00:00+07:00") String deadline,
            @NotBlank(message = "là bắt buộc: lý do đổi hạn được ghi vào lịch sử của vòng")
            @Size(max = 2000, message = "dài tối đa 2000 ký tự") String reason) {
    }

    public record Appraise(
            @NotNull(message = "là bắt buộc")
            @DecimalMin(value = "0", message = "không được âm")
            @Digits(integer = 7, fraction = 4, message = "có tối đa 4 chữ số thập phân") BigDecimal points,
            @Schema(description = "Bắt buộc khi điểm thẩm định khác điểm tự chấm")
            @Size(max = 2000, message = "dài tối đa 2000 ký tự") String note) {
    }

    public record Explain(
            @NotBlank(message = "là bắt buộc") @Size(max = 4000, message = "dài từ 1 đến 4000 ký tự") String text,
            @Size(max = 20, message = "tối đa 20 tài liệu kiểm chứng") List<@Valid Evidence> evidence,
            @Schema(description = "Chỉ dành cho admin: đơn vị chủ trì được giải trình thay (mặc định: đơn vị chủ trì đầu tiên)")
            @Size(max = 100, message = "dài tối đa 100 ký tự") String unit) {
    }
}
