package vn.par.scoring.projection;

/** A task's state as its lead unit last reported it. */
public enum TaskStatus {
    NOT_STARTED, IN_PROGRESS, DONE, BLOCKED
}
