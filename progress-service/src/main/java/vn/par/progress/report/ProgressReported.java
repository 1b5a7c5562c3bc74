package vn.par.progress.report;

import java.time.Instant;
import java.util.UUID;

import vn.par.progress.caller.UnitRole;

/** The data of a {@code ProgressReported} event on par.progress (its schema: deploy/events/asyncapi.yaml). */
public record ProgressReported(UUID reportId, UUID planId, UUID taskId, String criterionCode, String unit,
        UnitRole role, ReportStatus status, int percentComplete, String reportedBy, Instant reportedAt,
        boolean changesTaskState) {

    public static final String TYPE = "ProgressReported";

    static ProgressReported of(ProgressReport r) {
        return new ProgressReported(r.id, r.planId, r.taskId, r.criterionCode, r.unit, r.role, r.status,
                r.percentComplete, r.reportedBy, r.reportedAt, r.changesTaskState);
    }
}
