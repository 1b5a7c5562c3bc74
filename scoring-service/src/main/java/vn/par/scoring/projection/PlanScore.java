package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A plan's projected score as published by {@code GET /api/plans/{planId}/scores} and its stream.
 *
 * @param sequence the plan's score sequence: the {@code sequence} of the last {@code ScoreChanged} it published
 * @param asOf     the time of the incoming event that produced this state
 * @param criteria every criterion in tree order; absent from a historical answer ({@code ?asOf=}), which is read
 *                 from the stored {@code ScoreChanged} events and those carry the areas only
 */
public record PlanScore(UUID planId, String agency, int year, int version, long sequence, Instant asOf,
        BigDecimal projected, BigDecimal target, BigDecimal baseline, BigDecimal max, BigDecimal percent,
        List<AreaScore> areas, @JsonInclude(JsonInclude.Include.NON_NULL) List<CriterionScore> criteria) {
}
