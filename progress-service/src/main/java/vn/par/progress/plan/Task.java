package vn.par.progress.plan;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A task of a plan, with the units that lead it (chủ trì) and those that help (phối hợp). A task a later
 * version of the plan dropped is kept inactive: its reports stay readable, it takes no new ones.
 */
@Entity
@Table(name = "task")
public class Task extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID planId;
    public String criterionCode;
    public String description;
    public String[] leadUnits;
    public String[] coordinatingUnits;
    public LocalDate dueDate;
    public int position;
    public boolean active;
}
