package vn.par.scoring.service;

import java.math.BigDecimal;
import java.util.UUID;

import vn.par.scoring.projection.ScoreGroup;

/**
 * A line of {@code GET /api/scores}.
 *
 * @param rank among the plans of the same year, by published percent: equal percents share a rank (1, 1, 3)
 */
public record PlanRanking(UUID planId, String agency, int year, BigDecimal projected, BigDecimal target,
        BigDecimal baseline, BigDecimal max, BigDecimal percent, int rank, ScoreGroup group) {
}
