package vn.par.progress.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The data of a {@code PlanPublished} or {@code PlanChanged} event: a full snapshot of the plan (its schema:
 * deploy/events/schemas/PlanSnapshot.json). Only what progress-service needs is read; other members are ignored.
 */
public record PlanSnapshot(UUID planId, Long version, String status, Agency agency, Integer year,
        List<Criterion> criteria, List<SnapshotTask> tasks, List<Unit> units) {

    /**
     * @param unitCodes every unit code of the plan's agency, groups excluded; absent in snapshots from before the
     *                  appraisal, where the plan's own units stand for them
     */
    public record Agency(String id, String name, List<String> unitCodes) {
    }

    /**
     * A criterion. Snapshots from before scoring rules have no {@code rule}, {@code ruleDescription},
     * {@code applicable}, {@code notApplicableReason} or {@code leadUnits}: a leaf is then scored {@code MANUAL},
     * applicable, with no lead units of its own row.
     *
     * @param rule      the canonical rule of a leaf (docs/contracts/scoring-rules.md), null for a parent
     * @param leadUnits the lead units named on the criterion's own row, groups expanded
     */
    public record Criterion(String code, String parentCode, String title, Boolean leaf, Derived derived, JsonNode rule,
            String ruleDescription, Boolean applicable, String notApplicableReason, List<String> leadUnits) {
    }

    /**
     * The values to score with: never null in a well-formed snapshot.
     *
     * @param targetPoints this year's target, what a reminder says is at stake; absent in snapshots from before it
     */
    public record Derived(BigDecimal maxPoints, BigDecimal targetPoints) {
    }

    public record SnapshotTask(UUID id, String criterionCode, String description, List<String> leadUnits,
            List<String> coordinatingUnits, LocalDate dueDate) {
    }

    public record Unit(String code, String name) {
    }

    /** A snapshot that can never be applied; the consumer logs it and moves on. */
    public static class InvalidSnapshotException extends RuntimeException {
        public InvalidSnapshotException(String message) {
            super(message);
        }
    }

    /** Checks what applying the snapshot relies on. */
    public PlanSnapshot checked() {
        require(planId != null, "planId is missing");
        require(version != null && version >= 1, "version is missing or below 1");
        require(status != null && !status.isBlank(), "status is missing");
        require(agency != null && agency.name() != null, "agency.name is missing");
        require(year != null, "year is missing");
        Set<String> codes = new HashSet<>();
        for (Criterion c : criteria()) {
            require(c != null && c.code() != null, "a criterion has no code");
            require(codes.add(c.code()), "criterion " + c.code() + " appears twice");
        }
        Set<UUID> taskIds = new HashSet<>();
        for (SnapshotTask t : tasks()) {
            require(t != null && t.id() != null, "a task has no id");
            require(taskIds.add(t.id()), "task " + t.id() + " appears twice");
            require(t.criterionCode() != null, "task " + t.id() + " has no criterionCode");
        }
        return this;
    }

    @Override
    public List<Criterion> criteria() {
        return criteria == null ? List.of() : criteria;
    }

    @Override
    public List<SnapshotTask> tasks() {
        return tasks == null ? List.of() : tasks;
    }

    @Override
    public List<Unit> units() {
        return units == null ? List.of() : units;
    }

    /**
     * The area (top-level criterion) of every criterion, following {@code parentCode}. A parent missing from the
     * snapshot ends the walk there, so a damaged tree still gives every criterion an area.
     */
    public Map<String, String> areaCodes() {
        Map<String, String> parents = new HashMap<>();
        for (Criterion c : criteria()) {
            parents.put(c.code(), c.parentCode());
        }
        Map<String, String> areas = new HashMap<>();
        for (Criterion c : criteria()) {
            String code = c.code();
            for (int depth = 0; depth < parents.size(); depth++) {
                String parent = parents.get(code);
                if (parent == null || !parents.containsKey(parent)) {
                    break;
                }
                code = parent;
            }
            areas.put(c.code(), code);
        }
        return areas;
    }

    /** Whether a criterion is a leaf: as declared, or, if not declared, when no criterion names it as parent. */
    public boolean isLeaf(Criterion criterion) {
        if (criterion.leaf() != null) {
            return criterion.leaf();
        }
        return criteria().stream().noneMatch(c -> criterion.code().equals(c.parentCode()));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidSnapshotException(message);
        }
    }
}
