package vn.par.progress.appraisal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A move of a round's deadline, with its reason: the round's history. */
@Entity
@Table(name = "appraisal_deadline_change")
public class DeadlineChange extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID planId;
    @Enumerated(EnumType.STRING)
    public Round round;
    public Instant previousDeadline;
    public Instant deadline;
    public String reason;
    public String movedBy;
    public Instant movedAt;
}
