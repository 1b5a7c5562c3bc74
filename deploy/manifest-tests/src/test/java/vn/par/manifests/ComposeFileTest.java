package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** What docker compose would check before starting anything, and a few things it would not. */
class ComposeFileTest {

    static final JsonNode COMPOSE = Repo.compose();
    static final JsonNode SERVICES = COMPOSE.path("services");

    @Test
    void everyNamedVolumeIsDeclaredAndEveryBindMountExists() {
        Set<String> declared = new HashSet<>();
        COMPOSE.path("volumes").fieldNames().forEachRemaining(declared::add);
        Set<String> used = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = SERVICES.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            for (JsonNode volume : service.getValue().path("volumes")) {
                String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
                if (source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
                    Path path = Repo.COMPOSE_DIR.resolve(source).normalize();
                    assertTrue(Files.exists(path), service.getKey() + " mounts " + source + ", which does not exist");
                } else {
                    assertTrue(declared.contains(source), service.getKey() + " uses volume " + source + ", not declared under volumes:");
                    used.add(source);
                }
            }
        }
        assertEquals(declared, used, "declared volumes nobody uses");
        assertEquals(Set.of("postgres-data", "kafka-data"), declared);
    }

    @Test
    void dependenciesExistAndTheirConditionsCanBeMet() {
        for (Iterator<Map.Entry<String, JsonNode>> it = SERVICES.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> deps = service.getValue().path("depends_on").fields(); deps.hasNext();) {
                Map.Entry<String, JsonNode> dep = deps.next();
                JsonNode target = SERVICES.path(dep.getKey());
                assertFalse(target.isMissingNode(), service.getKey() + " depends on unknown " + dep.getKey());
                String condition = dep.getValue().path("condition").asText();
                switch (condition) {
                    case "service_healthy" -> assertTrue(target.has("healthcheck"),
                            service.getKey() + " waits for " + dep.getKey() + " to be healthy, which has no healthcheck");
                    case "service_completed_successfully" -> assertEquals("no", target.path("restart").asText("no"),
                            dep.getKey() + " must run once and exit");
                    default -> throw new AssertionError(service.getKey() + " -> " + dep.getKey() + ": condition " + condition);
                }
            }
        }
        for (String service : Repo.SERVICES) {
            JsonNode deps = SERVICES.path(service).path("depends_on");
            assertEquals("service_healthy", deps.path("postgres").path("condition").asText(), service);
            assertEquals("service_completed_successfully", deps.path("kafka-init").path("condition").asText(), service);
        }
    }

    @Test
    void theEnginesUseTheirOfficialImagesAtAPinnedVersion() {
        assertEquals("postgres:17", SERVICES.path("postgres").path("image").asText());
        assertEquals("apache/kafka:4.1.0", SERVICES.path("kafka").path("image").asText());
        assertEquals("quay.io/keycloak/keycloak:26.5", SERVICES.path("keycloak").path("image").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = SERVICES.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> service = it.next();
            String image = service.getValue().path("image").asText();
            if (!service.getValue().has("build")) {
                assertTrue(image.contains(":") && !image.endsWith(":latest"), service.getKey() + ": pin the image " + image);
            }
        }
    }

    @Test
    void kafkaRunsInKraftModeWithItsListenerForTheContainers() {
        Map<String, String> env = Workloads.composeEnvironment(SERVICES.path("kafka"));
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
        assertTrue(env.get("KAFKA_ADVERTISED_LISTENERS").contains("kafka:19092"));
        assertEquals("1", env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"), "a single broker");
        String clusterId = env.get("CLUSTER_ID");
        assertEquals(16, Base64.getUrlDecoder().decode(clusterId).length, "CLUSTER_ID is 16 bytes in base64url");
        assertTrue(Repo.list(SERVICES.path("kafka").path("volumes")).stream().map(JsonNode::asText)
                .anyMatch(v -> v.equals("kafka-data:" + env.get("KAFKA_LOG_DIRS"))), "the log dirs are on the kafka-data volume");
    }
}
