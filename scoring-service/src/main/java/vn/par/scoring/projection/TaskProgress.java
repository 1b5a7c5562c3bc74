package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The latest lead report of a task: what the rule needs of it.
 *
 * @param percentComplete 0..100 (out-of-range values are clamped: the rule must never leave [0, max])
 */
public record TaskProgress(TaskStatus status, int percentComplete) {

    public TaskProgress {
        Objects.requireNonNull(status, "status");
        percentComplete = Math.max(0, Math.min(100, percentComplete));
    }

    /** The task's completion {@code f}, exactly: 60 % is 0.60. */
    BigDecimal fraction() {
        return BigDecimal.valueOf(percentComplete, 2);
    }
}
