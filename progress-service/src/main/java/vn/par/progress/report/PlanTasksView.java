package vn.par.progress.report;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Every active task of a plan with its latest state, and the names of the units they mention. */
public record PlanTasksView(UUID planId, String agency, int year, long version, String status, List<Unit> units,
        List<PlanTask> tasks) {

    public record Unit(String code, String name) {
    }

    public record PlanTask(UUID taskId, String areaCode, String criterionCode, String criterionTitle, String description,
            List<String> leadUnits, List<String> coordinatingUnits, LocalDate dueDate, TaskStateView latest) {
    }
}
