package vn.par.progress.assessment;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.par.progress.report.Evidence;

/** The points a unit claims for a leaf criterion, with its evidence. */
public record SelfAssessmentRequest(
        @NotNull(message = "là bắt buộc")
        @DecimalMin(value = "0", message = "không được âm")
        @Digits(integer = 7, fraction = 4, message = "có tối đa 4 chữ số thập phân") BigDecimal points,
        @Size(max = 2000, message = "dài tối đa 2000 ký tự") String comment,
        @Size(max = 20, message = "tối đa 20 tài liệu kiểm chứng") List<@Valid Evidence> evidence,
        @Schema(description = "Chỉ dành cho admin: đơn vị chủ trì được chấm thay (mặc định: đơn vị chủ trì đầu tiên)")
        @Size(max = 100, message = "dài tối đa 100 ký tự") String unit) {
}
