package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One of the appraisal's figures of a plan (self-assessed, appraised, final): its total over the applicable leaves and
 * the percent of the applicable maximum, rounded once, and the same per area. A {@code ScoreChanged} carries the
 * totals only ({@code areas} absent), to stay small.
 */
public record Figure(BigDecimal total, BigDecimal percent,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<AreaFigure> areas) {

    /** The figure of one area. */
    public record AreaFigure(String code, BigDecimal total, BigDecimal max, BigDecimal percent) {
    }
}
