package vn.par.scoring.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import vn.par.scoring.projection.ScoreGroup;

/**
 * A plan's score without its areas and criteria: an event of the all-plans stream. Unlike a line of
 * {@code GET /api/scores} it has no rank, which depends on every other plan; a client ranks the summaries it holds.
 *
 * @param basis    which figure heads the plan: FINAL once its appraisal is closed, else PROJECTED
 * @param headline that figure's points; {@code percent} and {@code group} are the headline's
 */
public record ScoreSummary(UUID planId, String agency, int year, int version, long sequence, Instant asOf,
        BigDecimal projected, BigDecimal target, BigDecimal baseline, BigDecimal max, BigDecimal percent,
        ScoreGroup group, String basis, BigDecimal headline) {
}
