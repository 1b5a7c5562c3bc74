package vn.par.system.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One case of the bad-input corpus ({@code src/test/resources/bad-input/*.json}): a request, and how the service
 * must refuse it. Placeholders such as {@code {plan}} or {@code {task}} are filled in by the test from the plans
 * it created (see {@link BadInputIT}); a {@code bodyFile} names a body built by {@link GeneratedFiles}.
 *
 * <pre>
 * {"description": "...", "service": "progress-service", "method": "POST", "path": "/api/tasks/{task}/reports",
 *  "user": "khtc", "contentType": "application/json",
 *  "body": {...} | "bodyText": "..." | "bodyFile": "zip-bomb-xlsx",
 *  "query": {"name": "value"}, "headers": {"name": "value"},
 *  "setup": [{"method": ..., "path": ..., "user": ..., "body": ..., "headers": ..., "expectStatus": 201}],
 *  "expect": {"status": 400, "field": "percentComplete", "detailContains": "...", "type": "urn:par:problem:..."}}
 * </pre>
 */
record BadInputCase(String file, JsonNode spec) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

    /** A request ready to send. */
    record Request(String service, String method, String pathAndQuery, String user, String contentType, byte[] body,
            Map<String, String> headers) {
    }

    String description() {
        return spec.get("description").asText();
    }

    String service() {
        return spec.get("service").asText();
    }

    JsonNode expect() {
        return spec.get("expect");
    }

    Request request(Map<String, String> values) {
        return request(spec, values);
    }

    List<Request> setup(Map<String, String> values) {
        List<Request> steps = new ArrayList<>();
        for (JsonNode step : spec.path("setup")) {
            steps.add(request(step, values));
        }
        return steps;
    }

    List<Integer> setupExpectedStatuses() {
        List<Integer> statuses = new ArrayList<>();
        spec.path("setup").forEach(step -> statuses.add(step.path("expectStatus").asInt(201)));
        return statuses;
    }

    private Request request(JsonNode node, Map<String, String> values) {
        String service = node.has("service") ? node.get("service").asText() : service();
        String path = fill(node.get("path").asText(), values, false);
        StringBuilder query = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("query").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> q = it.next();
            query.append(query.isEmpty() ? '?' : '&').append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(fill(q.getValue().asText(), values, false), StandardCharsets.UTF_8));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("headers").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> h = it.next();
            headers.put(h.getKey(), fill(h.getValue().asText(), values, false));
        }
        byte[] body = null;
        if (node.has("body")) {
            body = fill(node.get("body").toString(), values, true).getBytes(StandardCharsets.UTF_8);
        } else if (node.has("bodyText")) {
            body = fill(node.get("bodyText").asText(), values, false).getBytes(StandardCharsets.UTF_8);
        } else if (node.has("bodyFile")) {
            body = GeneratedFiles.named(node.get("bodyFile").asText());
        }
        String user = node.path("user").isTextual() ? node.get("user").asText() : null;
        String contentType = node.path("contentType").isTextual() ? node.get("contentType").asText()
                : node.has("body") ? "application/json" : null;
        return new Request(service, node.path("method").asText("GET"), path + query, user, contentType, body, headers);
    }

    /** Replaces the known placeholders; an unknown one is a mistake in the case file. */
    private String fill(String text, Map<String, String> values, boolean json) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                // e.g. {"a"} inside a JSON text is not one of ours: only letters between braces are
                if (json) {
                    m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                    continue;
                }
                throw new IllegalArgumentException(file + ": unknown placeholder " + m.group() + " in " + text);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Every case file, in name order. */
    static Stream<BadInputCase> all() {
        URL folder = BadInputCase.class.getClassLoader().getResource("bad-input");
        if (folder == null) {
            throw new IllegalStateException("bad-input/ is missing from the test resources");
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            List<BadInputCase> cases = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode spec = Api.JSON.readTree(file.toFile());
                for (String required : List.of("description", "service", "method", "path", "expect")) {
                    if (!spec.hasNonNull(required)) {
                        throw new IllegalStateException(file.getFileName() + " has no '" + required + "'");
                    }
                }
                cases.add(new BadInputCase(file.getFileName().toString(), spec));
            }
            return cases.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
