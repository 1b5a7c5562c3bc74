package vn.par.progress.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.par.progress.assessment.SelfAssessmentRequest;
import vn.par.progress.assessment.SelfAssessmentService;
import vn.par.progress.assessment.SelfAssessmentView;
import vn.par.progress.caller.CallerResolver;
import vn.par.progress.indicator.IndicatorRequest;
import vn.par.progress.indicator.IndicatorService;
import vn.par.progress.indicator.IndicatorView;
import vn.par.progress.indicator.LeafIndicators;
import vn.par.progress.plan.PlanAccess;
import vn.par.progress.report.PlanTasksView;
import vn.par.progress.report.TaskProgressService;

@Path("/api/plans/{planId}")
@Produces(MediaType.APPLICATION_JSON)
public class PlanProgressResource {

    private final TaskProgressService progress;
    private final SelfAssessmentService assessments;
    private final IndicatorService indicators;
    private final CallerResolver callers;
    private final PlanAccess access;

    public PlanProgressResource(TaskProgressService progress, SelfAssessmentService assessments,
            IndicatorService indicators, CallerResolver callers, PlanAccess access) {
        this.progress = progress;
        this.assessments = assessments;
        this.indicators = indicators;
        this.callers = callers;
        this.access = access;
    }

    @GET
    @Path("tasks")
    @RolesAllowed({ "reporter", "admin", "viewer", "appraiser" })
    @Tag(name = "Báo cáo tiến độ")
    @Operation(summary = "Mọi nhiệm vụ của một kế hoạch với trạng thái mới nhất")
    public PlanTasksView tasks(@PathParam("planId") UUID planId) {
        access.readable(callers.current(), planId);
        return progress.planTasks(planId);
    }

    @POST
    @Path("criteria/{code}/self-assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "reporter", "admin" })
    @Tag(name = "Tự chấm điểm", description = "Điểm tự chấm của đơn vị chủ trì cho các tiêu chí lá, kèm tài liệu kiểm chứng")
    @Operation(summary = "Tự chấm điểm một tiêu chí lá chấm theo quy tắc MANUAL",
            description = "Lần tự chấm mới nhất của tiêu chí là lần được tính. Tiêu chí chấm theo quy tắc khác: 409, hãy báo cáo chỉ số.")
    @APIResponse(responseCode = "201", description = "Điểm tự chấm đã được ghi nhận")
    public Response assess(@PathParam("planId") UUID planId, @PathParam("code") String code,
            @Valid @NotNull(message = "cần gửi nội dung tự chấm điểm (JSON)") SelfAssessmentRequest request, UriInfo uri) {
        SelfAssessmentView stored = assessments.assess(callers.current(), planId, code, request);
        return Response.created(uri.getBaseUriBuilder().path("api/plans/{planId}/self-assessments/{id}")
                .build(planId, stored.id())).entity(stored).build();
    }

    @GET
    @Path("self-assessments")
    @RolesAllowed({ "reporter", "admin", "viewer", "appraiser" })
    @Tag(name = "Tự chấm điểm")
    @Operation(summary = "Điểm tự chấm đang được tính của từng tiêu chí")
    public List<SelfAssessmentView> selfAssessments(@PathParam("planId") UUID planId) {
        access.readable(callers.current(), planId);
        return assessments.latest(planId);
    }

    @GET
    @Path("self-assessments/{assessmentId}")
    @RolesAllowed({ "reporter", "admin", "viewer", "appraiser" })
    @Tag(name = "Tự chấm điểm")
    @Operation(summary = "Một lần tự chấm điểm (kể cả lần đã bị lần sau thay thế)")
    public SelfAssessmentView selfAssessment(@PathParam("planId") UUID planId, @PathParam("assessmentId") UUID assessmentId) {
        access.readable(callers.current(), planId);
        return assessments.one(planId, assessmentId);
    }

    @POST
    @Path("criteria/{code}/indicators")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "reporter", "admin", "appraiser" })
    @Tag(name = "Chỉ số", description = "Chỉ số (dữ kiện) của đơn vị chủ trì cho các tiêu chí lá, chấm theo quy tắc của tiêu chí")
    @Operation(summary = "Báo cáo chỉ số của một tiêu chí lá",
            description = "Nội dung theo quy tắc hiện hành của tiêu chí: option (TIERS), value (BRACKETS), numerator và "
                    + "denominator (RATIO), count (COUNT), violations (DEDUCTION), percent (SURVEY, chỉ quản trị viên và Sở Nội vụ), "
                    + "points (MANUAL, là một lần tự chấm điểm). Trả về chỉ số đã lưu với points, số điểm chỉ số đem lại. "
                    + "Gửi lại cùng Idempotency-Key và cùng nội dung nhận lại chỉ số cũ (200).")
    @APIResponse(responseCode = "201", description = "Chỉ số đã được ghi nhận")
    @APIResponse(responseCode = "200", description = "Gửi lại: chỉ số đã ghi nhận trước đó với cùng Idempotency-Key")
    public Response report(@PathParam("planId") UUID planId, @PathParam("code") String code,
            @Parameter(description = "Khóa chống ghi trùng khi gửi lại (tối đa 200 ký tự)") @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull(message = "cần gửi nội dung chỉ số (JSON)") IndicatorRequest request, UriInfo uri) {
        IndicatorService.Submitted submitted = indicators.submit(callers.current(), planId, code, request, idempotencyKey);
        if (!submitted.created()) {
            return Response.ok(submitted.indicator()).build();
        }
        return Response.created(uri.getBaseUriBuilder().path("api/plans/{planId}/indicators/{id}")
                .build(planId, submitted.indicator().id())).entity(submitted.indicator()).build();
    }

    @GET
    @Path("indicators")
    @RolesAllowed({ "reporter", "admin", "viewer", "appraiser" })
    @Tag(name = "Chỉ số")
    @Operation(summary = "Chỉ số của từng tiêu chí lá",
            description = "Theo thứ tự của kế hoạch: quy tắc, chỉ số đang được tính và số điểm nó đem lại, lịch sử gần nhất.")
    public List<LeafIndicators> indicators(@PathParam("planId") UUID planId) {
        access.readable(callers.current(), planId);
        return indicators.plan(planId);
    }

    @GET
    @Path("indicators/{id}")
    @RolesAllowed({ "reporter", "admin", "viewer", "appraiser" })
    @Tag(name = "Chỉ số")
    @Operation(summary = "Một chỉ số (kể cả chỉ số đã bị chỉ số sau thay thế; lần tự chấm điểm là chỉ số MANUAL)")
    public IndicatorView indicator(@PathParam("planId") UUID planId, @PathParam("id") UUID id) {
        access.readable(callers.current(), planId);
        return indicators.one(planId, id);
    }
}
