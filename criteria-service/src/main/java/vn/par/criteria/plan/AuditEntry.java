package vn.par.criteria.plan;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One change to a plan: who, when, what, from what to what, and why. Never updated or deleted. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    public enum Action {
        IMPORTED, REIMPORTED, PUBLISHED, CLOSED, CRITERION_UPDATED, TASK_ADDED, TASK_UPDATED, TASK_REMOVED,
        /** A unit was added to the plan's agency: the published plan is announced again with it. */
        UNIT_ADDED,
        /** The plan was made from the agency's plan of the year before (target: that plan's id). */
        CREATED_FROM_PLAN,
        /** Next year's draft was made from this plan (target: the draft's id). */
        NEXT_YEAR_DRAFTED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "plan_id", nullable = false)
    public UUID planId;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    public Action action;

    /** The criterion code or task id the change is about. */
    public String target;

    public String field;

    @Column(name = "old_value")
    public String oldValue;

    @Column(name = "new_value")
    public String newValue;

    public String reason;

    @Column(name = "plan_version", nullable = false)
    public int planVersion;

    /** Records one change of {@code plan} at its current version. */
    public static void record(Plan plan, String actor, Action action, String target, String field, String oldValue,
            String newValue, String reason) {
        AuditEntry e = new AuditEntry();
        e.planId = plan.id;
        e.at = Instant.now();
        e.actor = actor;
        e.action = action;
        e.target = target;
        e.field = field;
        e.oldValue = oldValue;
        e.newValue = newValue;
        e.reason = reason;
        e.planVersion = plan.version;
        e.persist();
    }

    public static List<AuditEntry> ofPlan(UUID planId) {
        return list("planId = ?1 order by id desc", planId);
    }
}
