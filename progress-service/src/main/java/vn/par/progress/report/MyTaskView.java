package vn.par.progress.report;

import java.time.LocalDate;
import java.util.UUID;

import vn.par.progress.caller.UnitRole;

/** A task of the caller's unit, with the unit's role in it and the task's latest state (null if never reported). */
public record MyTaskView(UUID planId, String agency, int year, String areaCode, String criterionCode,
        String criterionTitle, UUID taskId, String description, UnitRole role, LocalDate dueDate, TaskStateView latest) {
}
