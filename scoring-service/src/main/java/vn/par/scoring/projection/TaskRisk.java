package vn.par.scoring.projection;

import java.time.LocalDate;
import java.util.List;

/**
 * A task that puts its leaf at risk, with who leads it and why: what the dashboard lists under an at-risk criterion.
 *
 * @param status the latest lead report's status, or null when no lead unit has reported yet
 */
public record TaskRisk(String taskId, String description, TaskStatus status, LocalDate dueDate,
        List<RiskReason> reasons, List<UnitRef> leadUnits) {
}
