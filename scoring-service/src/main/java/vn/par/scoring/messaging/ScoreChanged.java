package vn.par.scoring.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import vn.par.scoring.projection.AreaScore;
import vn.par.scoring.projection.Figure;
import vn.par.scoring.projection.Share;

/**
 * The data of a {@code ScoreChanged} event on {@code par.scores}: the plan's index and every area (not every
 * criterion, so the event stays small for large plans). Points are rounded to 2 decimals, half up, once.
 *
 * @param sequence          per plan 1, 2, 3, …: the same number as the event's {@code ce_sequence} and as the
 *                          {@code sequence} of the REST body and of the stream's {@code id:}
 * @param asOf              the time of the incoming event that caused the change
 * @param previousProjected the index before; null for the plan's first score
 * @param causedBy          the {@code ce_id} of the incoming event
 * @param basis             FINAL once the year's appraisal is closed, else PROJECTED
 * @param selfAssessed      the appraisal's figures, totals only (areas in the REST answer); final null until closed
 * @see AreaScore for shortfall, atStake, earned, measuredLeaves, survey and selfControlled, here for the whole plan
 */
public record ScoreChanged(UUID planId, String agency, int year, int version, long sequence, Instant asOf,
        BigDecimal projected, BigDecimal previousProjected, BigDecimal target, BigDecimal baseline, BigDecimal max,
        BigDecimal percent, BigDecimal shortfall, BigDecimal atStake, BigDecimal earned, Integer measuredLeaves,
        Share survey, Share selfControlled, String basis, String round, Instant deadline, Figure selfAssessed,
        Figure appraised, @JsonProperty("final") Figure finalFigure, UUID causedBy, List<AreaScore> areas) {

    public static final String TYPE = "ScoreChanged";
}
