package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The part of a {@code par.plans} snapshot ({@code PlanPublished} / {@code PlanChanged}) that scoring reads. Declared
 * points are left out on purpose: only the derived ones are scored with (see deploy/events/asyncapi.yaml).
 */
public record PlanSnapshot(UUID planId, int version, String status, Agency agency, int year,
        List<Criterion> criteria, List<Task> tasks, List<Unit> units) {

    public PlanSnapshot {
        criteria = criteria == null ? List.of() : criteria;
        tasks = tasks == null ? List.of() : tasks;
        units = units == null ? List.of() : units;
    }

    public record Agency(String name) {
    }

    /**
     * @param rule            a leaf's scoring rule as criteria-service writes it (canonical: every default written
     *                        out); null for a parent, and for a leaf of a snapshot written before rules existed
     *                        (which scores as {@code MANUAL})
     * @param applicable      false for a leaf that is not applicable this year ("Không áp dụng"); null counts as true
     * @param ruleDescription the rule in Vietnamese words, for people
     */
    public record Criterion(String code, String parentCode, String title, Values derived, Rule rule,
            Boolean applicable, String ruleDescription) {

        /** A criterion as snapshots before rules had it: scored MANUAL, applicable. */
        public Criterion(String code, String parentCode, String title, Values derived) {
            this(code, parentCode, title, derived, null, null, null);
        }
    }

    /**
     * A scoring rule as it travels (docs/contracts/scoring-rules.md): the members of its {@code type} are set, the
     * others null. {@code whenNoCases} is {@code FULL}, {@code ZERO} or a number of points, read as text.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String type, List<Option> options, List<Bracket> brackets, BigDecimal fullAt,
            String whenNoCases, BigDecimal perUnit, BigDecimal perViolation) {
    }

    public record Option(String key, String label, BigDecimal points) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Bracket(BigDecimal min, Boolean minInclusive, BigDecimal max, Boolean maxInclusive,
            BigDecimal points) {
    }

    /** Derived points: a leaf's declared value (or 0), a parent's sum of its children. Never null upstream. */
    public record Values(BigDecimal maxPoints, BigDecimal baselinePoints, BigDecimal targetPoints) {
    }

    public record Task(String id, String criterionCode, String description, List<String> leadUnits, LocalDate dueDate) {

        public Task {
            leadUnits = leadUnits == null ? List.of() : leadUnits;
        }
    }

    public record Unit(String code, String name) {
    }
}
