package vn.par.system.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.stack.Stack;

/**
 * Keycloak's admin REST API, as the bootstrap administrator of realm {@code master} (admin/admin, client
 * {@code admin-cli}), and token requests to any realm and client.
 */
final class KeycloakAdmin {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    KeycloakAdmin(Stack stack) {
        String issuer = stack.issuer();
        this.base = issuer.substring(0, issuer.indexOf("/realms/"));
    }

    String base() {
        return base;
    }

    /** The answer of a token endpoint: 200 with the tokens, or Keycloak's refusal. */
    record TokenAnswer(int status, JsonNode body) {
        String accessToken() {
            if (status != 200) {
                throw new AssertionError("Keycloak refused the token: " + status + " " + body);
            }
            return body.get("access_token").asText();
        }
    }

    /** A password grant on {@code client} of {@code realm}. */
    TokenAnswer passwordGrant(String realm, String client, String user, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", client);
        form.put("username", user);
        form.put("password", password);
        form.put("scope", "openid");
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
        return new TokenAnswer(r.statusCode(), json(r.body()));
    }

    JsonNode realm(String realm) {
        HttpResponse<String> r = admin("GET", "/admin/realms/" + realm, null);
        check(r, 200, "read realm " + realm);
        return json(r.body());
    }

    /** Updates only the given members of the realm's settings. */
    void updateRealm(String realm, ObjectNode changes) {
        check(admin("PUT", "/admin/realms/" + realm, changes.toString()), 204, "update realm " + realm);
    }

    void createRealm(ObjectNode representation) {
        check(admin("POST", "/admin/realms", representation.toString()), 201, "create realm "
                + representation.path("realm").asText());
    }

    void deleteRealmIfPresent(String realm) {
        HttpResponse<String> r = admin("DELETE", "/admin/realms/" + realm, null);
        if (r.statusCode() != 204 && r.statusCode() != 404) {
            throw new AssertionError("cannot delete realm " + realm + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** Creates a client in a realm; returns its internal id (for deleting it). */
    String createClient(String realm, ObjectNode client) {
        HttpResponse<String> r = admin("POST", "/admin/realms/" + realm + "/clients", client.toString());
        check(r, 201, "create client " + client.path("clientId").asText());
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    void deleteClient(String realm, String id) {
        HttpResponse<String> r = admin("DELETE", "/admin/realms/" + realm + "/clients/" + id, null);
        if (r.statusCode() != 204 && r.statusCode() != 404) {
            throw new AssertionError("cannot delete client " + id + ": " + r.statusCode() + " " + r.body());
        }
    }

    /**
     * A reporter of {@code unit} in {@code realm} (password = user name), unless a user of that name exists already.
     * The user profile asks for names and an e-mail, so the password grant works at once.
     */
    void ensureReporter(String realm, String user, String unit) {
        ObjectNode body = Api.JSON.createObjectNode().put("username", user).put("enabled", true)
                .put("firstName", "Cán bộ").put("lastName", unit).put("email", user + "@example.vn")
                .put("emailVerified", true);
        body.putObject("attributes").putArray("unit").add(unit);
        body.putArray("credentials").addObject().put("type", "password").put("value", user).put("temporary", false);
        HttpResponse<String> created = admin("POST", "/admin/realms/" + realm + "/users", body.toString());
        if (created.statusCode() == 409) {
            return;
        }
        check(created, 201, "create user " + user);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        HttpResponse<String> role = admin("GET", "/admin/realms/" + realm + "/roles/reporter", null);
        check(role, 200, "read role reporter");
        check(admin("POST", "/admin/realms/" + realm + "/users/" + id + "/role-mappings/realm", "[" + role.body() + "]"),
                204, "give " + user + " the role reporter");
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        String token = passwordGrant("master", "admin-cli", "admin", "admin").accessToken();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Keycloak: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void check(HttpResponse<String> r, int expected, String what) {
        if (r.statusCode() != expected) {
            throw new AssertionError("Keycloak admin API: " + what + " answered " + r.statusCode() + " " + r.body());
        }
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isEmpty() ? Api.JSON.nullNode() : Api.JSON.readTree(body);
        } catch (IOException e) {
            return Api.JSON.getNodeFactory().textNode(body);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
