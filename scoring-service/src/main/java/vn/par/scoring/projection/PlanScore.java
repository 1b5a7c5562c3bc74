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
 * @param max      the applicable maximum: leaves that are not applicable leave it
 * @param criteria every criterion in tree order; absent from a historical answer ({@code ?asOf=}), which is read
 *                 from the stored {@code ScoreChanged} events and those carry the areas only
 * @see AreaScore for shortfall, atStake, earned, measuredLeaves, survey and selfControlled
 */
public record PlanScore(UUID planId, String agency, int year, int version, long sequence, Instant asOf,
        BigDecimal projected, BigDecimal target, BigDecimal baseline, BigDecimal max, BigDecimal percent,
        ScoreGroup group, BigDecimal shortfall, BigDecimal atStake, BigDecimal earned, Integer measuredLeaves,
        Share survey, Share selfControlled, List<AreaScore> areas,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<CriterionScore> criteria) {
}
