package vn.par.criteria.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.oidc.AccessTokenCredential;
import vn.par.criteria.caller.CallerResolver;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.report.SelfAssessmentReports;
import vn.par.infra.problem.ProblemException;

@Path("/api/plans/{id}/report.docx")
@Tag(name = "Kế hoạch")
public class ReportResource {

    private final SelfAssessmentReports reports;
    private final CallerResolver callers;
    private final AccessTokenCredential accessToken;

    /** @param accessToken the caller's bearer token, for scoring-service and progress-service */
    public ReportResource(SelfAssessmentReports reports, CallerResolver callers, AccessTokenCredential accessToken) {
        this.reports = reports;
        this.callers = callers;
        this.accessToken = accessToken;
    }

    @GET
    @Produces(PlanResource.DOCX)
    // Viewers read published plans, but the self-assessment is the agency's and the appraiser's business.
    @RolesAllowed({ "admin", "appraiser", "reporter" })
    @Operation(summary = "Báo cáo tự đánh giá, chấm điểm Chỉ số CCHC (Word, A4 ngang)",
            description = "Bảng theo mẫu phụ lục, cột (1)–(9), cùng điểm tự chấm, thẩm định, chính thức (hệ thống chấm"
                    + " điểm) và tài liệu kiểm chứng (hệ thống theo dõi tiến độ); dòng cộng từng lĩnh vực và toàn kế hoạch."
                    + " Khi một hệ thống không trả lời, các cột của nó để trống và báo cáo ghi lý do.")
    public Response report(@PathParam("id") UUID id) {
        Plan plan = callers.current().readable(Plan.<Plan> findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Không có kế hoạch mã " + id + ".")));
        SelfAssessmentReports.Document document = reports.write(plan, accessToken.getToken());
        return Response.ok(document.bytes(), PlanResource.DOCX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + document.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
