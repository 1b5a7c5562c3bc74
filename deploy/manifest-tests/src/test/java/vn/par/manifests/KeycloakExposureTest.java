package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.manifests.Repo.Manifest;

/**
 * What the public sees of Keycloak is the sign-in of realm par and its static resources: never the admin console,
 * its REST API (/admin/) or the master realm, in Kubernetes (the Ingress) or in compose (keycloak-proxy).
 */
class KeycloakExposureTest {

    /** The public paths of Keycloak: realm par's endpoints and pages, and the resources those pages load. */
    static final Set<String> PUBLIC_PATHS = Set.of("/realms/par/", "/resources/");

    @Test
    void thePublicIngressRoutesOnlyRealmParAndResourcesToKeycloak() {
        Manifest keycloak = Repo.manifests("Keycloak").get(0);
        String service = keycloak.name() + "-service";
        assertFalse(keycloak.spec().path("ingress").path("enabled").asBoolean(true),
                "the operator's own Ingress would route every path, the console's included");

        Set<String> routed = new TreeSet<>();
        for (Manifest ingress : Repo.manifests("Ingress")) {
            for (JsonNode rule : ingress.spec().path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode backend = path.path("backend").path("service");
                    if (backend.path("name").asText().equals(service)) {
                        assertEquals("Prefix", path.path("pathType").asText(), ingress + " " + path);
                        assertEquals("https", backend.path("port").path("name").asText(), "Keycloak serves HTTPS");
                        assertEquals(hostOf(keycloak.spec().path("hostname").path("hostname").asText()),
                                rule.path("host").asText(), ingress + ": Keycloak's public host");
                        routed.add(path.path("path").asText());
                    }
                }
            }
        }
        assertEquals(PUBLIC_PATHS, routed, "paths routed to Keycloak");
    }

    @Test
    void theAdminConsoleHasAnAddressOfItsOwnOffThePublicHost() {
        JsonNode hostname = Repo.manifests("Keycloak").get(0).spec().path("hostname");
        String admin = hostname.path("admin").asText();
        assertFalse(admin.isBlank(), "hostname.admin: where administrators open the console");
        assertNotEquals(hostOf(hostname.path("hostname").asText()), hostOf(admin));
    }

    @Test
    void composesPublishedKeycloakPortProxiesOnlyRealmParAndResources() {
        String conf = Repo.text(Repo.COMPOSE_DIR.resolve("keycloak-proxy.conf"));
        Map<String, String> locations = new TreeMap<>();
        Matcher location = Pattern.compile("(?s)location\\s+(\\S+)\\s*\\{(.*?)\\}").matcher(conf);
        while (location.find()) {
            locations.put(location.group(1), location.group(2).strip().replaceAll("\\s+", " "));
        }
        assertEquals("return 404;", locations.get("/"), "anything else is refused");
        Set<String> proxied = new TreeSet<>();
        locations.forEach((path, body) -> {
            if (!path.equals("/")) {
                assertEquals("proxy_pass $keycloak;", body, path);
                proxied.add(path);
            }
        });
        assertEquals(PUBLIC_PATHS, proxied);
        assertTrue(conf.contains("set $keycloak http://keycloak:8180;"), "the upstream is Keycloak's own port");
        assertTrue(Repo.list(Workloads.composeService("keycloak-proxy").path("volumes")).stream().map(JsonNode::asText)
                .anyMatch(v -> v.equals("./keycloak-proxy.conf:/etc/nginx/conf.d/default.conf:ro")));
    }

    private static String hostOf(String url) {
        return url.replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
    }
}
