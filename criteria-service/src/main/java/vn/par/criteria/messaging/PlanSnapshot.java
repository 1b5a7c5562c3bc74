package vn.par.criteria.messaging;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The data of {@code PlanPublished} and {@code PlanChanged} on {@code par.plans}: the whole plan, so a consumer
 * needs nothing else and the compacted topic always holds the latest state. See the README's "Events".
 */
public record PlanSnapshot(UUID planId, int version, String status, Agency agency, int year, int baselineYear,
        List<Criterion> criteria, List<Task> tasks, List<Unit> units) {

    /**
     * The plan's agency; {@code unitCodes} are the codes of all its units, groups left out, sorted: progress-service
     * tells by them whether a reporter's unit belongs to the plan's agency.
     */
    public record Agency(UUID id, String name, List<String> unitCodes) {
    }

    /**
     * A criterion and how it is scored (docs/contracts/scoring-rules.md, "In the plan"): {@code rule} (canonical)
     * and {@code ruleDescription} are null for a parent; {@code leadUnits} are the unit codes named on the
     * criterion's own row, groups expanded.
     */
    public record Criterion(String code, String parentCode, String title, boolean leaf, BigDecimal maxPoints,
            BigDecimal baselinePoints, BigDecimal targetPoints, Values derived, String note, JsonNode rule,
            String ruleDescription, boolean applicable, String notApplicableReason, JsonNode proposedRule,
            String proposedRuleSource, List<String> leadUnits) {
    }

    public record Values(BigDecimal maxPoints, BigDecimal baselinePoints, BigDecimal targetPoints) {
    }

    public record Task(UUID id, String criterionCode, String description, List<String> leadUnits,
            List<String> coordinatingUnits, LocalDate dueDate) {
    }

    public record Unit(String code, String name) {
    }
}
