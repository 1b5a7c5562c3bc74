package vn.par.progress.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.par.progress.caller.CallerResolver;
import vn.par.progress.report.MyTaskView;
import vn.par.progress.report.TaskProgressService;

@Path("/api/my/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Báo cáo tiến độ")
public class MyTaskResource {

    private final TaskProgressService progress;
    private final CallerResolver callers;

    public MyTaskResource(TaskProgressService progress, CallerResolver callers) {
        this.progress = progress;
        this.callers = callers;
    }

    @GET
    @RolesAllowed({ "reporter", "admin" })
    @Operation(summary = "Nhiệm vụ của đơn vị tôi",
            description = "Các nhiệm vụ mà đơn vị của tài khoản (claim 'unit') chủ trì hoặc phối hợp, trong mọi kế hoạch đang thực hiện, kèm trạng thái mới nhất.")
    public List<MyTaskView> myTasks() {
        return progress.myTasks(callers.current());
    }
}
