package vn.par.criteria.web;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.rest.PlanViews;

/** The plan administration pages (role admin). */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
public class PlanPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<PlanViews.PlanSummary> plans);
    }

    @GET
    public TemplateInstance index() {
        return Templates.index(Plan.<Plan> list("order by year desc, agency.name").stream().map(PlanViews::summary).toList());
    }
}
