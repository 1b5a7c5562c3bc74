package vn.par.scoring.projection;

/** The role of the unit that reported on a task. */
public enum ReportRole {
    /** A lead unit (chủ trì): its latest report sets the task's completion. */
    LEAD,
    /** A coordinating unit (phối hợp): its report is a contribution and does not move the task. */
    COORDINATING
}
