package vn.par.criteria.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.par.criteria.unit.Unit;

/** A task (nhiệm vụ, giải pháp) of a criterion, with its lead and coordinating units. */
@Entity
public class Task extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "criterion_id")
    public Criterion criterion;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String description;

    @Column(name = "due_date")
    public LocalDate dueDate;

    /** Lead units first, then coordinating units, each in the order the plan names them. */
    @ElementCollection
    @CollectionTable(name = "task_unit", joinColumns = @JoinColumn(name = "task_id"))
    @OrderColumn(name = "position")
    public List<TaskUnit> units = new ArrayList<>();

    public List<Unit> units(TaskUnit.Role role) {
        return units.stream().filter(u -> u.role == role).map(u -> u.unit).toList();
    }

    public void assign(List<Unit> lead, List<Unit> coordinating) {
        units.clear();
        lead.forEach(u -> units.add(new TaskUnit(u, TaskUnit.Role.LEAD)));
        coordinating.forEach(u -> units.add(new TaskUnit(u, TaskUnit.Role.COORDINATING)));
    }
}
