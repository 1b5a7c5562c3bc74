package vn.par.criteria.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.runtime.configuration.MemorySize;
import vn.par.criteria.caller.Caller;
import vn.par.criteria.caller.CallerResolver;
import vn.par.criteria.importing.PlanFormat;
import vn.par.criteria.plan.AuditEntry;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.service.ImportReport;
import vn.par.criteria.service.NextYearPlans;
import vn.par.criteria.service.PlanEditor;
import vn.par.criteria.service.PlanImporter;
import vn.par.criteria.service.TaskInput;
import vn.par.infra.problem.ProblemException;

@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Kế hoạch", description = "Kế hoạch cải thiện Chỉ số CCHC: nhập, rà soát, chỉnh sửa, công bố")
public class PlanResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final PlanImporter importer;
    private final PlanEditor editor;
    private final NextYearPlans nextYear;
    private final CallerResolver callers;
    private final AccessTokenCredential accessToken;
    private final long maxImportBytes;

    /** @param accessToken the caller's bearer token, for the other services this one asks on its behalf */
    public PlanResource(PlanImporter importer, PlanEditor editor, NextYearPlans nextYear, CallerResolver callers,
            AccessTokenCredential accessToken,
            @ConfigProperty(name = "par.import.max-size", defaultValue = "10M") MemorySize maxImportSize) {
        this.importer = importer;
        this.editor = editor;
        this.nextYear = nextYear;
        this.callers = callers;
        this.accessToken = accessToken;
        this.maxImportBytes = maxImportSize.asLongValue();
    }

    @GET
    @RolesAllowed({ "admin", "appraiser", "viewer", "reporter" })
    @Operation(summary = "Danh sách kế hoạch mà người gọi được xem")
    public List<PlanViews.PlanSummary> list() {
        Caller caller = callers.current();
        return Plan.<Plan> list("order by year desc, agency.name").stream().filter(caller::reads)
                .map(PlanViews::summary).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "admin", "appraiser", "viewer", "reporter" })
    @Operation(summary = "Một kế hoạch: cây tiêu chí với giá trị khai báo và giá trị suy ra, nhiệm vụ, các điểm lệch")
    public PlanViews.PlanView get(@PathParam("id") UUID id) {
        return PlanViews.of(readable(id));
    }

    @POST
    @Path("/import")
    @RolesAllowed("admin")
    // Any type reaches the method, which answers 415 itself: so a caller without a token hears 401 first.
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Nhập kế hoạch từ phụ lục (văn bản phân tách bằng tab, Excel hoặc Word)")
    @Transactional
    public Response importPlan(
            @QueryParam("agency") @NotBlank(message = "cần tên cơ quan (sở, ban, ngành)") @Size(max = 300) String agency,
            @QueryParam("year") @NotNull(message = "cần năm của kế hoạch") @Min(value = 2000, message = "năm từ 2000 đến 2100")
            @Max(value = 2100, message = "năm từ 2000 đến 2100") Integer year,
            @QueryParam("replace") boolean replace,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-File-Name") String fileName,
            InputStream body) {
        PlanFormat format = PlanFormat.fromContentType(contentType).orElseThrow(() -> ProblemException.unsupportedMediaType(
                "Tệp phải là văn bản phân tách bằng tab (text/tab-separated-values), Excel (.xlsx) hoặc Word (.docx)."));
        byte[] content = readLimited(body);
        ImportReport report = importer.importPlan(agency, year, replace, content, format,
                fileName == null || fileName.isBlank() ? "tệp tải lên" : fileName, callers.current());
        return Response.created(URI.create("/api/plans/" + report.planId())).entity(report).build();
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed("admin")
    @Operation(summary = "Công bố kế hoạch (DRAFT → PUBLISHED)")
    @Transactional
    public PlanViews.PlanView publish(@PathParam("id") UUID id) {
        return PlanViews.of(editor.publish(id, callers.current()));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed("admin")
    @Operation(summary = "Đóng kế hoạch cuối năm (PUBLISHED → CLOSED)")
    @Transactional
    public PlanViews.PlanView close(@PathParam("id") UUID id, @QueryParam("reason") @Size(max = 1000) String reason) {
        return PlanViews.of(editor.close(id, callers.current(), reason));
    }

    @POST
    @Path("/{id}/next-year")
    @RolesAllowed("admin")
    @Operation(summary = "Tạo bản nháp kế hoạch năm sau từ kế hoạch này",
            description = "Cùng cây tiêu chí, quy tắc chấm điểm, cờ không áp dụng, đơn vị và nhiệm vụ (hạn lùi một năm);"
                    + " điểm năm trước của mỗi tiêu chí lá là điểm chính thức (khi đã kết thúc thẩm định) hoặc điểm dự kiến"
                    + " của hệ thống chấm điểm; mục tiêu bắt đầu từ số lớn hơn giữa mục tiêu năm nay và điểm năm trước."
                    + " 409 nếu đã có kế hoạch năm sau; 503 nếu không hỏi được hệ thống chấm điểm.")
    // Not one transaction: scoring-service is asked between two short ones (NextYearPlans).
    public Response nextYear(@PathParam("id") UUID id) {
        UUID draft = nextYear.draft(id, callers.current(), accessToken.getToken());
        return Response.created(URI.create("/api/plans/" + draft)).entity(PlanViews.of(readable(draft))).build();
    }

    /** The body of {@code PUT .../rule}: the rule as docs/contracts/scoring-rules.md writes it, and why. */
    public record RuleChange(JsonNode rule, @Size(max = 1000, message = "dài tối đa 1000 ký tự") String reason) {
    }

    /** The optional body of {@code POST .../rule/accept-proposal}. */
    public record ProposalAcceptance(@Size(max = 1000, message = "dài tối đa 1000 ký tự") String reason) {
    }

    @PATCH
    @Path("/{id}/criteria/{code}")
    @RolesAllowed("admin")
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Sửa một tiêu chí (JSON merge patch: title, maxPoints, baselinePoints, targetPoints, note,"
            + " applicable, reason; applicable false cần reason)")
    @Transactional
    public PlanViews.PlanView updateCriterion(@PathParam("id") UUID id, @PathParam("code") String code,
            @NotNull(message = "cần nội dung sửa đổi") ObjectNode patch) {
        return PlanViews.of(editor.updateCriterion(id, code, patch, callers.current()));
    }

    @PUT
    @Path("/{id}/criteria/{code}/rule")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Đặt quy tắc chấm điểm của một tiêu chí lá (TIERS, BRACKETS, RATIO, COUNT, DEDUCTION, SURVEY,"
            + " MANUAL)")
    @Transactional
    public PlanViews.PlanView setRule(@PathParam("id") UUID id, @PathParam("code") String code,
            @Valid @NotNull(message = "cần quy tắc (rule) và lý do (reason)") RuleChange change) {
        return PlanViews.of(editor.setRule(id, code, change.rule(), reason(change.reason()), callers.current()));
    }

    @POST
    @Path("/{id}/criteria/{code}/rule/accept-proposal")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Áp dụng quy tắc chấm điểm mà lần nhập kế hoạch đã đề xuất cho tiêu chí")
    @Transactional
    public PlanViews.PlanView acceptProposal(@PathParam("id") UUID id, @PathParam("code") String code,
            @Valid ProposalAcceptance acceptance) {
        return PlanViews.of(editor.acceptProposal(id, code, acceptance == null ? null : reason(acceptance.reason()),
                callers.current()));
    }

    @POST
    @Path("/{id}/criteria/{code}/tasks")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Thêm nhiệm vụ cho một tiêu chí")
    @Transactional
    public Response addTask(@PathParam("id") UUID id, @PathParam("code") String code,
            @Valid @NotNull(message = "cần nội dung nhiệm vụ") TaskInput input) {
        PlanViews.TaskView task = PlanViews.task(editor.addTask(id, code, input, callers.current()));
        return Response.created(URI.create("/api/plans/" + id + "/tasks/" + task.id())).entity(task).build();
    }

    @PUT
    @Path("/{id}/tasks/{taskId}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sửa một nhiệm vụ (nội dung, đơn vị chủ trì và phối hợp, hạn)")
    @Transactional
    public PlanViews.TaskView updateTask(@PathParam("id") UUID id, @PathParam("taskId") UUID taskId,
            @Valid @NotNull(message = "cần nội dung nhiệm vụ") TaskInput input) {
        return PlanViews.task(editor.updateTask(id, taskId, input, callers.current()));
    }

    @DELETE
    @Path("/{id}/tasks/{taskId}")
    @RolesAllowed("admin")
    @Operation(summary = "Xoá một nhiệm vụ")
    @Transactional
    public Response removeTask(@PathParam("id") UUID id, @PathParam("taskId") UUID taskId,
            @QueryParam("reason") @Size(max = 1000) String reason) {
        editor.removeTask(id, taskId, reason, callers.current());
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({ "admin", "appraiser", "viewer", "reporter" })
    @Operation(summary = "Lịch sử thay đổi của kế hoạch, mới nhất trước")
    public List<PlanViews.HistoryEntry> history(@PathParam("id") UUID id) {
        readable(id);
        return AuditEntry.ofPlan(id).stream().map(PlanViews::history).toList();
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** The plan, if the caller may read it: 404 when there is none, 403 when it is not the caller's to read. */
    private Plan readable(UUID id) {
        return callers.current().readable(Plan.<Plan> findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Không có kế hoạch mã " + id + ".")));
    }

    private byte[] readLimited(InputStream body) {
        try (InputStream in = body) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxImportBytes + 1));
            if (content.length > maxImportBytes) {
                throw ProblemException.tooLarge("Tệp lớn hơn giới hạn " + (maxImportBytes / (1024 * 1024))
                        + " MB. Phụ lục kế hoạch thường chỉ vài trăm KB; hãy kiểm tra lại tệp.");
            }
            return content;
        } catch (IOException e) {
            throw ProblemException.badRequest("file", "Không đọc được tệp gửi lên: " + e.getMessage());
        }
    }
}
