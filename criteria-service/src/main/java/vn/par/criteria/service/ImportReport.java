package vn.par.criteria.service;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What an import did: the answer of {@code POST /api/plans/import}.
 *
 * @param ruleProposals how many leaves got a proposed rule from their text (none is applied by the import)
 */
public record ImportReport(UUID planId, String agency, int year, String status, int criteria, int tasks,
        List<UnitRef> units, List<Finding> findings, Totals derivedTotals, int ruleProposals, List<String> warnings) {

    /** A unit named by the plan; {@code created} when the import had to create it. */
    public record UnitRef(String code, String name, boolean created) {
    }

    /** A parent whose declared value differs from the sum of its children (a warning). */
    public record Finding(String code, String field, BigDecimal declared, BigDecimal derived) {
    }

    public record Totals(BigDecimal maxPoints, BigDecimal baselinePoints, BigDecimal targetPoints) {
    }
}
