package vn.par.criteria;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Stand-ins for scoring-service's {@code GET /api/plans/{id}/scores} and progress-service's
 * {@code GET /api/plans/{id}/appraisal}, on one free local port: each answers with the body it is given, with an
 * error status, with a body that is not JSON, too late, or hangs up without answering; or nothing listens at all.
 */
public final class ServiceStubs {

    public enum Mode {
        ANSWER, ERROR, NOT_FOUND, UNREADABLE, SLOW, HANG_UP
    }

    /** One stubbed endpoint: how it answers, and what it was asked. */
    public static final class Endpoint {
        private final String suffix;
        public volatile Mode mode = Mode.ANSWER;
        public volatile String body;
        /** The {@code Authorization} header of each request ("null" when there was none). */
        public final List<String> authorizations = new CopyOnWriteArrayList<>();
        public final List<String> paths = new CopyOnWriteArrayList<>();
        private final String emptyBody;

        private Endpoint(String suffix, String emptyBody) {
            this.suffix = suffix;
            this.emptyBody = emptyBody;
            this.body = emptyBody;
        }

        /** Answers with this JSON from now on. */
        public void answer(String json) {
            body = json;
            mode = Mode.ANSWER;
        }

        /** Back to a plain empty answer, with nothing recorded. */
        public void reset() {
            answer(emptyBody);
            authorizations.clear();
            paths.clear();
        }
    }

    /** Points the service's REST clients at the stubs. The port is chosen once per JVM and kept in a system property. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = "http://127.0.0.1:" + port();
            return Map.of("par.export.scoring-url", url, "par.export.progress-url", url);
        }
    }

    public static final Endpoint SCORING = new Endpoint("/scores", "{\"basis\":\"PROJECTED\",\"criteria\":[]}");
    public static final Endpoint PROGRESS = new Endpoint("/appraisal", "{\"leaves\":[]}");

    private static final String PORT_PROPERTY = "par.test.service-stubs.port";
    private static HttpServer server;

    private ServiceStubs() {
    }

    static synchronized int port() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = String.valueOf(socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, port);
        }
        return Integer.parseInt(port);
    }

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a slow answer must not hold up the next request
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/plans/", ServiceStubs::handle);
        server.start();
    }

    /** Nothing listens on the port any more (connection refused) until {@link #start()}. */
    public static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Both endpoints back to plain answers, listening. */
    public static void reset() {
        start();
        SCORING.reset();
        PROGRESS.reset();
    }

    /** Scoring answers with these projected points, e.g. {@code "6.1.2", "1.5"}, and nothing else. */
    public static void answerProjected(Map<String, String> projected) {
        StringBuilder json = new StringBuilder("{\"basis\":\"PROJECTED\",\"projected\": 90.5, \"criteria\": [");
        projected.forEach((code, points) -> json.append("{\"code\":\"").append(code).append("\",\"projected\":")
                .append(points).append(",\"leaf\":true},"));
        json.append("{\"code\":\"9.9\",\"projected\":null}]}");
        SCORING.answer(json.toString());
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Endpoint endpoint = path.endsWith(SCORING.suffix) ? SCORING : path.endsWith(PROGRESS.suffix) ? PROGRESS : null;
        if (endpoint == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        endpoint.paths.add(path);
        endpoint.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        switch (endpoint.mode) {
            case ANSWER -> send(exchange, endpoint.body);
            case ERROR -> exchange.sendResponseHeaders(503, -1);
            case NOT_FOUND -> exchange.sendResponseHeaders(404, -1);
            case UNREADABLE -> send(exchange, "<html>Bad gateway</html>");
            case SLOW -> {
                try {
                    Thread.sleep(6000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, endpoint.body);
            }
            case HANG_UP -> {
                // no answer: the connection is closed under the client
            }
        }
        exchange.close();
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
