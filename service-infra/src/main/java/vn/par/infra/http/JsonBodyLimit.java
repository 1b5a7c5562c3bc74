package vn.par.infra.http;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;
import vn.par.infra.problem.Problem;

/**
 * Refuses JSON bodies above {@code par.http.max-json-body-size} (default 1 MiB) with a 413 problem before they
 * are read. File uploads are not JSON and are limited by the endpoint that reads them; the HTTP server's own
 * {@code quarkus.http.limits.max-body-size} stays the last line of defence for everything else.
 */
public class JsonBodyLimit {

    private final long maxBytes;

    public JsonBodyLimit(@ConfigProperty(name = "par.http.max-json-body-size", defaultValue = "1M") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> limit(ContainerRequestContext request) {
        if (!JsonBodyBuffer.isJson(request.getHeaderString(HttpHeaders.CONTENT_TYPE))) {
            return Optional.empty();
        }
        if (request.getLength() > maxBytes) {
            Problem problem = Problem.of(413, "Dữ liệu quá lớn",
                    "Nội dung JSON dài " + request.getLength() + " byte, vượt giới hạn " + maxBytes + " byte.")
                    .withInstance(request.getUriInfo().getPath());
            return Optional.of(Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build());
        }
        return Optional.empty();
    }
}
