package vn.par.progress.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.par.progress.appraisal.AppraisalRequests.Appraise;
import vn.par.progress.appraisal.AppraisalRequests.Explain;
import vn.par.progress.appraisal.AppraisalRequests.MoveDeadline;
import vn.par.progress.appraisal.AppraisalRequests.OpenRound;
import vn.par.progress.appraisal.AppraisalService;
import vn.par.progress.appraisal.AppraisalSheets;
import vn.par.progress.appraisal.AppraisalViews.AppraisalSheet;
import vn.par.progress.appraisal.AppraisalViews.AppraisalView;
import vn.par.progress.appraisal.AppraisalViews.EvidenceReadiness;
import vn.par.progress.appraisal.AppraisalViews.ExplanationView;
import vn.par.progress.appraisal.AppraisalViews.RoundView;
import vn.par.progress.appraisal.RoundService;
import vn.par.progress.caller.Caller;
import vn.par.progress.caller.CallerResolver;
import vn.par.progress.plan.PlanAccess;

@Path("/api/plans/{planId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Thẩm định", description = "Các vòng đánh giá cuối năm: tự chấm điểm, thẩm định, giải trình, thẩm định lại, chốt kết quả")
public class AppraisalResource {

    private final RoundService rounds;
    private final AppraisalService appraisals;
    private final AppraisalSheets sheets;
    private final CallerResolver callers;
    private final PlanAccess access;

    public AppraisalResource(RoundService rounds, AppraisalService appraisals, AppraisalSheets sheets,
            CallerResolver callers, PlanAccess access) {
        this.rounds = rounds;
        this.appraisals = appraisals;
        this.sheets = sheets;
        this.callers = callers;
        this.access = access;
    }

    @POST
    @Path("appraisal/rounds")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("appraiser")
    @Operation(summary = "Mở vòng tiếp theo",
            description = "SELF_ASSESSMENT → APPRAISAL → EXPLANATION → FINAL_APPRAISAL → CLOSED; bỏ qua hay quay lại: 409. "
                    + "deadline (kèm múi giờ, ở tương lai) bắt buộc trừ CLOSED. CLOSED chốt điểm và phát AppraisalClosed.")
    @APIResponse(responseCode = "201", description = "Vòng đã được mở")
    public Response open(@PathParam("planId") UUID planId,
            @Valid @NotNull(message = "cần gửi vòng cần mở (JSON)") OpenRound request) {
        return Response.status(201).entity(rounds.open(callers.current(), planId, request)).build();
    }

    @PATCH
    @Path("appraisal/rounds/current")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("appraiser")
    @Operation(summary = "Đổi hạn của vòng hiện tại", description = "Lùi hay dời sớm, không về quá khứ; lý do được ghi vào lịch sử.")
    public RoundView moveDeadline(@PathParam("planId") UUID planId,
            @Valid @NotNull(message = "cần gửi hạn mới và lý do (JSON)") MoveDeadline request) {
        return rounds.moveDeadline(callers.current(), planId, request);
    }

    @GET
    @Path("appraisal")
    @RolesAllowed({ "appraiser", "admin", "reporter" })
    @Operation(summary = "Bảng thẩm định của kế hoạch",
            description = "Vòng hiện tại, hạn, lịch sử các vòng; mỗi tiêu chí lá áp dụng với điểm tự chấm, thẩm định, giải "
                    + "trình, thẩm định lại và điểm cuối cùng; các tổng (chính xác).")
    public AppraisalSheet sheet(@PathParam("planId") UUID planId) {
        readable(planId);
        return sheets.sheet(planId);
    }

    @GET
    @Path("appraisal/evidence-readiness")
    @RolesAllowed({ "appraiser", "admin", "reporter" })
    @Operation(summary = "Tiêu chí còn thiếu tài liệu kiểm chứng hoặc chưa tự chấm điểm")
    public EvidenceReadiness readiness(@PathParam("planId") UUID planId) {
        readable(planId);
        return sheets.readiness(planId);
    }

    @POST
    @Path("criteria/{code}/appraisals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("appraiser")
    @Operation(summary = "Chấm điểm thẩm định một tiêu chí lá",
            description = "Trong vòng APPRAISAL (lần đầu) hoặc FINAL_APPRAISAL (lần cuối), trước hạn; ghi chú bắt buộc khi "
                    + "điểm khác điểm tự chấm. Lần mới nhất của vòng được tính.")
    @APIResponse(responseCode = "201", description = "Điểm thẩm định đã được ghi nhận")
    public Response appraise(@PathParam("planId") UUID planId, @PathParam("code") String code,
            @Valid @NotNull(message = "cần gửi điểm thẩm định (JSON)") Appraise request) {
        AppraisalView stored = appraisals.appraise(callers.current(), planId, code, request);
        return Response.status(201).entity(stored).build();
    }

    @POST
    @Path("criteria/{code}/explanations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "reporter", "admin" })
    @Operation(summary = "Giải trình một tiêu chí bị điều chỉnh khi thẩm định",
            description = "Đơn vị chủ trì (hoặc quản trị viên của cơ quan) trong vòng EXPLANATION, trước hạn; tiêu chí "
                    + "không bị điều chỉnh: 409. Lần mới nhất được tính.")
    @APIResponse(responseCode = "201", description = "Giải trình đã được ghi nhận")
    public Response explain(@PathParam("planId") UUID planId, @PathParam("code") String code,
            @Valid @NotNull(message = "cần gửi nội dung giải trình (JSON)") Explain request) {
        ExplanationView stored = appraisals.explain(callers.current(), planId, code, request);
        return Response.status(201).entity(stored).build();
    }

    /** Readers of the appraisal: the appraiser, provincial admins, the agency's admins and reporters (not viewers). */
    private void readable(UUID planId) {
        Caller caller = callers.current();
        access.readable(new Caller(caller.person(), caller.unit(), caller.admin(), caller.agency(), caller.appraiser(),
                false), planId);
    }
}
