package vn.par.progress.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import vn.par.progress.plan.PlanSnapshot.InvalidSnapshotException;
import vn.par.progress.rule.Rule;

/**
 * Keeps this service's copy of the published plans in the database: applies snapshots from {@code par.plans}. The
 * {@link PlanIndex} reads a plan's copy from there.
 */
@ApplicationScoped
public class PlanCopyService {

    private final ObjectMapper json;

    public PlanCopyService(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Replaces the copy of the plan by the snapshot, unless the copy is already at that version or a newer one
     * (a redelivered or late snapshot changes nothing).
     *
     * @return whether the snapshot was applied
     */
    @Transactional
    public boolean apply(PlanSnapshot snapshot) {
        UUID planId = snapshot.planId();
        // The lock orders concurrent appliers of one plan (several instances each read par.plans).
        Plan plan = Plan.findById(planId, LockModeType.PESSIMISTIC_WRITE);
        if (plan != null && plan.version >= snapshot.version()) {
            return false;
        }
        boolean created = plan == null;
        if (created) {
            plan = new Plan();
            plan.id = planId;
        }
        plan.version = snapshot.version();
        plan.status = snapshot.status();
        plan.agencyId = snapshot.agency().id();
        plan.agencyName = snapshot.agency().name();
        plan.agencyUnitCodes = agencyUnitCodes(snapshot).toArray(String[]::new);
        plan.year = snapshot.year();
        plan.appliedAt = Instant.now();
        if (created) {
            plan.persist();
        }
        replaceCriteria(snapshot);
        replaceUnits(snapshot);
        int[] counts = mergeTasks(snapshot);
        Log.infof("Plan %s version %d (%s) applied: %d criteria, %d tasks active, %d dropped", planId,
                snapshot.version(), snapshot.status(), snapshot.criteria().size(), counts[0], counts[1]);
        return true;
    }

    private void replaceCriteria(PlanSnapshot snapshot) {
        PlanCriterion.delete("planId", snapshot.planId());
        Map<String, String> areas = snapshot.areaCodes();
        int position = 0;
        for (PlanSnapshot.Criterion c : snapshot.criteria()) {
            PlanCriterion criterion = new PlanCriterion();
            criterion.planId = snapshot.planId();
            criterion.code = c.code();
            criterion.parentCode = c.parentCode();
            criterion.areaCode = areas.get(c.code());
            criterion.title = c.title() == null ? "" : c.title();
            criterion.leaf = snapshot.isLeaf(c);
            criterion.maxPoints = c.derived() == null || c.derived().maxPoints() == null ? BigDecimal.ZERO
                    : c.derived().maxPoints();
            if (criterion.maxPoints.abs().compareTo(new BigDecimal("1e8")) >= 0) {
                throw new InvalidSnapshotException("criterion " + c.code() + " has an impossible maximum " + criterion.maxPoints);
            }
            criterion.targetPoints = c.derived() == null || c.derived().targetPoints() == null ? null
                    : c.derived().targetPoints();
            if (criterion.targetPoints != null && criterion.targetPoints.abs().compareTo(new BigDecimal("1e8")) >= 0) {
                throw new InvalidSnapshotException("criterion " + c.code() + " has an impossible target " + criterion.targetPoints);
            }
            criterion.position = position++;
            criterion.rule = criterion.leaf ? ruleOf(c) : null;
            criterion.ruleDescription = criterion.leaf ? c.ruleDescription() : null;
            criterion.applicable = c.applicable() == null || c.applicable();
            criterion.notApplicableReason = criterion.applicable ? null : c.notApplicableReason();
            criterion.leadUnits = unitCodes(c.leadUnits()).toArray(String[]::new);
            criterion.persist();
        }
    }

    /**
     * The leaf's rule as JSON text, once it is known to be readable: a snapshot whose rule breaks the contract is
     * refused whole rather than leaving a leaf nobody can report on.
     */
    private String ruleOf(PlanSnapshot.Criterion c) {
        if (c.rule() == null || c.rule().isNull()) {
            return null;
        }
        try {
            Rule.ofLeaf(c.rule());
            return json.writeValueAsString(c.rule());
        } catch (Rule.UnreadableRuleException | JsonProcessingException e) {
            throw new InvalidSnapshotException("criterion " + c.code() + ": " + e.getMessage());
        }
    }

    /** The agency's units as the snapshot lists them, or, in a snapshot from before it did, the plan's own units. */
    private static Set<String> agencyUnitCodes(PlanSnapshot snapshot) {
        if (snapshot.agency().unitCodes() != null) {
            return unitCodes(snapshot.agency().unitCodes());
        }
        return unitCodes(snapshot.units().stream().filter(u -> u != null).map(PlanSnapshot.Unit::code).toList());
    }

    private void replaceUnits(PlanSnapshot snapshot) {
        PlanUnit.delete("planId", snapshot.planId());
        Set<String> seen = new LinkedHashSet<>();
        for (PlanSnapshot.Unit u : snapshot.units()) {
            String code = u == null ? null : UnitCodes.normalize(u.code());
            if (code == null || code.isEmpty() || !seen.add(code)) {
                continue;
            }
            PlanUnit unit = new PlanUnit();
            unit.planId = snapshot.planId();
            unit.code = code;
            unit.name = u.name() == null ? code : u.name();
            unit.persist();
        }
    }

    /** Updates the tasks the plan keeps, adds new ones, deactivates dropped ones; returns {active, dropped}. */
    private int[] mergeTasks(PlanSnapshot snapshot) {
        UUID planId = snapshot.planId();
        Map<UUID, Task> existing = new HashMap<>();
        for (Task task : Task.<Task>list("planId", planId)) {
            existing.put(task.id, task);
        }
        List<UUID> newIds = snapshot.tasks().stream().map(PlanSnapshot.SnapshotTask::id)
                .filter(id -> !existing.containsKey(id)).toList();
        if (!newIds.isEmpty() && Task.count("id in ?1", newIds) > 0) {
            throw new InvalidSnapshotException("some task ids of plan " + planId + " already belong to another plan");
        }
        int position = 0;
        for (PlanSnapshot.SnapshotTask t : snapshot.tasks()) {
            Task task = existing.remove(t.id());
            boolean created = task == null;
            if (created) {
                task = new Task();
                task.id = t.id();
                task.planId = planId;
            }
            Set<String> leads = unitCodes(t.leadUnits());
            Set<String> coordinating = unitCodes(t.coordinatingUnits());
            coordinating.removeAll(leads);
            task.criterionCode = t.criterionCode();
            task.description = t.description() == null ? "" : t.description();
            task.leadUnits = leads.toArray(String[]::new);
            task.coordinatingUnits = coordinating.toArray(String[]::new);
            task.dueDate = t.dueDate();
            task.position = position++;
            task.active = true;
            if (created) {
                task.persist();
            }
        }
        int dropped = 0;
        for (Task gone : existing.values()) {
            if (gone.active) {
                gone.active = false;
                dropped++;
            }
        }
        return new int[] { snapshot.tasks().size(), dropped };
    }

    private static Set<String> unitCodes(List<String> codes) {
        Set<String> result = new LinkedHashSet<>();
        if (codes != null) {
            for (String code : codes) {
                String normalized = UnitCodes.normalize(code);
                if (normalized != null && !normalized.isEmpty()) {
                    result.add(normalized);
                }
            }
        }
        return result;
    }
}
