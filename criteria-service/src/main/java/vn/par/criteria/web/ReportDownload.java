package vn.par.criteria.web;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.quarkus.oidc.AccessTokenCredential;
import vn.par.criteria.caller.CallerResolver;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.report.SelfAssessmentReports;
import vn.par.infra.web.PageResource;

/** The self-assessment report as .docx from the plan page: the same as {@code GET /api/plans/{id}/report.docx}. */
@Path("/ui/plans/{id}/report.docx")
@RolesAllowed("admin")
@PageResource(home = PlanPages.HOME, audience = PlanPages.AUDIENCE)
public class ReportDownload {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final SelfAssessmentReports reports;
    private final AccessTokenCredential accessToken;
    private final CallerResolver callers;

    /** @param accessToken the signed-in person's access token (the code flow keeps it in the session) */
    public ReportDownload(SelfAssessmentReports reports, AccessTokenCredential accessToken, CallerResolver callers) {
        this.reports = reports;
        this.accessToken = accessToken;
        this.callers = callers;
    }

    @GET
    @Produces(DOCX)
    public Response report(@PathParam("id") UUID id) {
        Plan plan = PlanPages.find(id, callers.current());
        SelfAssessmentReports.Document document = reports.write(plan, accessToken.getToken());
        return Response.ok(document.bytes(), DOCX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + document.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
