package vn.par.infra.problem;

import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import vn.par.infra.web.PageResource;

/**
 * A refusal met on a page, as a page: the same status, title and detail as the API's problem, inside the service's
 * own layout ({@code templates/layout.html}, which carries the shared header of {@code PageChrome}), with a link
 * back to the service's first page. {@link ProblemMappers} asks here first; only a resource marked
 * {@link PageResource} gets a page, every other one (and a request that matched no resource) the problem+json.
 */
@Singleton
public class PageErrors {

    static final String NO_SUCH_PAGE = "Không có trang nào tại đường dẫn này.";

    private final Template error;

    public PageErrors(@Location("PageErrors/error.html") Template error) {
        this.error = error;
    }

    /** The problem as a page, when the resource is one. */
    public Optional<Response> problem(SimpleResourceInfo resource, Problem problem) {
        return pageOf(resource).map(page -> render(page, problem.status(), problem.title(), problem.detail()));
    }

    /** A signed-in account without the role the pages ask for: the page says who they are for. */
    public Optional<Response> forbidden(SimpleResourceInfo resource) {
        return pageOf(resource).map(page -> render(page, 403, "Không có quyền",
                page.audience() + " Tài khoản của bạn không có quyền mở trang này."));
    }

    /** A path below a page resource that names nothing, such as an id that is not one. */
    public Optional<Response> notFound(SimpleResourceInfo resource) {
        return pageOf(resource).map(page -> render(page, 404, "Không tìm thấy", NO_SUCH_PAGE));
    }

    static Optional<PageResource> pageOf(SimpleResourceInfo resource) {
        Class<?> type = resource == null ? null : resource.getResourceClass();
        return Optional.ofNullable(type == null ? null : type.getAnnotation(PageResource.class));
    }

    private Response render(PageResource page, int status, String title, String detail) {
        String html = error.data("title", title).data("detail", detail).data("home", page.home()).render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
