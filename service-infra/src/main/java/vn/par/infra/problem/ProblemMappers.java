package vn.par.infra.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import vn.par.infra.http.JsonBodyLimit;

/**
 * Turns every failure of a request into one {@code application/problem+json} body. Stack traces and class
 * names never leave the service: an unexpected error gets an error id that is also in the log.
 * <p>
 * A resource marked {@link vn.par.infra.web.PageResource} gets what it refuses as a page instead ({@link PageErrors}),
 * with the same status and words. Two answers are the same on every path: the 401, which sends a page's browser to
 * sign in again, and an unexpected failure (500, or 503 while the database is away), whose answer is built without
 * templates or the caller's identity so that it cannot fail in turn.
 */
public class ProblemMappers {

    private final PageErrors pages;

    public ProblemMappers(PageErrors pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, SimpleResourceInfo resource) {
        return respond(e.problem(), uri, resource);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri, SimpleResourceInfo resource) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), null, v.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        Problem.FieldError first = errors.isEmpty() ? new Problem.FieldError("", null, "") : errors.get(0);
        String detail = errors.size() == 1
                ? "Trường '" + first.field() + "': " + first.message()
                : errors.size() + " trường không hợp lệ; trường đầu tiên '" + first.field() + "': " + first.message();
        return respond(Problem.of(400, "Dữ liệu không hợp lệ", detail).withField(first.field()).withErrors(errors), uri,
                resource);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class })
    public Response unreadableJson(JsonProcessingException e, UriInfo uri, SimpleResourceInfo resource) {
        return respond(jsonProblem(e), uri, resource);
    }

    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext context, UriInfo uri) {
        return unauthenticated(context, uri);
    }

    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext context, UriInfo uri) {
        return unauthenticated(context, uri);
    }

    /**
     * The API answers 401 with a problem body. A web page ({@code /} and {@code /ui/*}, the paths of the
     * {@code web} OIDC tenant) whose session is missing, expired or unreadable sends the browser to sign in
     * again instead (Keycloak's own session usually makes that silent).
     */
    private static Uni<Response> unauthenticated(RoutingContext context, UriInfo uri) {
        String path = context.normalizedPath();
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator == null || !("/".equals(path) || path.startsWith("/ui/"))) {
            return Uni.createFrom().item(unauthenticated(uri));
        }
        return authenticator.getChallenge(context)
                .map(challenge -> {
                    Response.ResponseBuilder response = Response.status(challenge.status);
                    challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
                    return response.build();
                })
                .onFailure().recoverWithItem(() -> unauthenticated(uri));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, SimpleResourceInfo resource) {
        return pages.forbidden(resource).orElseGet(() -> respond(Problem.of(403, "Không có quyền",
                "Tài khoản của bạn không có quyền thực hiện thao tác này."), uri));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers, SimpleResourceInfo resource) {
        if (causeOf(e, JsonBodyLimit.BodyTooLargeException.class) != null) {
            return respond(tooLarge(causeOf(e, JsonBodyLimit.BodyTooLargeException.class)), uri, resource);
        }
        JsonProcessingException json = causeOf(e, JsonProcessingException.class);
        if (json != null) {
            return respond(jsonProblem(json), uri, resource);
        }
        int status = e.getResponse().getStatus();
        String badParameter = unconvertibleQueryParameter(e, uri);
        if (badParameter != null) {
            String detail = "Tham số '" + badParameter + "' có giá trị không đọc được: '"
                    + uri.getQueryParameters().getFirst(badParameter) + "'.";
            return respond(Problem.of(400, "Tham số không hợp lệ", detail).withField(badParameter)
                    .withErrors(List.of(new Problem.FieldError(badParameter, null, detail))), uri, resource);
        }
        if (e instanceof NotFoundException) {
            Optional<Response> page = pages.notFound(resource);
            if (page.isPresent()) {
                return page.get();
            }
        }
        Problem problem = switch (status) {
            case 400 -> Problem.of(400, "Yêu cầu không hợp lệ", "Máy chủ không đọc được yêu cầu này.");
            case 404 -> Problem.of(404, "Không tìm thấy", "Không có tài nguyên nào tại đường dẫn này.");
            case 405 -> Problem.of(405, "Phương thức không được hỗ trợ",
                    "Đường dẫn này không nhận phương thức HTTP đã dùng.");
            case 406 -> Problem.of(406, "Không có định dạng phù hợp",
                    "Máy chủ không trả được định dạng mà yêu cầu đòi hỏi (tiêu đề Accept).");
            case 413 -> Problem.of(413, "Dữ liệu quá lớn", "Nội dung gửi lên vượt quá giới hạn cho phép.");
            case 415 -> Problem.of(415, "Định dạng không được hỗ trợ",
                    "Kiểu nội dung (Content-Type) '" + headers.getMediaType() + "' không được chấp nhận ở đây.");
            default -> Problem.of(status, "Lỗi yêu cầu", "Yêu cầu không thực hiện được (HTTP " + status + ").");
        };
        return respond(problem, uri, resource);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        JsonBodyLimit.BodyTooLargeException tooLarge = causeOf(e, JsonBodyLimit.BodyTooLargeException.class);
        if (tooLarge != null) {
            return respond(tooLarge(tooLarge), uri);
        }
        String errorId = UUID.randomUUID().toString();
        if (isPoolBusy(e)) {
            Log.warnf("[%s] no database connection free within the acquisition timeout: %s", errorId, e.getMessage());
            return Response.status(503)
                    .header("Retry-After", "2")
                    .type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(503, "Hệ thống đang bận",
                            "Máy chủ đang xử lý rất nhiều yêu cầu cùng lúc nên chưa ghi nhận được yêu cầu này. Vui lòng gửi"
                                    + " lại sau vài giây; không có gì bị ghi hai lần.")
                            .withInstance(uri.getPath()).withErrorId(errorId))
                    .build();
        }
        if (isDatabaseUnavailable(e)) {
            Log.warnf("[%s] database unavailable: %s", errorId, e.getMessage());
            return Response.status(503)
                    .header("Retry-After", "5")
                    .type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(503, "Tạm thời không phục vụ được",
                            "Cơ sở dữ liệu đang không truy cập được; yêu cầu chưa được ghi nhận. Vui lòng thử lại sau ít giây.")
                            .withInstance(uri.getPath()).withErrorId(errorId))
                    .build();
        }
        Log.errorf(e, "[%s] unexpected error on %s", errorId, uri.getPath());
        return respond(Problem.of(500, "Lỗi máy chủ",
                "Đã có lỗi không mong muốn. Hãy báo cho quản trị viên mã lỗi " + errorId + ".").withErrorId(errorId), uri);
    }

    /**
     * The query parameter whose value could not be converted (JAX-RS answers that with a bare 404 or 400 carrying
     * the conversion failure as its cause), or null if the failure is something else.
     */
    private static String unconvertibleQueryParameter(WebApplicationException e, UriInfo uri) {
        if (e.getCause() == null || (e.getResponse().getStatus() != 404 && e.getResponse().getStatus() != 400)) {
            return null;
        }
        String cause = String.valueOf(e.getCause().getMessage());
        for (var parameter : uri.getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                if (!value.isEmpty() && cause.contains(value)) {
                    return parameter.getKey();
                }
            }
        }
        return null;
    }

    private static Problem tooLarge(JsonBodyLimit.BodyTooLargeException e) {
        return Problem.of(413, "Dữ liệu quá lớn", "Nội dung JSON gửi lên vượt giới hạn " + e.limit()
                + " byte; không có gì được ghi nhận.");
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "Chưa xác thực",
                        "Cần đăng nhập: gửi kèm mã truy cập hợp lệ (Authorization: Bearer ...).").withInstance(uri.getPath()))
                .build();
    }

    private static Problem jsonProblem(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping);
            String detail = e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null
                    ? "Trường '" + field + "' có kiểu dữ liệu sai (cần " + describe(mismatched.getTargetType()) + ")."
                    : "Trường '" + field + "' không đọc được.";
            return Problem.of(400, "Dữ liệu không hợp lệ", detail).withType(ProblemTypes.MALFORMED_BODY).withField(field)
                    .withErrors(List.of(new Problem.FieldError(field, null, detail)));
        }
        if (e instanceof MismatchedInputException) {
            return Problem.of(400, "Dữ liệu không hợp lệ",
                    "Nội dung gửi lên phải là một đối tượng JSON { ... } với các trường của yêu cầu.")
                    .withType(ProblemTypes.MALFORMED_BODY);
        }
        String where = e.getLocation() == null ? ""
                : " (dòng " + e.getLocation().getLineNr() + ", cột " + e.getLocation().getColumnNr() + ")";
        return Problem.of(400, "JSON không hợp lệ", "Nội dung gửi lên không phải JSON hợp lệ" + where + ".")
                .withType(ProblemTypes.MALFORMED_BODY);
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "số nguyên";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "số";
        }
        if (type == String.class) {
            return "chuỗi ký tự";
        }
        if (type.isEnum()) {
            Object[] values = type.getEnumConstants();
            List<String> names = new ArrayList<>();
            for (Object v : values) {
                names.add(v.toString());
            }
            return "một trong " + String.join(", ", names);
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "danh sách";
        }
        return "đối tượng";
    }

    /**
     * The field as the client named it: {@code create.request.evidence[0].url} becomes {@code evidence[0].url};
     * a violated query or path parameter keeps its own name.
     */
    static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case CONTAINER_ELEMENT -> {
                    // "<list element>": the index on the list's name says which one
                    if (node.getIndex() != null && !names.isEmpty()) {
                        int last = names.size() - 1;
                        names.set(last, names.get(last) + "[" + node.getIndex() + "]");
                    }
                }
                case PARAMETER -> parameter = node.getName();
                default -> {
                    if (node.isInIterable() && node.getIndex() != null && !names.isEmpty()) {
                        int last = names.size() - 1;
                        names.set(last, names.get(last) + "[" + node.getIndex() + "]");
                    }
                    if (node.getName() != null) {
                        names.add(node.getName());
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "" : parameter;
        }
        return String.join(".", names);
    }

    /** The problem as a page when the resource is a page ({@link PageErrors}), else as problem+json. */
    private Response respond(Problem problem, UriInfo uri, SimpleResourceInfo resource) {
        return pages.problem(resource, problem).orElseGet(() -> respond(problem, uri));
    }

    private static Response respond(Problem problem, UriInfo uri) {
        Problem body = problem.instance() == null ? problem.withInstance(uri.getPath()) : problem;
        return Response.status(body.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /**
     * Whether the database could not be reached: a connection failure (SQLState class 08, a refused or broken
     * connection, Hibernate's connection exception) anywhere in the chain, unless all it says is that the pool had no
     * free connection in time ({@link #isPoolBusy}).
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        return !isPoolBusy(e) && connectionFailure(e);
    }

    /**
     * Whether the connection pool had no free connection within its acquisition timeout while the database itself
     * answered: saturation, which a retry a moment later gets through, not an outage. Hibernate wraps that timeout in
     * its connection exception too, so what decides is that nothing in the chain is a real connection failure.
     */
    static boolean isPoolBusy(Throwable e) {
        boolean timeout = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isAcquisitionTimeout(t)) {
                timeout = true;
            } else if (t instanceof java.net.ConnectException
                    || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return false;
            }
        }
        return timeout;
    }

    private static boolean connectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException
                    || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
        }
        return false;
    }

    /** Agroal's "Sorry, acquisition timeout!" (the pool's wait for a free connection ran out). */
    private static boolean isAcquisitionTimeout(Throwable t) {
        return t.getMessage() != null && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
