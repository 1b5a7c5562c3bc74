package vn.par.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads the sample plan through the public API, as an administrator would: the agency's units and the group
 * "Các PCM, ĐVSNCL thuộc Sở", then the appendix of Sở LĐTB&XH for 2024, then publishes it; and the units' and the
 * agency administrators' e-mail addresses, which progress-service keeps (criteria-service's units carry none yet).
 */
public final class SampleData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final JsonNode manifest;

    public SampleData() {
        this.manifest = readJson("sample/units.json");
    }

    public String agency() {
        return manifest.get("agency").asText();
    }

    public int year() {
        return manifest.get("year").asInt();
    }

    /** The sample appendix exactly as the department exported it (tab-separated text). */
    public static byte[] planText() {
        return resource("sample/plan-2024-sldtbxh.txt");
    }

    /**
     * Loads the sample plan unless a plan of that agency and year exists already.
     *
     * @return the plan's id
     */
    public UUID load(String criteriaUrl, String adminToken, Consumer<String> out) {
        JsonNode plans = send(criteriaUrl, adminToken, "GET", "/api/plans", null, null, 200);
        for (JsonNode plan : plans) {
            if (plan.path("agency").path("name").asText().equals(agency()) && plan.path("year").asInt() == year()) {
                out.accept("sample plan already loaded: " + plan.get("id").asText());
                return UUID.fromString(plan.get("id").asText());
            }
        }
        for (JsonNode unit : manifest.get("units")) {
            var body = JSON.createObjectNode().put("agency", agency());
            body.setAll((com.fasterxml.jackson.databind.node.ObjectNode) unit);
            body.remove("email");
            send(criteriaUrl, adminToken, "POST", "/api/units", "application/json", body.toString().getBytes(StandardCharsets.UTF_8),
                    201, 409);
        }
        String query = "?agency=" + URLEncoder.encode(agency(), StandardCharsets.UTF_8) + "&year=" + year();
        JsonNode report = send(criteriaUrl, adminToken, "POST", "/api/plans/import" + query, "text/tab-separated-values",
                planText(), 201);
        UUID id = UUID.fromString(report.get("planId").asText());
        out.accept("sample plan imported: " + report.get("criteria").asInt() + " criteria, " + report.get("tasks").asInt()
                + " tasks, " + report.get("findings").size() + " findings (declared ≠ derived)");
        send(criteriaUrl, adminToken, "POST", "/api/plans/" + id + "/publish", null, null, 200);
        out.accept("sample plan published: " + id);
        return id;
    }

    /**
     * Gives progress-service, which sends the reminders, each sample unit's address ({@code vp@example.vn}, …) and the
     * agency administrators' ({@code sldtbxh@example.vn}). Setting them again changes nothing.
     */
    public void loadContacts(String progressUrl, String adminToken, Consumer<String> out) {
        int units = 0;
        for (JsonNode unit : manifest.get("units")) {
            if (unit.hasNonNull("email")) {
                var body = JSON.createObjectNode().put("email", unit.get("email").asText()).put("name", unit.get("name").asText());
                send(progressUrl, adminToken, "PUT", "/api/units/" + unit.get("code").asText() + "/contact", "application/json",
                        body.toString().getBytes(StandardCharsets.UTF_8), 200);
                units++;
            }
        }
        var agencyBody = JSON.createObjectNode().put("agency", agency());
        agencyBody.set("adminEmails", manifest.get("adminEmails"));
        send(progressUrl, adminToken, "PUT", "/api/agencies/contact", "application/json",
                agencyBody.toString().getBytes(StandardCharsets.UTF_8), 200);
        out.accept("sample contacts loaded: " + units + " units, administrators of " + agency() + " "
                + manifest.get("adminEmails"));
    }

    private static JsonNode send(String base, String token, String method, String path, String contentType, byte[] body,
            int... expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
                }
            }
            throw new StackException("loading the sample plan: " + method + " " + path + " answered " + response.statusCode()
                    + ": " + response.body());
        } catch (IOException e) {
            throw new StackException("loading the sample plan: " + method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }

    private static JsonNode readJson(String name) {
        try {
            return JSON.readTree(resource(name));
        } catch (IOException e) {
            throw new StackException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SampleData.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new StackException(name + " is missing from the stack module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StackException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
