package vn.par.infra.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;
import vn.par.infra.problem.Problem;

/**
 * Refuses JSON bodies above {@code par.http.max-json-body-size} (default 1 MiB) with a 413 problem: one that declares
 * its length before it is read, a chunked one (no length) as soon as more than the limit has been read from it, by
 * bytes actually received ({@link BodyTooLargeException}, answered by the problem mappers). File uploads are not JSON
 * and are limited by the endpoint that reads them; the HTTP server's own {@code quarkus.http.limits.max-body-size}
 * stays the last line of defence for everything else.
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
        if (request.getLength() < 0 && request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
        }
        return Optional.empty();
    }

    /** A body read so far beyond the limit: the request is refused with 413, nothing more of it is read. */
    public static final class BodyTooLargeException extends IOException {
        private final long limit;

        BodyTooLargeException(long limit) {
            super("JSON body larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** Counts what is read and fails once more than {@code max} bytes came. */
    static final class Limited extends FilterInputStream {
        private final long max;
        private long read;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws BodyTooLargeException {
            read += n;
            if (read > max) {
                throw new BodyTooLargeException(max);
            }
        }
    }
}
