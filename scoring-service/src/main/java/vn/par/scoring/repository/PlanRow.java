package vn.par.scoring.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code scored_plan}. A plan whose snapshot has not arrived has a null version, snapshot and totals.
 *
 * @param snapshot the latest snapshot's JSON; when saving, null means "unchanged"
 * @param projected the exact projected index; baseline, target and max are the plan's derived totals
 */
public record PlanRow(UUID planId, Integer version, String status, String agency, Integer year, String snapshot,
        Sequences sequences, Instant asOf, BigDecimal projected, BigDecimal baseline, BigDecimal target,
        BigDecimal max) {
}
