package vn.par.progress.report;

/** Where a task stands, as its lead unit reports it. */
public enum ReportStatus {
    NOT_STARTED,
    IN_PROGRESS,
    DONE,
    BLOCKED
}
