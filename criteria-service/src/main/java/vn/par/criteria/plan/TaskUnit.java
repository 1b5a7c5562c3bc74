package vn.par.criteria.plan;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import vn.par.criteria.unit.Unit;

/** A unit's part in a task. */
@Embeddable
public class TaskUnit {

    public enum Role {
        /** Chủ trì: reports the task's progress. */
        LEAD,
        /** Phối hợp: contributes. */
        COORDINATING
    }

    @ManyToOne(optional = false)
    @JoinColumn(name = "unit_id")
    public Unit unit;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    protected TaskUnit() {
    }

    public TaskUnit(Unit unit, Role role) {
        this.unit = unit;
        this.role = role;
    }
}
