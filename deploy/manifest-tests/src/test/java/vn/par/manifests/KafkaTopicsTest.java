package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.manifests.Repo.Manifest;
import vn.par.manifests.Repo.Topic;

/** The topics of Kubernetes and compose are the ones the local stack creates (TopicSpec.java). */
class KafkaTopicsTest {

    @Test
    void theStrimziTopicsAreTheStacksTopicsWithThreeReplicas() {
        Manifest kafka = Repo.manifests("Kafka").get(0);
        Map<String, Manifest> topics = new LinkedHashMap<>();
        for (Manifest t : Repo.manifests("KafkaTopic")) {
            topics.put(t.spec().path("topicName").asText(t.name()), t);
        }
        List<Topic> expected = Repo.stackTopics();
        assertEquals(expected.stream().map(Topic::name).collect(Collectors.toSet()), topics.keySet());
        for (Topic topic : expected) {
            Manifest t = topics.get(topic.name());
            JsonNode spec = t.spec();
            assertEquals(kafka.name(), t.doc().path("metadata").path("labels").path("strimzi.io/cluster").asText(),
                    t + " must name the Kafka cluster in its strimzi.io/cluster label");
            assertEquals(topic.partitions(), spec.path("partitions").asInt(), topic.name() + ": partitions");
            assertEquals(3, spec.path("replicas").asInt(), topic.name() + ": replication factor");
            assertEquals(2, spec.path("config").path("min.insync.replicas").asInt(), topic.name() + ": min.insync.replicas");
            assertEquals(topic.compacted() ? "compact" : "delete", spec.path("config").path("cleanup.policy").asText("delete"),
                    topic.name() + ": cleanup.policy");
        }
    }

    @Test
    void theKafkaClusterHasThreeNodesThatAreBrokersAndControllers() {
        Manifest kafka = Repo.manifests("Kafka").get(0);
        assertEquals("kafka.strimzi.io/v1beta2", kafka.doc().path("apiVersion").asText());
        int nodes = 0;
        for (Manifest pool : Repo.manifests("KafkaNodePool")) {
            assertEquals(kafka.name(), pool.doc().path("metadata").path("labels").path("strimzi.io/cluster").asText());
            Set<String> roles = new HashSet<>();
            pool.spec().path("roles").forEach(r -> roles.add(r.asText()));
            assertEquals(Set.of("broker", "controller"), roles);
            nodes += pool.spec().path("replicas").asInt();
        }
        assertEquals(3, nodes, "KRaft quorum and replication factor 3 need three nodes");
        assertEquals(2, kafka.spec().path("kafka").path("config").path("min.insync.replicas").asInt());
        assertTrue(kafka.spec().path("entityOperator").has("topicOperator"), "the KafkaTopic resources need the topic operator");
    }

    @Test
    void theServicesBootstrapFromTheTlsListenerOfThatCluster() {
        Manifest kafka = Repo.manifests("Kafka").get(0);
        int tlsPort = -1;
        for (JsonNode listener : kafka.spec().path("kafka").path("listeners")) {
            if (listener.path("tls").asBoolean() && listener.path("type").asText().equals("internal")) {
                tlsPort = listener.path("port").asInt();
            }
        }
        String expected = kafka.name() + "-kafka-bootstrap:" + tlsPort;
        for (String service : Repo.SERVICES) {
            assertEquals(expected, Workloads.kubernetesEnvironment(service).get("KAFKA_BOOTSTRAP_SERVERS"), service);
        }
    }

    @Test
    void scoringServiceNeverRunsMoreReplicasThanParProgressHasPartitions() {
        int partitions = Repo.stackTopics().stream().filter(t -> t.name().equals("par.progress")).findFirst()
                .orElseThrow().partitions();
        assertTrue(Workloads.deployment("scoring-service").spec().path("replicas").asInt() <= partitions);
        Repo.manifest("HorizontalPodAutoscaler", "scoring-service").ifPresent(hpa -> assertTrue(
                hpa.spec().path("maxReplicas").asInt() <= partitions,
                "a scoring-service replica beyond the " + partitions + " partitions of par.progress would own none"));
    }

    @Test
    void composeCreatesTheStacksTopics() {
        JsonNode init = Workloads.composeService("kafka-init");
        String script = String.join("\n", Repo.list(init.path("command")).stream().map(JsonNode::asText).toList());
        Matcher m = Pattern.compile("--topic\\s+(\\S+)\\s+--partitions\\s+(\\d+)([^\\n]*)").matcher(script);
        Map<String, Topic> created = new LinkedHashMap<>();
        while (m.find()) {
            created.put(m.group(1), new Topic(m.group(1), Integer.parseInt(m.group(2)), m.group(3).contains("cleanup.policy=compact")));
        }
        Map<String, Topic> expected = new LinkedHashMap<>();
        Repo.stackTopics().forEach(t -> expected.put(t.name(), t));
        assertEquals(expected, created, "kafka-init in docker-compose.yml");
        assertTrue(script.contains("--if-not-exists"), "kafka-init runs at every start");
        assertEquals("apache/kafka:4.1.0", init.path("image").asText());
        assertEquals(init.path("image").asText(), Workloads.composeService("kafka").path("image").asText(),
                "kafka-init uses the broker's image for its CLI");
    }
}
