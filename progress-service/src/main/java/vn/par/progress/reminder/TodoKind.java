package vn.par.progress.reminder;

/** What a unit must do, in the order a reminder lists them: what already costs points first. */
public enum TodoKind {
    /** A task it leads, past its due date and not reported done. */
    TASK_OVERDUE("task-overdue"),
    /** A task it leads, due within the next days and not reported done. */
    TASK_DUE("task-due"),
    /** A leaf it leads without a self-assessment or indicator, while the self-assessment round nears its deadline. */
    SELF_ASSESSMENT("self-assessment"),
    /** A leaf it leads whose self-assessment or indicator that counts has no evidence, in the same window. */
    EVIDENCE("evidence"),
    /** A leaf it leads that the appraisal adjusted and that has no explanation yet, during the explanation round. */
    EXPLANATION("explanation");

    private final String key;

    TodoKind(String key) {
        this.key = key;
    }

    /** The kind as item keys and the pages' hooks write it. */
    public String key() {
        return key;
    }
}
