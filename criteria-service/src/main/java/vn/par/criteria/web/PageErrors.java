package vn.par.criteria.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;

/**
 * A problem met while showing a page (an unknown plan, a plan in the wrong state) as a page rather than as the
 * API's problem+json. Each page resource maps {@link ProblemException} here for itself.
 */
final class PageErrors {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(Problem problem);
    }

    private PageErrors() {
    }

    static Response page(ProblemException e) {
        Problem problem = e.problem();
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(problem)).build();
    }
}
