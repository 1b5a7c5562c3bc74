package vn.par.scoring.service;

import java.math.BigDecimal;
import java.util.UUID;

import vn.par.scoring.projection.ScoreGroup;

/**
 * A line of {@code GET /api/scores}.
 *
 * @param rank     among the plans of the same year, by the headline's published percent: equal percents share a rank
 *                 (1, 1, 3)
 * @param basis    FINAL for a plan whose appraisal is closed (its headline is the final figure), else PROJECTED
 * @param headline the figure the plan is ranked on; {@code percent} and {@code group} are the headline's
 */
public record PlanRanking(UUID planId, String agency, int year, BigDecimal projected, BigDecimal target,
        BigDecimal baseline, BigDecimal max, BigDecimal percent, int rank, ScoreGroup group, String basis,
        BigDecimal headline) {
}
