package vn.par.criteria.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A stand-in for scoring-service's {@code GET /api/plans/{id}/scores} on a free local port, which answers with
 * the points it is given, with an error, or hangs up without answering; or is not there at all.
 */
final class ScoringStub {

    enum Mode {
        ANSWER, ERROR, HANG_UP
    }

    /** Points the service at the stub. The port is chosen once per JVM and kept in a system property. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("par.export.scoring-url", "http://127.0.0.1:" + port());
        }
    }

    private static final String PORT_PROPERTY = "par.test.scoring-stub.port";
    static final List<String> authorizations = new CopyOnWriteArrayList<>();
    static volatile Mode mode = Mode.ANSWER;
    static volatile String body = "{\"criteria\":[]}";
    private static HttpServer server;

    private ScoringStub() {
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

    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/plans/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            switch (mode) {
                case ANSWER -> {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
                case ERROR -> exchange.sendResponseHeaders(503, -1);
                case HANG_UP -> {
                    // no answer: the connection is closed under the client
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** Nothing listens on the port any more (connection refused) until {@link #start()}. */
    static synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Answers with these projected points, e.g. {@code "6.1.2", "1.5"}. */
    static void answer(Map<String, String> projected) {
        StringBuilder json = new StringBuilder("{\"projected\": 90.5, \"criteria\": [");
        projected.forEach((code, points) -> json.append("{\"code\":\"").append(code).append("\",\"projected\":")
                .append(points).append(",\"leaf\":true},"));
        json.append("{\"code\":\"9.9\",\"projected\":null}]}");
        body = json.toString();
        mode = Mode.ANSWER;
    }
}
