package vn.par.infra.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.junit.jupiter.api.Test;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;
import io.quarkus.security.ForbiddenException;
import vn.par.infra.web.PageResource;

/**
 * The one place that decides how a refusal looks: a resource marked {@link PageResource} gets a page in its
 * service's layout with the problem's status and words, anything else the API's problem+json. Each service's page
 * tests check the same through HTTP with its real layout; here the shared template is rendered by Qute itself
 * inside a stand-in layout.
 */
class PageErrorsTest {

    /** What a service's {@code templates/layout.html} does with the page: its own title and header around it. */
    private static final String LAYOUT = "<title>{#insert title}Trang{/} — Chỉ số CCHC</title>"
            + "<header>đầu trang chung</header><main>{#insert}{/}</main>";

    @PageResource(home = "Danh sách thử", audience = "Các trang thử dành cho vai trò tester.")
    static class SomePages {
    }

    static class SomeApi {
    }

    private final ProblemMappers mappers = new ProblemMappers(new PageErrors(engine().getTemplate("PageErrors/error.html")));

    @Test
    void aRefusalOnAPageIsThatServicesPageWithTheProblemsStatusAndWords() {
        Response answer = mappers.problem(new ProblemException(Problem.of(409, "Không công bố được",
                "Chỉ bản nháp <DRAFT> mới công bố được.")), uri("/ui/plans/1/publish"), matched(SomePages.class));

        assertEquals(409, answer.getStatus());
        assertEquals("text/html;charset=UTF-8", answer.getMediaType().toString());
        String html = (String) answer.getEntity();
        assertTrue(html.contains("<title>Không công bố được — Chỉ số CCHC</title><header>đầu trang chung</header>"), html);
        assertTrue(html.contains("<h1>Không công bố được</h1>"), html);
        assertTrue(html.contains("<p class=\"notice notice-error\" role=\"alert\">Chỉ bản nháp &lt;DRAFT&gt; mới công bố"
                + " được.</p>"), html);
        assertTrue(html.contains("<a href=\"/\">← Danh sách thử</a>"), html);
    }

    @Test
    void theSameRefusalOnTheApiOrOnNoResourceIsProblemJson() {
        Problem conflict = Problem.of(409, "Không công bố được", "Chỉ bản nháp mới công bố được.");
        for (SimpleResourceInfo resource : List.of(matched(SomeApi.class), SimpleResourceInfo.NullValues.INSTANCE)) {
            Response answer = mappers.problem(new ProblemException(conflict), uri("/api/plans/1/publish"), resource);

            assertEquals(409, answer.getStatus());
            assertEquals(Problem.MEDIA_TYPE, answer.getMediaType().toString());
            assertEquals(conflict.withInstance("/api/plans/1/publish"), answer.getEntity());
        }
    }

    @Test
    void anAccountWithoutThePagesRoleIsToldWhoTheyAreFor() {
        Response page = mappers.forbidden(new ForbiddenException(), uri("/"), matched(SomePages.class));
        assertEquals(403, page.getStatus());
        String html = (String) page.getEntity();
        assertTrue(html.contains("<h1>Không có quyền</h1>"), html);
        assertTrue(html.contains("Các trang thử dành cho vai trò tester. Tài khoản của bạn không có quyền mở trang này."),
                html);

        Response api = mappers.forbidden(new ForbiddenException(), uri("/api/x"), matched(SomeApi.class));
        assertEquals(403, api.getStatus());
        assertEquals(Problem.MEDIA_TYPE, api.getMediaType().toString());
        assertEquals("Tài khoản của bạn không có quyền thực hiện thao tác này.", ((Problem) api.getEntity()).detail());
    }

    @Test
    void aPathBelowAPageThatNamesNothingIsANotFoundPage() {
        Response page = mappers.web(new NotFoundException(), uri("/ui/plans/x"), null, matched(SomePages.class));
        assertEquals(404, page.getStatus());
        String html = (String) page.getEntity();
        assertTrue(html.contains("<h1>Không tìm thấy</h1>"), html);
        assertTrue(html.contains(PageErrors.NO_SUCH_PAGE), html);

        Response api = mappers.web(new NotFoundException(), uri("/api/nothing"), null, SimpleResourceInfo.NullValues.INSTANCE);
        assertEquals(404, api.getStatus());
        assertEquals(Problem.MEDIA_TYPE, api.getMediaType().toString());
        assertFalse(((Problem) api.getEntity()).detail().contains("trang"), "the API speaks of resources, not pages");
    }

    /** Qute as the services configure it for {@code .html} templates: values HTML-escaped. */
    private static Engine engine() {
        return Engine.builder().addDefaults().addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addLocator(id -> {
                    if (id.equals("layout")) {
                        return Optional.of(location(LAYOUT));
                    }
                    try (InputStream shared = PageErrorsTest.class.getResourceAsStream("/templates/" + id)) {
                        return shared == null ? Optional.empty()
                                : Optional.of(location(new String(shared.readAllBytes(), StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).build();
    }

    private static TemplateLocation location(String content) {
        return new TemplateLocation() {
            @Override
            public Reader read() {
                return new StringReader(content);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
            }
        };
    }

    private static SimpleResourceInfo matched(Class<?> resource) {
        return new SimpleResourceInfo() {
            @Override
            public Class<?> getResourceClass() {
                return resource;
            }

            @Override
            public String getMethodName() {
                return "get";
            }

            @Override
            public Class<?>[] parameterTypes() {
                return new Class<?>[0];
            }
        };
    }

    /** Only the path and the query are read. */
    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] { UriInfo.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPath" -> path;
                    case "getQueryParameters" -> new MultivaluedHashMap<String, String>();
                    default -> throw new UnsupportedOperationException(Objects.toString(method));
                });
    }
}
