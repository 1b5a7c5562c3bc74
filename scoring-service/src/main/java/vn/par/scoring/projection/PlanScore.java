package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A plan's projected score as published by {@code GET /api/plans/{planId}/scores} and its stream.
 *
 * @param sequence the plan's score sequence: the {@code sequence} of the last {@code ScoreChanged} it published
 * @param asOf     the time of the incoming event that produced this state
 * @param max      the applicable maximum: leaves that are not applicable leave it
 * @param criteria every criterion in tree order; absent from a historical answer ({@code ?asOf=}), which is read
 *                 from the stored {@code ScoreChanged} events and those carry the areas only
 * @param basis    FINAL once the year's appraisal is closed (the final figure heads the plan), else PROJECTED
 * @param round    the appraisal round last opened (SELF_ASSESSMENT … CLOSED), null before any; {@code deadline} its
 *                 deadline
 * @param selfAssessed, appraised, finalFigure the appraisal's figures (docs/contracts/appraisal.md); final is null
 *                 until the year is closed
 * @see AreaScore for shortfall, atStake, earned, measuredLeaves, survey and selfControlled
 */
public record PlanScore(UUID planId, String agency, int year, int version, long sequence, Instant asOf,
        BigDecimal projected, BigDecimal target, BigDecimal baseline, BigDecimal max, BigDecimal percent,
        ScoreGroup group, BigDecimal shortfall, BigDecimal atStake, BigDecimal earned, Integer measuredLeaves,
        Share survey, Share selfControlled, String basis, String round, Instant deadline, Figure selfAssessed,
        Figure appraised, @JsonProperty("final") Figure finalFigure, List<AreaScore> areas,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<CriterionScore> criteria) {
}
