package vn.par.progress.report;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The state the latest lead report gave a task (written by {@link ReportWriter}). */
@Entity
@Table(name = "task_state")
public class TaskState extends PanacheEntityBase {

    @Id
    public UUID taskId;
    public UUID reportId;
    public String unit;
    @Enumerated(EnumType.STRING)
    public ReportStatus status;
    public int percentComplete;
    public String reportedBy;
    public Instant reportedAt;
}
