package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The part of a {@code par.plans} snapshot ({@code PlanPublished} / {@code PlanChanged}) that scoring reads. Declared
 * points are left out on purpose: only the derived ones are scored with (see EVENTS-DRAFT.md).
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

    public record Criterion(String code, String parentCode, String title, Points derived) {
    }

    /** Derived points: a leaf's declared value (or 0), a parent's sum of its children. Never null upstream. */
    public record Points(BigDecimal maxPoints, BigDecimal baselinePoints, BigDecimal targetPoints) {
    }

    public record Task(String id, String criterionCode, String description, List<String> leadUnits, LocalDate dueDate) {

        public Task {
            leadUnits = leadUnits == null ? List.of() : leadUnits;
        }
    }

    public record Unit(String code, String name) {
    }
}
