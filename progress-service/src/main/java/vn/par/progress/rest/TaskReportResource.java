package vn.par.progress.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.par.progress.caller.CallerResolver;
import vn.par.progress.plan.PlanAccess;
import vn.par.progress.report.ReportRequest;
import vn.par.progress.report.ReportService;
import vn.par.progress.report.ReportView;
import vn.par.progress.report.TaskProgressService;

@Path("/api/tasks/{taskId}/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Báo cáo tiến độ", description = "Báo cáo tiến độ nhiệm vụ của đơn vị chủ trì và đơn vị phối hợp")
public class TaskReportResource {

    private final ReportService reports;
    private final TaskProgressService progress;
    private final CallerResolver callers;
    private final PlanAccess access;

    public TaskReportResource(ReportService reports, TaskProgressService progress, CallerResolver callers,
            PlanAccess access) {
        this.reports = reports;
        this.progress = progress;
        this.callers = callers;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "reporter", "admin" })
    @Operation(summary = "Gửi báo cáo tiến độ một nhiệm vụ",
            description = "Đơn vị chủ trì cập nhật trạng thái nhiệm vụ; đơn vị phối hợp gửi báo cáo đóng góp (không đổi trạng thái). "
                    + "Gửi lại cùng Idempotency-Key và cùng nội dung nhận lại báo cáo cũ (200).")
    @APIResponse(responseCode = "201", description = "Báo cáo đã được ghi nhận")
    @APIResponse(responseCode = "200", description = "Gửi lại: báo cáo đã ghi nhận trước đó với cùng Idempotency-Key")
    public Response report(@PathParam("taskId") UUID taskId,
            @Parameter(description = "Khóa chống ghi trùng khi gửi lại (tối đa 200 ký tự)") @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Valid @NotNull(message = "cần gửi nội dung báo cáo (JSON)") ReportRequest request, UriInfo uri) {
        ReportService.Submitted submitted = reports.submit(callers.current(), taskId, request, idempotencyKey);
        if (!submitted.created()) {
            return Response.ok(submitted.report()).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(submitted.report().id().toString()).build())
                .entity(submitted.report()).build();
    }

    @GET
    @RolesAllowed({ "reporter", "admin", "viewer", "appraiser" })
    @Operation(summary = "Lịch sử báo cáo của một nhiệm vụ, mới nhất trước")
    public List<ReportView> history(@PathParam("taskId") UUID taskId,
            @QueryParam("limit") @DefaultValue("100") @Min(value = 1, message = "phải từ 1 đến 1000")
            @Max(value = 1000, message = "phải từ 1 đến 1000") int limit) {
        access.checkTask(callers.current(), taskId);
        return progress.history(taskId, limit);
    }

    @GET
    @Path("{reportId}")
    @RolesAllowed({ "reporter", "admin", "viewer", "appraiser" })
    @Operation(summary = "Một báo cáo tiến độ")
    public ReportView one(@PathParam("taskId") UUID taskId, @PathParam("reportId") UUID reportId) {
        access.checkTask(callers.current(), taskId);
        return progress.report(taskId, reportId);
    }
}
