package vn.par.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keycloak's admin REST API (master realm, admin/admin, client admin-cli): creates the reporters of the loaded
 * agencies in the {@code par} realm, each with the {@code reporter} role and its {@code unit} attribute.
 */
final class KeycloakAdmin {

    private final String base;
    private String token;
    private long tokenAt;
    private JsonNode reporterRole;

    /** @param issuer the par realm's issuer, {@code http://localhost:<port>/realms/par} */
    KeycloakAdmin(String issuer) {
        this.base = issuer.substring(0, issuer.indexOf("/realms/"));
    }

    private synchronized String token() {
        // Master-realm admin tokens live 60 s: take a new one well before.
        if (token == null || System.nanoTime() - tokenAt > Duration.ofSeconds(30).toNanos()) {
            String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
            Api.Reply r = Api.send("POST", base + "/realms/master/protocol/openid-connect/token", null,
                    "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
            Api.expect(r, "Keycloak admin login", 200);
            token = r.json().get("access_token").asText();
            tokenAt = System.nanoTime();
        }
        return token;
    }

    /**
     * The par realm's password policy for the run. Every reporter created here is hashed once and logs in once;
     * at Keycloak's default (210,000 PBKDF2-SHA512 rounds) that is most of the set-up time on two cores, and no
     * measured phase calls Keycloak (services check tokens against its keys).
     */
    void passwordPolicy(String policy) {
        ObjectNode body = Api.JSON.createObjectNode().put("passwordPolicy", policy);
        Api.expect(send("PUT", "/admin/realms/par", body), "setting the realm's password policy", 204);
    }

    /** Creates the user unless it exists, with the reporter role and the unit attribute; password = username. */
    void ensureReporter(String username, String unit) {
        ObjectNode user = Api.JSON.createObjectNode();
        user.put("username", username).put("enabled", true).put("emailVerified", true)
                .put("firstName", "Cán bộ").put("lastName", unit);
        user.putObject("attributes").putArray("unit").add(unit);
        user.putArray("credentials").addObject().put("type", "password").put("value", username).put("temporary", false);
        user.putArray("requiredActions");
        Api.Reply created = send("POST", "/admin/realms/par/users", user);
        String id;
        if (created.status() == 201) {
            String location = created.raw().headers().firstValue("Location").orElseThrow();
            id = location.substring(location.lastIndexOf('/') + 1);
        } else if (created.status() == 409) {
            JsonNode found = Api.expect(send("GET", "/admin/realms/par/users?exact=true&username="
                    + URLEncoder.encode(username, StandardCharsets.UTF_8), null), "finding user " + username, 200).json();
            id = found.get(0).get("id").asText();
        } else {
            throw new BenchmarkException("creating Keycloak user " + username + " answered " + created.status() + ": "
                    + created.body());
        }
        Api.expect(send("POST", "/admin/realms/par/users/" + id + "/role-mappings/realm",
                Api.JSON.createArrayNode().add(reporterRole())), "giving " + username + " the reporter role", 204);
    }

    private synchronized JsonNode reporterRole() {
        if (reporterRole == null) {
            reporterRole = Api.expect(send("GET", "/admin/realms/par/roles/reporter", null), "reading role reporter", 200)
                    .json();
        }
        return reporterRole;
    }

    private Api.Reply send(String method, String path, JsonNode body) {
        byte[] bytes = null;
        try {
            bytes = body == null ? null : Api.JSON.writeValueAsBytes(body);
        } catch (java.io.IOException e) {
            throw new BenchmarkException(e.getMessage(), e);
        }
        return Api.send(method, base + path, token(), body == null ? null : "application/json", bytes,
                Duration.ofSeconds(60));
    }
}
