package vn.par.progress.report;

import java.time.Instant;

/** A task's latest state, from its latest lead report. */
public record TaskStateView(ReportStatus status, int percentComplete, Instant reportedAt, String reportedBy, String unit) {

    static TaskStateView of(TaskState s) {
        return s == null ? null : new TaskStateView(s.status, s.percentComplete, s.reportedAt, s.reportedBy, s.unit);
    }
}
