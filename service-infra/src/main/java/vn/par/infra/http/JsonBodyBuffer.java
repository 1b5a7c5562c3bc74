package vn.par.infra.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads a small JSON request body on the event loop, before Quarkus REST hands a blocking endpoint to a worker
 * thread.
 * <p>
 * Quarkus REST reads the body of a blocking endpoint on the worker thread, which parks until the event loop has
 * delivered the bytes and again until the request has ended: two hand-offs between threads for every report a
 * unit posts (in a CPU profile of progress-service at the reporting peak, that wait and its wake-ups were about a
 * tenth of the service's CPU). With the body already in the routing context, Quarkus REST reads it from memory.
 * <p>
 * Only HTTP/1.x {@code POST}, {@code PUT} and {@code PATCH} requests with a JSON body and a {@code Content-Length} of at
 * most {@code par.http.buffer-json-body-size} (default 64 KiB; 0 turns this off) are read ahead; anything else, a
 * chunked body, an import file or a larger JSON document (which {@link JsonBodyLimit} may refuse), streams as
 * before.
 */
@ApplicationScoped
public class JsonBodyBuffer {

    private static final String READ_AHEAD = JsonBodyBuffer.class.getName();

    private final long maxBytes;

    public JsonBodyBuffer(
            @ConfigProperty(name = "par.http.buffer-json-body-size", defaultValue = "64K") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    void install(@Observes Router router) {
        if (maxBytes <= 0) {
            return;
        }
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBytes);
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER).handler(rc -> {
            if (readsAhead(rc.request(), maxBytes)) {
                rc.put(READ_AHEAD, Boolean.TRUE);
                body.handle(rc);
            } else {
                rc.next();
            }
        });
        // The body handler leaves its exception handler on the request, which would fail the routing context (an
        // ERROR in the log, a second response) when a client goes away while the endpoint is still running.
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER).handler(rc -> {
            if (rc.get(READ_AHEAD) != null) {
                rc.request().exceptionHandler(null);
            }
            rc.next();
        });
    }

    /**
     * Whether the request is HTTP/1.x and carries a JSON body of a declared length between 1 byte and
     * {@code maxBytes}. Not over HTTP/2: Quarkus REST pauses the request when it takes it over, which an HTTP/2
     * stream whose body has been read refuses ("Request has already been read"); there the body streams as before.
     */
    static boolean readsAhead(HttpServerRequest request, long maxBytes) {
        if (request.version() != HttpVersion.HTTP_1_1 && request.version() != HttpVersion.HTTP_1_0) {
            return false;
        }
        HttpMethod method = request.method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            return false;
        }
        if (!isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            return false;
        }
        long length = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        return length > 0 && length <= maxBytes;
    }

    /** {@code application/json} or a {@code +json} type, parameters (charset) aside (also {@link JsonBodyLimit}'s test). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        int slash = type.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String subtype = type.substring(slash + 1);
        return subtype.equalsIgnoreCase("json") || subtype.regionMatches(true, subtype.length() - 5, "+json", 0, 5);
    }

    /** The Content-Length header's value; -1 when absent or not a number. */
    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
