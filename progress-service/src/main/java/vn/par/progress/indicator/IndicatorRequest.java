package vn.par.progress.indicator;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.par.progress.report.Evidence;
import vn.par.progress.rule.Fact;

/**
 * The fact a lead unit reports for a leaf: exactly the members of the leaf's current rule (docs/contracts/
 * scoring-rules.md), checked against the rule by {@link vn.par.progress.rule.FactCheck}. Numbers are JSON numbers,
 * read exactly; {@code "5"} is refused, not converted.
 */
public record IndicatorRequest(
        @Schema(description = "TIERS: khóa của mức đạt được") String option,
        @Schema(description = "BRACKETS: giá trị (≥ 0, tối đa 4 chữ số thập phân)") BigDecimal value,
        @Schema(description = "RATIO: số đạt (≤ denominator)") BigDecimal numerator,
        @Schema(description = "RATIO: tổng số (0: không có trường hợp nào)") BigDecimal denominator,
        @Schema(description = "COUNT: số lượng (số nguyên ≥ 0)") BigDecimal count,
        @Schema(description = "DEDUCTION: số vi phạm (số nguyên ≥ 0)") BigDecimal violations,
        @Schema(description = "SURVEY, chỉ quản trị viên: tỷ lệ hài lòng từ 0 đến 100") BigDecimal percent,
        @Schema(description = "MANUAL: điểm tự chấm, từ 0 đến điểm tối đa của tiêu chí") BigDecimal points,
        @Size(max = 2000, message = "dài tối đa 2000 ký tự") String comment,
        @Size(max = 20, message = "tối đa 20 tài liệu kiểm chứng") List<@Valid Evidence> evidence,
        @Schema(description = "Chỉ dành cho admin: đơn vị chủ trì được báo cáo thay (mặc định: đơn vị chủ trì đầu tiên)")
        @Size(max = 100, message = "dài tối đa 100 ký tự") String unit) {

    public Fact fact() {
        return new Fact(option, value, numerator, denominator, count, violations, percent, points);
    }
}
