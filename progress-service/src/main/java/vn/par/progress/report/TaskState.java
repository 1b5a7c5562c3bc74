package vn.par.progress.report;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The state the latest lead report gave a task. */
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

    /**
     * Makes {@code report} the task's state in one statement, without reading the row first. The row lock it
     * takes orders concurrent lead reports of a task: the last to commit is the state, as its event is the
     * last of them on par.progress.
     */
    static void recordLatest(ProgressReport report) {
        getEntityManager().createNativeQuery("""
                INSERT INTO task_state (task_id, report_id, unit, status, percent_complete, reported_by, reported_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                ON CONFLICT (task_id) DO UPDATE SET report_id = EXCLUDED.report_id, unit = EXCLUDED.unit,
                    status = EXCLUDED.status, percent_complete = EXCLUDED.percent_complete,
                    reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at""")
                .setParameter(1, report.taskId)
                .setParameter(2, report.id)
                .setParameter(3, report.unit)
                .setParameter(4, report.status.name())
                .setParameter(5, report.percentComplete)
                .setParameter(6, report.reportedBy)
                .setParameter(7, report.reportedAt)
                .executeUpdate();
    }
}
