package vn.par.progress.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;

/**
 * Stores an accepted report, and for a lead report the task's new state, in one statement with plain JDBC: the
 * hot path of the service (a profile put about a fifth of its time into Hibernate's persist and flush of the
 * report). Inside the caller's transaction the pool hands out the transaction's own connection, so the rows
 * commit or roll back with the report's outbox event. Reads go through the {@link ProgressReport} and
 * {@link TaskState} entities as before.
 */
@ApplicationScoped
public class ReportWriter {

    private static final String INSERT_REPORT = """
            INSERT INTO progress_report (id, task_id, plan_id, criterion_code, unit, role, reported_by, status,
                percent_complete, comment, evidence, reported_at, changes_task_state, idempotency_key, request_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)""";

    /**
     * The report and the task's state at once, without reading the state first. The row lock the upsert takes
     * orders concurrent lead reports of a task: the last to commit is the state, as its event is the last of them
     * on par.progress.
     */
    private static final String INSERT_LEAD_REPORT = "WITH report AS (" + INSERT_REPORT + """
             RETURNING id, task_id, unit, status, percent_complete, reported_by, reported_at)
            INSERT INTO task_state (task_id, report_id, unit, status, percent_complete, reported_by, reported_at)
            SELECT task_id, id, unit, status, percent_complete, reported_by, reported_at FROM report
            ON CONFLICT (task_id) DO UPDATE SET report_id = EXCLUDED.report_id, unit = EXCLUDED.unit,
                status = EXCLUDED.status, percent_complete = EXCLUDED.percent_complete,
                reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public ReportWriter(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Inserts {@code report}; a lead report also becomes its task's state. A second report with the same
     * {@code reportedBy} and {@code idempotencyKey} fails with the unique violation of
     * {@code progress_report_idempotency}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insert(ProgressReport report) throws SQLException {
        String evidence;
        try {
            evidence = json.writeValueAsString(report.evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the evidence of a report as JSON", e);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(report.changesTaskState ? INSERT_LEAD_REPORT : INSERT_REPORT)) {
            int i = 1;
            ps.setObject(i++, report.id);
            ps.setObject(i++, report.taskId);
            ps.setObject(i++, report.planId);
            ps.setString(i++, report.criterionCode);
            ps.setString(i++, report.unit);
            ps.setString(i++, report.role.name());
            ps.setString(i++, report.reportedBy);
            ps.setString(i++, report.status.name());
            ps.setInt(i++, report.percentComplete);
            ps.setString(i++, report.comment);
            ps.setString(i++, evidence);
            ps.setObject(i++, OffsetDateTime.ofInstant(report.reportedAt, ZoneOffset.UTC));
            ps.setBoolean(i++, report.changesTaskState);
            ps.setString(i++, report.idempotencyKey);
            ps.setString(i, report.requestHash);
            ps.executeUpdate();
        }
    }
}
