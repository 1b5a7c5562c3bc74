package vn.par.progress.reminder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One thing a unit must do in a published plan: a task (due soon, overdue) or a leaf (self-assessment, evidence,
 * explanation).
 *
 * @param units       the lead units it falls to (a task's lead units, a leaf's)
 * @param taskId      the task, null for a leaf
 * @param description the task's description, null for a leaf
 * @param dueDate     the task's due date, null for a leaf
 * @param deadline    the round's deadline, null for a task
 * @param points      what is at stake: the criterion's target points, null when the plan copy has none
 * @param link        the portal page to act on it
 */
public record TodoItem(TodoKind kind, UUID planId, String agency, int year, List<String> units, String criterionCode,
        String criterionTitle, UUID taskId, String description, LocalDate dueDate, Instant deadline, BigDecimal points,
        String link) {

    /**
     * What "the same item" means for "never the same item twice on one day": a task's reminder of its kind, or a leaf's
     * of its kind in its plan.
     */
    @JsonProperty(value = "key", access = JsonProperty.Access.READ_ONLY)
    public String key() {
        return taskId != null ? kind.key() + ":" + taskId : kind.key() + ":" + planId + ":" + criterionCode;
    }
}
