package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.manifests.Repo.Manifest;

/**
 * Each service is a Kafka user of its own that may touch exactly its topics and consumer group, in Kubernetes
 * (Strimzi: TLS + SCRAM-SHA-512 listener, simple authorization, a KafkaUser per service) and in compose (the ACLs
 * kafka-init writes). Both are checked against one table of what each service does with Kafka.
 */
class KafkaAclsTest {

    static final List<String> SERVICES = Repo.SERVICES;

    /**
     * What the services do with Kafka, as principal | resource type | name | pattern | operation. criteria-service
     * publishes par.plans; progress-service reads par.plans (one group per pod, progress-service-...) and publishes
     * par.progress; scoring-service reads par.plans and par.progress in group scoring-service, publishes par.scores
     * and reads it back with assigned partitions (no group). Every producer is the idempotent outbox relay.
     */
    static final Set<String> EXPECTED = new TreeSet<>(List.of(
            "criteria-service|topic|par.plans|literal|Describe",
            "criteria-service|topic|par.plans|literal|Write",
            "criteria-service|cluster|kafka-cluster|literal|IdempotentWrite",
            "progress-service|topic|par.plans|literal|Describe",
            "progress-service|topic|par.plans|literal|Read",
            "progress-service|group|progress-service|prefixed|Read",
            "progress-service|topic|par.progress|literal|Describe",
            "progress-service|topic|par.progress|literal|Write",
            "progress-service|cluster|kafka-cluster|literal|IdempotentWrite",
            "scoring-service|topic|par.plans|literal|Describe",
            "scoring-service|topic|par.plans|literal|Read",
            "scoring-service|topic|par.progress|literal|Describe",
            "scoring-service|topic|par.progress|literal|Read",
            "scoring-service|group|scoring-service|literal|Read",
            "scoring-service|topic|par.scores|literal|Describe",
            "scoring-service|topic|par.scores|literal|Read",
            "scoring-service|topic|par.scores|literal|Write",
            "scoring-service|cluster|kafka-cluster|literal|IdempotentWrite"));

    @Test
    void theStrimziListenerUsesTlsAndScramAndTheClusterAuthorisesWithAcls() {
        Manifest kafka = Repo.manifests("Kafka").get(0);
        JsonNode listeners = kafka.spec().path("kafka").path("listeners");
        assertEquals(1, listeners.size(), "one listener, the services': " + listeners);
        JsonNode listener = listeners.get(0);
        assertTrue(listener.path("tls").asBoolean(), "the listener encrypts");
        assertEquals("scram-sha-512", listener.path("authentication").path("type").asText(), "the listener authenticates");
        assertEquals("simple", kafka.spec().path("kafka").path("authorization").path("type").asText(),
                "nothing is allowed that an ACL does not allow");
        assertTrue(kafka.spec().path("entityOperator").has("userOperator"), "the KafkaUser resources need the user operator");
    }

    @Test
    void theKafkaUsersAreOnePerServiceWithExactlyItsAcls() {
        Manifest kafka = Repo.manifests("Kafka").get(0);
        Set<String> users = new TreeSet<>();
        Set<String> acls = new TreeSet<>();
        for (Manifest user : Repo.manifests("KafkaUser")) {
            users.add(user.name());
            assertEquals(kafka.name(), user.doc().path("metadata").path("labels").path("strimzi.io/cluster").asText(), user.toString());
            assertEquals("scram-sha-512", user.spec().path("authentication").path("type").asText(), user.toString());
            assertEquals("simple", user.spec().path("authorization").path("type").asText(), user.toString());
            for (JsonNode acl : user.spec().path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                String type = resource.path("type").asText();
                String name = type.equals("cluster") ? "kafka-cluster" : resource.path("name").asText();
                String pattern = resource.path("patternType").asText("literal").equals("prefix") ? "prefixed" : "literal";
                assertEquals("*", acl.path("host").asText("*"), user + ": any host");
                assertEquals("allow", acl.path("type").asText("allow"), user + ": allow rules only");
                for (JsonNode operation : acl.path("operations")) {
                    acls.add(user.name() + "|" + type + "|" + name + "|" + pattern + "|" + operation.asText());
                }
            }
        }
        assertEquals(new TreeSet<>(SERVICES), users);
        assertEquals(EXPECTED, acls);
    }

    @Test
    void composeGivesEachServiceExactlyItsAcls() {
        String script = String.join("\n",
                Repo.list(Workloads.composeService("kafka-init").path("command")).stream().map(JsonNode::asText).toList());
        Set<String> acls = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^\\s*acl (\\S+) (.+)$").matcher(script);
        while (line.find()) {
            String principal = line.group(1);
            List<String> words = List.of(line.group(2).strip().split("\\s+"));
            String type = null;
            String name = null;
            String pattern = "literal";
            Set<String> operations = new TreeSet<>();
            for (int i = 0; i < words.size(); i++) {
                switch (words.get(i)) {
                    case "--operation" -> operations.add(words.get(++i));
                    case "--topic" -> { type = "topic"; name = words.get(++i); }
                    case "--group" -> { type = "group"; name = words.get(++i); }
                    case "--cluster" -> { type = "cluster"; name = "kafka-cluster"; }
                    case "--resource-pattern-type" -> pattern = words.get(++i);
                    default -> throw new AssertionError("kafka-init: unknown word " + words.get(i) + " in: " + line.group());
                }
            }
            for (String operation : operations) {
                acls.add(principal + "|" + type + "|" + name + "|" + pattern + "|" + operation);
            }
        }
        assertEquals(EXPECTED, acls);

        Set<String> users = new TreeSet<>();
        Matcher user = Pattern.compile("(?m)^\\s*user (\\S+)$").matcher(script);
        while (user.find()) {
            users.add(user.group(1));
        }
        assertEquals(new TreeSet<>(SERVICES), users, "kafka-init creates one SCRAM user per service");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void kubernetesGivesEachServiceItsKafkaUserOverTls(String service) {
        Map<String, String> env = Workloads.kubernetesEnvironment(service);
        assertEquals("SASL_SSL", env.get("KAFKA_SECURITY_PROTOCOL"), service);
        assertEquals("SCRAM-SHA-512", env.get("KAFKA_SASL_MECHANISM"), service);
        assertEquals("<secret " + service + "/sasl.jaas.config>", env.get("KAFKA_SASL_JAAS_CONFIG"),
                service + " authenticates as its own KafkaUser, from the Secret Strimzi writes for it");
        Repo.required("KafkaUser", service);

        // The cluster CA, which signs the listener's certificate, is what the client trusts.
        assertEquals("PEM", env.get("KAFKA_SSL_TRUSTSTORE_TYPE"));
        String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
        String caSecret = Repo.manifests("Kafka").get(0).name() + "-cluster-ca-cert";
        assertEquals(caSecret + "/ca.crt", DatabaseAccessTest.mountedSecretFile(service, truststore),
                service + ": " + truststore + " must be the Kafka cluster CA");
    }
}
