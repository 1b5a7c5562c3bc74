package vn.par.scoring.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.par.scoring.service.RebuildReport;
import vn.par.scoring.service.RebuildService;

/** Operations for administrators. */
@Path("/api/admin")
@Tag(name = "Quản trị")
@RolesAllowed("admin")
public class AdminResource {

    private final RebuildService rebuilds;

    public AdminResource(RebuildService rebuilds) {
        this.rebuilds = rebuilds;
    }

    @POST
    @Path("/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dựng lại toàn bộ điểm dự kiến từ đầu các topic par.plans và par.progress",
            description = "Chạy đồng bộ; trả lời khi xong. 409 nếu một lần dựng lại khác đang chạy.")
    public RebuildReport rebuild() {
        return rebuilds.rebuild();
    }
}
