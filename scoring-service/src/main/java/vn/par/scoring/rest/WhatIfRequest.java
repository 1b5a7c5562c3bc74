package vn.par.scoring.rest;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/plans/{planId}/scores/what-if}: facts and task progress to add to what was reported.
 *
 * @param indicators per leaf, the member of its rule's fact (docs/contracts/scoring-rules.md)
 * @param reports    per task, a lead report's percent (and optionally its status)
 */
public record WhatIfRequest(
        @Size(max = 1000, message = "tối đa 1000 chỉ số") List<Fact> indicators,
        @Size(max = 1000, message = "tối đa 1000 báo cáo") List<Report> reports) {

    @Schema(description = "Chỉ số của một tiêu chí: chỉ điền trường của quy tắc chấm điểm của tiêu chí")
    public record Fact(String code, String option, BigDecimal value, BigDecimal numerator, BigDecimal denominator,
            BigDecimal count, BigDecimal violations, BigDecimal percent, BigDecimal points) {
    }

    @Schema(description = "Tiến độ giả định của một nhiệm vụ; trạng thái mặc định theo tỷ lệ (0: chưa bắt đầu, 100: hoàn thành)")
    public record Report(String taskId, Integer percentComplete, String status) {
    }
}
