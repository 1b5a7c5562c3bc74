package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.manifests.Repo.Manifest;

/**
 * The production realm: the development realm's roles, claims and audience, without its shortcuts; and the development
 * realm's demo users.
 */
class KeycloakRealmTest {

    static final JsonNode REALM = Repo.json(Repo.PRODUCTION_REALM);
    static final JsonNode DEV = Repo.json(Repo.DEV_REALM);

    static JsonNode client(JsonNode realm, String clientId) {
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    static JsonNode mapper(JsonNode client, String type) {
        for (JsonNode m : client.path("protocolMappers")) {
            if (m.path("protocolMapper").asText().equals(type)) {
                return m;
            }
        }
        throw new AssertionError(client.path("clientId").asText() + " has no " + type);
    }

    @Test
    void hasNoUsers() {
        assertTrue(REALM.path("users").isMissingNode() || REALM.path("users").isEmpty(), "the production realm must not carry users");
        assertTrue(REALM.path("federatedUsers").isMissingNode() || REALM.path("federatedUsers").isEmpty());
    }

    /** The client a service's pages sign in through: its {@code quarkus.oidc.web.client-id}. */
    static String pageClientId(String service) {
        return Repo.applicationProperties(service).getProperty("quarkus.oidc.web.client-id").strip();
    }

    @Test
    void nobodyGetsATokenByPassword() {
        for (String service : Repo.SERVICES) {
            JsonNode web = client(REALM, pageClientId(service));
            String id = web.path("clientId").asText();
            assertFalse(web.path("directAccessGrantsEnabled").asBoolean(true), id + ": directAccessGrantsEnabled must be false");
            assertTrue(web.path("publicClient").asBoolean(), id);
            assertTrue(web.path("standardFlowEnabled").asBoolean(), id);
            assertFalse(web.path("implicitFlowEnabled").asBoolean(true), id);
            assertEquals("S256", web.path("attributes").path("pkce.code.challenge.method").asText(), id);
        }
        for (JsonNode c : REALM.path("clients")) {
            assertFalse(c.path("directAccessGrantsEnabled").asBoolean(false), c.path("clientId").asText() + " allows the password grant");
        }
    }

    /**
     * Each service's pages sign in through a client of their own, so that Keycloak can tell each service when a person
     * signs out (a client has one back-channel logout URL): the service's Kubernetes Service, which is also its name
     * in docker-compose.yml, on its HTTP port, at the path the service listens on. The person comes back to the pages
     * after signing out ({@code post.logout.redirect.uris} "+": the redirect URIs).
     */
    @Test
    void eachServicesPagesAreToldOfASignOutByBackChannel() {
        for (String service : Repo.SERVICES) {
            String path = Repo.applicationProperties(service).getProperty("quarkus.oidc.web.logout.backchannel.path").strip();
            int port = Repo.httpPort(service);
            Repo.required("Service", service);
            Workloads.composeService(service);
            for (JsonNode realm : List.of(REALM, DEV)) {
                JsonNode web = client(realm, pageClientId(service));
                String where = realm.equals(REALM) ? "production " + pageClientId(service) : "development " + pageClientId(service);
                String host = realm.equals(REALM) ? service : "localhost";
                JsonNode attributes = web.path("attributes");
                assertEquals("http://" + host + ":" + port + path, attributes.path("backchannel.logout.url").asText(), where);
                assertEquals("true", attributes.path("backchannel.logout.session.required").asText(), where);
                // Keycloak uses the front channel (an iframe in the browser) instead when it is on.
                assertFalse(web.path("frontchannelLogout").asBoolean(true), where + ": frontchannelLogout");
                assertEquals("+", attributes.path("post.logout.redirect.uris").asText(), where);
            }
        }
    }

    @Test
    void requiresTlsAndLocksOutPasswordGuessing() {
        assertEquals("external", REALM.path("sslRequired").asText());
        assertTrue(REALM.path("bruteForceProtected").asBoolean());
        assertFalse(REALM.path("registrationAllowed").asBoolean(true));
    }

    @Test
    void redirectsOnlyToTheHttpsHostThatTheIngressServesForTheClientsService() {
        for (String service : Repo.SERVICES) {
            Set<String> allowed = new HashSet<>();
            for (JsonNode uri : client(REALM, pageClientId(service)).path("redirectUris")) {
                String u = uri.asText();
                assertTrue(u.startsWith("https://"), "redirect URI " + u);
                assertFalse(u.contains("localhost") || u.contains("127.0.0.1"), "redirect URI " + u);
                allowed.add(u);
            }
            // The host serving this service's pages; Keycloak's own public host (its sign-in) is not one of them.
            Set<String> expected = new HashSet<>();
            for (Manifest ingress : Repo.manifests("Ingress")) {
                for (JsonNode rule : ingress.spec().path("rules")) {
                    for (JsonNode path : rule.path("http").path("paths")) {
                        if (path.path("backend").path("service").path("name").asText().equals(service)) {
                            expected.add("https://" + rule.path("host").asText() + "/*");
                        }
                    }
                }
            }
            assertFalse(expected.isEmpty(), "no Ingress serves " + service);
            assertEquals(expected, allowed, pageClientId(service) + " returns to its own service's pages only");
        }
    }

    /** The attribute mapper that puts the user attribute of that name into the token. */
    static JsonNode attributeMapper(JsonNode client, String attribute) {
        for (JsonNode m : client.path("protocolMappers")) {
            if (m.path("protocolMapper").asText().equals("oidc-usermodel-attribute-mapper")
                    && m.path("config").path("user.attribute").asText().equals(attribute)) {
                return m;
            }
        }
        throw new AssertionError(client.path("clientId").asText() + " maps no user attribute " + attribute);
    }

    /** The attribute names the realm's user profile declares. */
    static Set<String> declaredAttributes(JsonNode realm) {
        String profile = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").get(0)
                .path("config").path("kc.user.profile.config").get(0).asText();
        Set<String> names = new HashSet<>();
        try {
            Repo.JSON.readTree(profile).path("attributes").forEach(a -> names.add(a.path("name").asText()));
        } catch (java.io.IOException e) {
            throw new AssertionError("user profile is not JSON", e);
        }
        return names;
    }

    @Test
    void keepsTheRolesTheUnitAndAgencyClaimsAndTheApiAudience() {
        Set<String> roles = new HashSet<>();
        REALM.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        assertTrue(roles.containsAll(List.of("admin", "reporter", "viewer", "appraiser")), "realm roles " + roles);

        for (String service : Repo.SERVICES) {
            JsonNode web = client(REALM, pageClientId(service));
            // The services read both claims from the access token (API) and from the ID token (pages).
            for (String attribute : List.of("unit", "agency")) {
                JsonNode config = attributeMapper(web, attribute).path("config");
                assertEquals(attribute, config.path("claim.name").asText(), attribute);
                assertEquals("String", config.path("jsonType.label").asText(), attribute);
                assertEquals("false", config.path("multivalued").asText(), attribute);
                assertEquals("true", config.path("access.token.claim").asText(), attribute);
                assertEquals("true", config.path("id.token.claim").asText(), attribute);
            }
            // criteria-service calls the other services' APIs with the page session's access token.
            JsonNode audience = mapper(web, "oidc-audience-mapper");
            assertEquals("par-api", audience.path("config").path("included.client.audience").asText());
            assertEquals("true", audience.path("config").path("access.token.claim").asText());
        }
        client(REALM, "par-api");

        // Keycloak 26 keeps an attribute the profile does not declare as unmanaged: the admin console cannot set it.
        assertTrue(declaredAttributes(REALM).containsAll(List.of("unit", "agency")),
                "the user profile must declare unit and agency: " + declaredAttributes(REALM));
    }

    @Test
    void theDevelopmentRealmHasADemoUserForEachKindOfAccount() {
        String sampleAgency = Repo.json(Repo.ROOT.resolve("deploy/stack/src/main/resources/sample/units.json"))
                .path("agency").asText();
        Map<String, JsonNode> users = new HashMap<>();
        DEV.path("users").forEach(u -> users.put(u.path("username").asText(), u));
        Map<String, String> roleOf = Map.of("admin", "admin", "viewer", "viewer", "vp", "reporter", "khtc", "reporter",
                "ldvl", "reporter", "ttdvvl", "reporter", "cdcs", "reporter", "snv", "appraiser", "sldtbxh", "admin");
        assertEquals(roleOf.keySet(), users.keySet());
        Set<String> declared = declaredAttributes(DEV);
        roleOf.forEach((name, role) -> {
            JsonNode user = users.get(name);
            // Explicit realmRoles replace default-roles-par, so each user names it again.
            assertEquals(Set.of(role, "default-roles-par"), texts(user.path("realmRoles")), name);
            assertEquals(name, user.path("credentials").get(0).path("value").asText(), name + "'s password");
            // The profile requires both names of a user: without one, Keycloak asks to complete the profile at login
            // and refuses the password grant.
            assertFalse(user.path("firstName").asText().isBlank() || user.path("lastName").asText().isBlank(), name);
            assertTrue(user.path("requiredActions").isEmpty(), name);
            user.path("attributes").fieldNames().forEachRemaining(a -> assertTrue(declared.contains(a), name + "." + a));
        });

        JsonNode snv = users.get("snv");
        assertEquals("Sở Nội vụ", snv.path("firstName").asText());
        assertTrue(snv.path("attributes").isMissingNode() || snv.path("attributes").isEmpty(), "snv has no unit or agency");

        JsonNode agencyAdmin = users.get("sldtbxh").path("attributes");
        assertEquals(List.of(sampleAgency), Repo.list(agencyAdmin.path("agency")).stream().map(JsonNode::asText).toList());
        assertTrue(agencyAdmin.path("unit").isMissingNode(), "sldtbxh has no unit");
        assertTrue(users.get("admin").path("attributes").path("agency").isMissingNode(),
                "admin is the provincial administrator: no agency");
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> result = new HashSet<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    @Test
    void differsFromTheDevelopmentRealmOnlyWhereProductionMust() {
        // Roles, user profile, texts and the mappers come from the development realm unchanged: a change there
        // must reach the production realm too.
        for (String field : List.of("realm", "roles", "defaultRole", "components", "localizationTexts", "supportedLocales",
                "defaultLocale", "ssoSessionIdleTimeout", "ssoSessionMaxLifespan")) {
            assertSame(DEV.path(field), REALM.path(field), field);
        }
        assertSame(client(DEV, "par-api"), client(REALM, "par-api"), "client par-api");
        for (String service : Repo.SERVICES) {
            String id = pageClientId(service);
            for (String field : List.of("protocolMappers", "defaultClientScopes", "optionalClientScopes", "publicClient",
                    "frontchannelLogout", "directAccessGrantsEnabled")) {
                assertSame(client(DEV, id).path(field), client(REALM, id).path(field), id + " " + field);
            }
        }
    }

    @Test
    void productionTokensAreShortAndNoClientTakesAPassword() {
        // A token is good for 5 minutes (the pages refresh theirs while the session lasts): a stolen one does not
        // last, and the services' cache of verified tokens never holds one past its exp.
        assertTrue(REALM.path("accessTokenLifespan").asInt() <= 300, "accessTokenLifespan " + REALM.path("accessTokenLifespan"));
        // Keycloak creates an admin-cli client with the password grant in every realm that does not declare one.
        JsonNode adminCli = client(REALM, "admin-cli");
        assertTrue(!adminCli.isMissingNode(), "the production realm declares admin-cli");
        for (JsonNode client : REALM.path("clients")) {
            assertTrue(!client.path("directAccessGrantsEnabled").asBoolean(true), client.path("clientId").asText()
                    + " takes passwords (directAccessGrantsEnabled)");
        }
    }

    private static void assertSame(JsonNode dev, JsonNode production, String what) {
        String difference = Repo.firstDifference(dev, production, "");
        assertTrue(difference == null, what + " differs from deploy/keycloak/par-realm.json at " + difference
                + ": carry the change over to par-realm-production.json (and regenerate realm-import.yaml)");
    }

    @Test
    void theRealmImportEmbedsExactlyTheProductionRealmFile() {
        Manifest keycloak = Repo.manifests("Keycloak").get(0);
        assertEquals("k8s.keycloak.org/v2alpha1", keycloak.doc().path("apiVersion").asText());
        assertEquals(2, keycloak.spec().path("instances").asInt());
        Manifest importCr = Repo.manifests("KeycloakRealmImport").get(0);
        assertEquals(keycloak.name(), importCr.spec().path("keycloakCRName").asText());
        String difference = Repo.firstDifference(REALM, importCr.spec().path("realm"), "");
        assertTrue(difference == null,
                "realm-import.yaml differs from par-realm-production.json at " + difference + ": regenerate it (see its header)");
    }

    @Test
    void theServicesTrustTheIssuerKeycloakIsGiven() {
        Manifest keycloak = Repo.manifests("Keycloak").get(0);
        String hostname = keycloak.spec().path("hostname").path("hostname").asText();
        String issuer = (hostname.startsWith("https://") ? hostname : "https://" + hostname) + "/realms/" + REALM.path("realm").asText();
        for (String service : Repo.SERVICES) {
            assertEquals(issuer, Workloads.kubernetesEnvironment(service).get("QUARKUS_OIDC_AUTH_SERVER_URL"), service);
        }
        // Keycloak's database is one of the CloudNativePG cluster's, with the role from the Secret it is given.
        String secret = keycloak.spec().path("db").path("usernameSecret").path("name").asText();
        String role = Repo.required("Secret", secret).doc().path("stringData").path("username").asText();
        String cluster = Repo.manifests("Cluster").get(0).name();
        assertEquals(cluster + "-rw", keycloak.spec().path("db").path("host").asText());
        String database = keycloak.spec().path("db").path("database").asText();
        assertTrue(Repo.manifests("Database").stream().anyMatch(d -> d.spec().path("name").asText().equals(database)
                && d.spec().path("owner").asText().equals(role)), "no Database " + database + " owned by " + role);
    }

    /** Which realm compose imports is ComposeClosedByDefaultTest's: the production one. */
    @Test
    void composeGivesEveryTokenOneIssuerThatTheServicesTrust() {
        JsonNode keycloak = Workloads.composeService("keycloak");
        assertTrue(keycloak.path("image").asText().startsWith("quay.io/keycloak/keycloak:26.5"));
        List<String> command = Repo.list(keycloak.path("command")).stream().map(JsonNode::asText).toList();
        assertTrue(command.contains("--import-realm"));
        assertTrue(command.contains("--hostname=http://localhost:8180"), "tokens must carry one issuer whoever asks");
        for (String service : Repo.SERVICES) {
            assertEquals("http://keycloak:8180/realms/par",
                    Workloads.composeEnvironment(Workloads.composeService(service)).get("QUARKUS_OIDC_AUTH_SERVER_URL"));
        }
    }
}
