package vn.par.progress.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.par.progress.assessment.SelfAssessmentRequest;
import vn.par.progress.assessment.SelfAssessmentService;
import vn.par.progress.assessment.SelfAssessmentView;
import vn.par.progress.caller.CallerResolver;
import vn.par.progress.report.PlanTasksView;
import vn.par.progress.report.TaskProgressService;

@Path("/api/plans/{planId}")
@Produces(MediaType.APPLICATION_JSON)
public class PlanProgressResource {

    private final TaskProgressService progress;
    private final SelfAssessmentService assessments;
    private final CallerResolver callers;

    public PlanProgressResource(TaskProgressService progress, SelfAssessmentService assessments, CallerResolver callers) {
        this.progress = progress;
        this.assessments = assessments;
        this.callers = callers;
    }

    @GET
    @Path("tasks")
    @RolesAllowed({ "reporter", "admin", "viewer" })
    @Tag(name = "Báo cáo tiến độ")
    @Operation(summary = "Mọi nhiệm vụ của một kế hoạch với trạng thái mới nhất")
    public PlanTasksView tasks(@PathParam("planId") UUID planId) {
        return progress.planTasks(planId);
    }

    @POST
    @Path("criteria/{code}/self-assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "reporter", "admin" })
    @Tag(name = "Tự chấm điểm", description = "Điểm tự chấm của đơn vị chủ trì cho các tiêu chí lá, kèm tài liệu kiểm chứng")
    @Operation(summary = "Tự chấm điểm một tiêu chí lá", description = "Lần tự chấm mới nhất của tiêu chí là lần được tính.")
    @APIResponse(responseCode = "201", description = "Điểm tự chấm đã được ghi nhận")
    public Response assess(@PathParam("planId") UUID planId, @PathParam("code") String code,
            @Valid @NotNull(message = "cần gửi nội dung tự chấm điểm (JSON)") SelfAssessmentRequest request, UriInfo uri) {
        SelfAssessmentView stored = assessments.assess(callers.current(), planId, code, request);
        return Response.created(uri.getBaseUriBuilder().path("api/plans/{planId}/self-assessments/{id}")
                .build(planId, stored.id())).entity(stored).build();
    }

    @GET
    @Path("self-assessments")
    @RolesAllowed({ "reporter", "admin", "viewer" })
    @Tag(name = "Tự chấm điểm")
    @Operation(summary = "Điểm tự chấm đang được tính của từng tiêu chí")
    public List<SelfAssessmentView> selfAssessments(@PathParam("planId") UUID planId) {
        return assessments.latest(planId);
    }

    @GET
    @Path("self-assessments/{assessmentId}")
    @RolesAllowed({ "reporter", "admin", "viewer" })
    @Tag(name = "Tự chấm điểm")
    @Operation(summary = "Một lần tự chấm điểm (kể cả lần đã bị lần sau thay thế)")
    public SelfAssessmentView selfAssessment(@PathParam("planId") UUID planId, @PathParam("assessmentId") UUID assessmentId) {
        return assessments.one(planId, assessmentId);
    }
}
