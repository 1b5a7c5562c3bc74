package vn.par.progress.report;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;

/**
 * Stores an accepted report, for a lead report also the task's new state, and its {@code ProgressReported} event
 * in the outbox, in one statement with plain JDBC: one round trip and no transaction but the statement's own, so
 * all of it is stored or none. The hot path of the service: profiles put about a fifth of its time into
 * Hibernate's persist and flush of the report, and a tenth into the JTA transaction around it. Reads go through
 * the {@link ProgressReport} and {@link TaskState} entities.
 */
@ApplicationScoped
public class ReportWriter {

    private static final String INSERT_REPORT = """
            INSERT INTO progress_report (id, task_id, plan_id, criterion_code, unit, role, reported_by, status,
                percent_complete, comment, evidence, reported_at, changes_task_state, idempotency_key, request_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)""";

    /** A coordinating unit's contribution: the report alone. */
    private static final String CONTRIBUTION = "report AS (" + INSERT_REPORT + ")";

    /**
     * The report and the task's state at once, without reading the state first. The row lock the upsert takes
     * orders concurrent lead reports of a task: the last to commit is the state, as its event is the last of them
     * on par.progress.
     */
    private static final String LEAD_REPORT = "report AS (" + INSERT_REPORT + """
             RETURNING id, task_id, unit, status, percent_complete, reported_by, reported_at),
            state AS (
                INSERT INTO task_state (task_id, report_id, unit, status, percent_complete, reported_by, reported_at)
                SELECT task_id, id, unit, status, percent_complete, reported_by, reported_at FROM report
                ON CONFLICT (task_id) DO UPDATE SET report_id = EXCLUDED.report_id, unit = EXCLUDED.unit,
                    status = EXCLUDED.status, percent_complete = EXCLUDED.percent_complete,
                    reported_by = EXCLUDED.reported_by, reported_at = EXCLUDED.reported_at)""";

    private final Outbox outbox;
    private final ObjectMapper json;

    public ReportWriter(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Stores {@code report} (a lead report also becomes its task's state) with its event on par.progress. A second
     * report with the same {@code reportedBy} and {@code idempotencyKey} fails with the unique violation of
     * {@code progress_report_idempotency}, and nothing is stored.
     */
    public void store(ProgressReport report) throws SQLException {
        String evidence;
        try {
            evidence = json.writeValueAsString(report.evidence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the evidence of a report as JSON", e);
        }
        outbox.appendWith(report.changesTaskState ? LEAD_REPORT : CONTRIBUTION, (ps, first) -> {
            int i = first;
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
            ps.setString(i++, report.requestHash);
            return i;
        }, Topics.PROGRESS, report.planId.toString(), ProgressReported.TYPE, ProgressReported.of(report));
    }
}
