package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * docker-compose.yml is closed by default: it publishes only the services and Keycloak's public side, on 127.0.0.1
 * unless told otherwise; Keycloak runs in production mode on the production realm; every password is a compose
 * secret from the git-ignored folder generate-secrets.sh fills; each service has its own database role and Kafka
 * user.
 */
class ComposeClosedByDefaultTest {

    static final List<String> SERVICES = Repo.SERVICES;
    /** The host address of every published port: loopback unless PAR_BIND_ADDRESS says otherwise. */
    static final String BIND_ADDRESS = "${PAR_BIND_ADDRESS:-127.0.0.1}";

    static final JsonNode COMPOSE = Repo.compose();

    @Test
    void onlyTheServicesAndKeycloaksPublicSideArePublishedOnTheBindAddress() {
        Map<String, List<String>> published = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = COMPOSE.path("services").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            List<String> ports = Repo.list(service.getValue().path("ports")).stream().map(JsonNode::asText).toList();
            if (!ports.isEmpty()) {
                published.put(service.getKey(), ports);
            }
        }
        Map<String, List<String>> expected = new TreeMap<>();
        for (String service : SERVICES) {
            int port = Repo.httpPort(service);
            expected.put(service, List.of(BIND_ADDRESS + ":" + port + ":" + port));
        }
        expected.put("keycloak-proxy", List.of(BIND_ADDRESS + ":8180:8180"));
        assertEquals(expected, published, "published ports: PostgreSQL, Kafka and Keycloak itself stay inside");
        for (String engine : List.of("postgres", "kafka", "keycloak")) {
            assertTrue(Workloads.composeService(engine).path("ports").isMissingNode(), engine + " must not be published");
        }
    }

    @Test
    void theAdminConsoleFileOpensKeycloaksPortOnLoopbackOnly() {
        JsonNode override = Repo.documents(Repo.COMPOSE_DIR.resolve("docker-compose.admin-console.yml")).get(0);
        assertEquals(Set.of("keycloak"), fieldNames(override.path("services")));
        List<String> ports = Repo.list(override.path("services").path("keycloak").path("ports")).stream()
                .map(JsonNode::asText).toList();
        assertEquals(List.of("127.0.0.1:8181:8180"), ports, "whatever PAR_BIND_ADDRESS says");
        assertTrue(command("keycloak").contains("--hostname-admin=http://localhost:8181"),
                "Keycloak's console URLs must name the port the override opens");
    }

    @Test
    void keycloakRunsInProductionModeOnTheProductionRealm() {
        List<String> command = command("keycloak");
        assertEquals("start", command.get(0), "Keycloak's mode: " + command);
        assertFalse(command.contains("start-dev"));
        assertTrue(command.contains("--import-realm"));
        List<String> volumes = Repo.list(Workloads.composeService("keycloak").path("volumes")).stream()
                .map(JsonNode::asText).toList();
        String realm = volumes.stream().filter(v -> v.contains("/opt/keycloak/data/import/")).findFirst()
                .orElseThrow(() -> new AssertionError("Keycloak imports no realm: " + volumes));
        String[] parts = realm.split(":");
        assertEquals(Repo.PRODUCTION_REALM, Repo.COMPOSE_DIR.resolve(parts[0]).normalize(), "the production realm");
        assertEquals("ro", parts[2], "mounted read-only");
        Map<String, String> env = Workloads.composeEnvironment(Workloads.composeService("keycloak"));
        assertEquals("postgres", env.get("KC_DB"), "Keycloak keeps its data in PostgreSQL, not in a development file");
    }

    @Test
    void keycloaksAdminPasswordIsASecret() {
        Map<String, String> env = Workloads.composeEnvironment(Workloads.composeService("keycloak"));
        assertEquals("<secret keycloak-admin>", env.get("KC_BOOTSTRAP_ADMIN_PASSWORD"));
        assertEquals("<secret db-keycloak>", env.get("KC_DB_PASSWORD"));
        assertSecretsDeclared("keycloak");
    }

    @Test
    void everySecretIsAFileOfTheGitIgnoredFolderThatGenerateSecretsFills() {
        Set<String> declared = fieldNames(COMPOSE.path("secrets"));
        for (String name : declared) {
            Path file = Repo.COMPOSE_DIR.resolve(COMPOSE.path("secrets").path(name).path("file").asText()).normalize();
            assertEquals(Repo.COMPOSE_SECRETS.resolve(name), file, "secret " + name);
        }
        Matcher names = Pattern.compile("(?s)names=\\((.*?)\\)").matcher(Repo.text(Repo.COMPOSE_SECRETS_SCRIPT));
        assertTrue(names.find(), "generate-secrets.sh lists its names in names=( ... )");
        Set<String> generated = new TreeSet<>(List.of(names.group(1).strip().split("\\s+")));
        // The SMTP server's settings are written from PAR_SMTP_* rather than generated (SmtpSettingsTest).
        generated.addAll(SmtpSettingsTest.composeSmtpSecrets());
        assertEquals(new TreeSet<>(declared), generated, "generate-secrets.sh writes exactly the secrets compose reads");
        assertTrue(gitIgnored().contains("deploy/compose/secrets/"), ".gitignore must keep deploy/compose/secrets/ out");
        Set<String> used = new TreeSet<>();
        COMPOSE.path("services").forEach(s -> s.path("secrets").forEach(n -> used.add(n.asText())));
        assertEquals(new TreeSet<>(declared), used, "declared secrets nobody uses, or used ones not declared");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceGetsItsPasswordsAndSessionKeyFromItsOwnSecrets(String service) {
        String database = Repo.database(service);
        Map<String, String> env = Workloads.composeEnvironment(Workloads.composeService(service));
        assertEquals("<secret db-" + database + ">", env.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("<secret web-session-" + database + ">", env.get("PAR_WEB_SESSION_SECRET"));
        assertEquals("<secret kafka-" + service + ">", env.get("PAR_KAFKA_PASSWORD"));
        assertSecretsDeclared(service);
        List<String> volumes = Repo.list(Workloads.composeService(service).path("volumes")).stream().map(JsonNode::asText)
                .toList();
        assertTrue(volumes.contains("./secret-env.sh:" + Workloads.SECRET_ENV + ":ro"), service + " mounts the wrapper");
        assertTrue(Files.isRegularFile(Repo.COMPOSE_DIR.resolve("secret-env.sh")));
    }

    @Test
    void eachServiceHasADatabaseRoleOfItsOwnThatOwnsOnlyItsDatabase() {
        Path init = Repo.COMPOSE_DIR.resolve("postgres-init/01-roles-and-databases.sh");
        String script = Repo.text(init);
        Matcher function = Pattern.compile("(?s)own_database\\(\\) \\{(.*?)\\n\\}").matcher(script);
        assertTrue(function.find(), "01-roles-and-databases.sh defines own_database()");
        String body = function.group(1);
        assertTrue(body.contains("CREATE ROLE :\"role\" LOGIN PASSWORD :'password';"), body);
        assertTrue(body.contains("CREATE DATABASE :\"role\" OWNER :\"role\";"), body);
        assertTrue(body.contains("REVOKE CONNECT, TEMPORARY ON DATABASE :\"role\" FROM PUBLIC;"), body);
        assertTrue(body.contains("password=\"$(< \"/run/secrets/db-$role\")\""), "the password comes from the role's secret");

        Set<String> roles = new LinkedHashSet<>();
        Matcher call = Pattern.compile("(?m)^own_database (\\w+)$").matcher(script);
        while (call.find()) {
            roles.add(call.group(1));
        }
        Set<String> expected = new LinkedHashSet<>();
        SERVICES.forEach(s -> expected.add(Repo.database(s)));
        expected.add("keycloak");
        assertEquals(expected, roles);
        Set<String> postgresSecrets = new TreeSet<>();
        Workloads.composeService("postgres").path("secrets").forEach(n -> postgresSecrets.add(n.asText()));
        for (String role : roles) {
            assertTrue(postgresSecrets.contains("db-" + role), "postgres needs the secret db-" + role);
        }
        // The postgres image reads POSTGRES_PASSWORD_FILE itself.
        assertEquals("/run/secrets/postgres-superuser",
                Workloads.composeEnvironment(Workloads.composeService("postgres")).get("POSTGRES_PASSWORD_FILE"),
                "the superuser's password is a secret too");
        assertTrue(postgresSecrets.contains("postgres-superuser"));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceTalksToKafkaOverSaslScramAsItsOwnUser(String service) {
        Map<String, String> env = Workloads.composeEnvironment(Workloads.composeService(service));
        assertEquals("SASL_PLAINTEXT", env.get("KAFKA_SECURITY_PROTOCOL"), service);
        assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), service);
        assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + service
                + "\" password=\"${PAR_KAFKA_PASSWORD}\";", env.get("KAFKA_SASL_JAAS_CONFIG"), service);
    }

    @Test
    void theBrokerAuthenticatesEveryListenerAndAllowsOnlyWhatAnAclAllows() {
        Map<String, String> env = Workloads.composeEnvironment(Workloads.composeService("kafka"));
        Map<String, String> protocols = new TreeMap<>();
        for (String pair : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
            protocols.put(pair.split(":")[0], pair.split(":")[1]);
        }
        assertEquals(Set.of("SASL_PLAINTEXT"), new TreeSet<>(protocols.values()), "every listener authenticates: " + protocols);
        assertEquals("SCRAM-SHA-512", env.get("KAFKA_LISTENER_NAME_INTERNAL_SASL_ENABLED_MECHANISMS"));
        assertTrue(env.get("KAFKA_ADVERTISED_LISTENERS").contains("INTERNAL://kafka:19092"), "the services' listener");
        for (String listener : env.get("KAFKA_LISTENERS").split(",")) {
            if (!listener.startsWith("INTERNAL://")) {
                assertTrue(listener.contains("://127.0.0.1:"), listener + " must listen on the broker's loopback only");
            }
        }
        assertEquals("org.apache.kafka.metadata.authorizer.StandardAuthorizer", env.get("KAFKA_AUTHORIZER_CLASS_NAME"));
        assertEquals("User:admin", env.get("KAFKA_SUPER_USERS"));
        assertEquals("false", env.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"));
        assertEquals("service:kafka", Workloads.composeService("kafka-init").path("network_mode").asText(),
                "kafka-init reaches the admin listener on the broker's loopback");
    }

    private static void assertSecretsDeclared(String service) {
        Set<String> listed = new TreeSet<>();
        Workloads.composeService(service).path("secrets").forEach(n -> listed.add(n.asText()));
        for (String value : Workloads.composeEnvironment(Workloads.composeService(service)).values()) {
            if (value != null && value.startsWith("<secret ")) {
                String secret = value.substring("<secret ".length(), value.length() - 1);
                assertTrue(listed.contains(secret), service + " reads secret " + secret + " without listing it under secrets:");
            }
        }
    }

    private static List<String> command(String service) {
        return Repo.list(Workloads.composeService(service).path("command")).stream().map(JsonNode::asText).toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The lines of the repository's .gitignore. */
    static List<String> gitIgnored() {
        return new ArrayList<>(Repo.text(Repo.ROOT.resolve(".gitignore")).lines().map(String::strip).toList());
    }
}
