package vn.par.scoring.web;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.par.infra.web.PageResource;
import vn.par.scoring.export.RankingWorkbook;
import vn.par.scoring.service.PlanRanking;
import vn.par.scoring.service.ScoreQueries;

/**
 * The provincial dashboard (roles viewer, reporter, admin, appraiser): every published plan ranked, and one plan's
 * index by area with its risks and timeline. Both pages then follow the score streams in the browser
 * ({@link PageFeeds}, {@code /dashboard/*.js}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ "viewer", "reporter", "admin", "appraiser" })
@PageResource(home = "Bảng điều hành", audience = "Bảng điều hành Chỉ số CCHC dành cho tài khoản có vai trò theo dõi"
        + " (viewer), báo cáo (reporter), quản trị (admin) hoặc thẩm định (appraiser).")
public class DashboardPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<PlanRanking> plans);

        static native TemplateInstance plan(PlanPage page);
    }

    private final ScoreQueries queries;

    public DashboardPages(ScoreQueries queries) {
        this.queries = queries;
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(queries.ranking(null));
    }

    /** The ranking as {@code GET /api/scores/ranking.xlsx} gives it, for the page's download link. */
    @GET
    @Path("ui/ranking.xlsx")
    @Produces(RankingWorkbook.CONTENT_TYPE)
    public Response rankingWorkbook(@QueryParam("year") Integer year) {
        return RankingWorkbook.download(queries.ranking(year), year);
    }

    @GET
    @Path("ui/plans/{planId}")
    public TemplateInstance plan(@PathParam("planId") UUID planId) {
        return Templates.plan(PlanPage.of(queries.current(planId).orElseThrow(() -> PageFeeds.unknown(planId))));
    }
}
