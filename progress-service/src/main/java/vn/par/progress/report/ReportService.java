package vn.par.progress.report;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.problem.ProblemTypes;
import vn.par.progress.appraisal.AppraisalGate;
import vn.par.progress.appraisal.Round;
import vn.par.progress.caller.AgencyScope;
import vn.par.progress.caller.Caller;
import vn.par.progress.caller.UnitRole;
import vn.par.progress.caller.UnitScope;
import vn.par.progress.evidence.EvidenceService;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.plan.PlanIndex.KnownPlan;
import vn.par.progress.plan.PlanIndex.KnownTask;

/**
 * Accepts progress reports. Everything a report is checked against comes from the in-memory {@link PlanIndex};
 * the database sees one statement per report ({@link ReportWriter}): the report, the task's state if a lead unit
 * posted it, and its {@code ProgressReported} event in the outbox, which reaches Kafka after the commit, also when
 * Kafka is down at the time.
 */
@ApplicationScoped
public class ReportService {

    static final int MAX_IDEMPOTENCY_KEY = 200;
    private static final String IDEMPOTENCY_INDEX = "progress_report_idempotency";

    private final PlanIndex index;
    private final ReportWriter writer;
    private final ObjectMapper json;
    private final EvidenceService files;
    private final Counter leadReports;
    private final Counter contributions;

    public ReportService(PlanIndex index, ReportWriter writer, ObjectMapper json, EvidenceService files, MeterRegistry meters) {
        this.index = index;
        this.writer = writer;
        this.json = json;
        this.files = files;
        this.leadReports = accepted(meters, UnitRole.LEAD);
        this.contributions = accepted(meters, UnitRole.COORDINATING);
    }

    /** The stored report, and whether this request stored it (false: a retry answered with the original). */
    public record Submitted(ReportView report, boolean created) {
    }

    public Submitted submit(Caller caller, UUID taskId, ReportRequest request, String idempotencyKey) {
        checkIdempotencyKey(idempotencyKey);
        checkStatusMatchesPercent(request);
        List<Evidence> evidence = Evidence.listOf(request.evidence());
        String hash = idempotencyKey == null ? null : hash(taskId, request, evidence);
        ProgressReport report;
        try {
            report = newReport(caller, taskId, request, evidence);
        } catch (ProblemException refused) {
            // A retry of a report accepted before the task, its plan or its units changed gets the original.
            if (idempotencyKey != null) {
                return earlier(caller, idempotencyKey, hash).orElseThrow(() -> refused);
            }
            throw refused;
        }
        report.idempotencyKey = idempotencyKey;
        report.requestHash = hash;
        try {
            // One statement that commits on its own: a duplicate Idempotency-Key has stored nothing and is answered
            // with the original.
            writer.store(report);
        } catch (SQLException e) {
            if (idempotencyKey != null && isDuplicateKey(e)) {
                return earlier(caller, idempotencyKey, hash).orElseThrow(() -> storeFailed(report, e));
            }
            throw storeFailed(report, e);
        }
        (report.changesTaskState ? leadReports : contributions).increment();
        return new Submitted(ReportView.of(report), true);
    }

    private ProgressReport newReport(Caller caller, UUID taskId, ReportRequest request, List<Evidence> evidence) {
        KnownTask task = index.task(taskId).orElseThrow(() -> ProblemException.notFound(
                "Không có nhiệm vụ " + taskId + " trong kế hoạch đang thực hiện nào."));
        Optional<KnownPlan> plan = index.plan(task.planId());
        if (plan.isEmpty() || !plan.get().open()) {
            throw ProblemException.conflict("Kế hoạch của nhiệm vụ này không còn ở trạng thái đã công bố ("
                    + plan.map(KnownPlan::status).orElse("?") + "), nên không nhận báo cáo mới.");
        }
        // The appraisal's round from memory: the one report path that reads nothing from the database.
        if (index.round(task.planId()) == Round.CLOSED) {
            throw AppraisalGate.closed("báo cáo tiến độ");
        }
        AgencyScope.checkWrite(caller, plan.get().agency());
        UnitScope.ActingUnit acting = UnitScope.resolve(caller, request.unit(), task.leadUnits(),
                task.coordinatingUnits(), "nhiệm vụ này");
        ProgressReport report = new ProgressReport();
        report.id = UUID.randomUUID();
        report.taskId = task.id();
        report.planId = task.planId();
        report.criterionCode = task.criterionCode();
        report.unit = acting.unit();
        report.role = acting.role();
        report.reportedBy = caller.person();
        report.status = request.status();
        report.percentComplete = request.percentComplete();
        report.comment = request.comment();
        // Only a list naming uploaded files is checked against the database (nor does any other open a transaction).
        report.evidence = evidence.stream().anyMatch(Evidence::isFile) ? files.resolve(evidence, plan.get().agency())
                : evidence;
        report.reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        report.changesTaskState = acting.role() == UnitRole.LEAD;
        return report;
    }

    private static IllegalStateException storeFailed(ProgressReport report, SQLException e) {
        return new IllegalStateException("cannot store report " + report.id + ": " + e.getMessage(), e);
    }

    /** The report this caller already stored under the key: the same request gets it back, another one a 422. */
    private Optional<Submitted> earlier(Caller caller, String idempotencyKey, String hash) {
        Optional<ProgressReport> earlier = ProgressReport
                .<ProgressReport>find("reportedBy = ?1 and idempotencyKey = ?2", caller.person(), idempotencyKey)
                .firstResultOptional();
        if (earlier.isPresent() && !earlier.get().requestHash.equals(hash)) {
            throw new ProblemException(Problem.of(422, "Khóa Idempotency-Key đã được dùng",
                    "Khóa Idempotency-Key '" + idempotencyKey + "' đã được dùng cho một báo cáo khác (lúc "
                            + earlier.get().reportedAt + "). Mỗi báo cáo mới cần một khóa mới; chỉ gửi lại đúng "
                            + "nội dung cũ với khóa cũ.")
                    .withType(ProblemTypes.IDEMPOTENCY_MISMATCH).withField("Idempotency-Key"));
        }
        return earlier.map(r -> new Submitted(ReportView.of(r), false));
    }

    private static void checkIdempotencyKey(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ProblemException.badRequest("Idempotency-Key",
                    "Tiêu đề Idempotency-Key phải có từ 1 đến " + MAX_IDEMPOTENCY_KEY + " ký tự.");
        }
    }

    private static void checkStatusMatchesPercent(ReportRequest request) {
        if (request.status() == ReportStatus.DONE && request.percentComplete() != 100) {
            throw ProblemException.badRequest("percentComplete",
                    "Trạng thái DONE (hoàn thành) cần percentComplete = 100, nhận được " + request.percentComplete() + ".");
        }
        if (request.status() == ReportStatus.NOT_STARTED && request.percentComplete() != 0) {
            throw ProblemException.badRequest("percentComplete",
                    "Trạng thái NOT_STARTED (chưa bắt đầu) cần percentComplete = 0, nhận được " + request.percentComplete() + ".");
        }
    }

    /** What a retry must repeat exactly: the task and the body, read as values (spacing and member order aside). */
    private record CanonicalRequest(UUID taskId, ReportStatus status, Integer percentComplete, String comment,
            List<Evidence> evidence, String unit) {
    }

    private String hash(UUID taskId, ReportRequest r, List<Evidence> evidence) {
        try {
            byte[] canonical = json.writeValueAsBytes(new CanonicalRequest(taskId, r.status(), r.percentComplete(),
                    r.comment(), evidence, r.unit()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a report request", e);
        }
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState()) && sql.getMessage() != null
                    && sql.getMessage().contains(IDEMPOTENCY_INDEX)) {
                return true;
            }
        }
        return false;
    }

    private static Counter accepted(MeterRegistry meters, UnitRole role) {
        return Counter.builder("par.progress.reports.accepted")
                .description("Progress reports stored (and queued for par.progress), by the reporting unit's role")
                .tag("role", role.name()).register(meters);
    }
}
