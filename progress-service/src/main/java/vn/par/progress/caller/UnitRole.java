package vn.par.progress.caller;

/** The part a unit plays in a task: it leads it (chủ trì) or helps (phối hợp). */
public enum UnitRole {
    LEAD,
    COORDINATING
}
