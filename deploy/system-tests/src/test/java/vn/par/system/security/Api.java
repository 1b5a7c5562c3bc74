package vn.par.system.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Raw HTTP for the security tests: any method, any body bytes, any Content-Type, and the answer's headers
 * (the shared {@code Http} helper keeps only the body and its type).
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** An answer: status, headers and the body as text. */
    record Answer(int status, HttpHeaders headers, String body, String request) {

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(request + " → " + status + ": the body is not JSON: " + body, e);
            }
        }

        /** The request and the answer in one line, for failure messages and the bug report. */
        String describe() {
            String shown = body.length() > 1500 ? body.substring(0, 1500) + "…" : body;
            return request + " → HTTP " + status + " [" + contentType() + "] " + shown;
        }
    }

    private Api() {
    }

    static Answer get(String url, String token) {
        return send("GET", url, token, null, null, Map.of());
    }

    /** A binary answer's bytes (a Word or Excel document), failing on anything but 200. */
    static byte[] getBytes(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<byte[]> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Answer postJson(String url, String token, Object body) {
        try {
            byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            return send("POST", url, token, "application/json", bytes, Map.of());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * @param contentType null for none
     * @param body        null for no body
     */
    static Answer send(String method, String url, String token, String contentType, byte[] body, Map<String, String> headers) {
        return send(method, url, token, contentType, body, headers, Duration.ofSeconds(60));
    }

    static Answer send(String method, String url, String token, String contentType, byte[] body, Map<String, String> headers,
            Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        String described = method + " " + url + (contentType == null ? "" : " [Content-Type: " + contentType + "]")
                + (body == null ? "" : " body " + preview(body)) + (token == null ? " (no token)" : "");
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r.headers(), r.body(), described);
        } catch (IOException e) {
            throw new AssertionError(described + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String preview(byte[] body) {
        if (body.length > 300) {
            return "(" + body.length + " bytes)";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t' || c == '\r') ? text : "(" + body.length + " bytes)";
    }
}
