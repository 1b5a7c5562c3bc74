package vn.par.progress.report;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import vn.par.progress.caller.UnitRole;

/** A stored progress report, as the API returns it. */
public record ReportView(UUID id, UUID taskId, UUID planId, String criterionCode, String unit, UnitRole role,
        String reportedBy, ReportStatus status, int percentComplete, String comment, List<Evidence> evidence,
        Instant reportedAt, boolean changesTaskState) {

    static ReportView of(ProgressReport r) {
        return new ReportView(r.id, r.taskId, r.planId, r.criterionCode, r.unit, r.role, r.reportedBy, r.status,
                r.percentComplete, r.comment, r.evidence, r.reportedAt, r.changesTaskState);
    }
}
