package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import vn.par.stack.Stack;

/**
 * The event contract (deploy/events/asyncapi.yaml and its JSON Schemas) against what the whole running system
 * actually emits: after a scenario of its own (a plan imported and published, a rule set, a report, a
 * self-assessment, an indicator, and whatever the other system tests of the run did), every record of par.plans,
 * par.progress and par.scores is read from the beginning and each is checked: its CloudEvents headers (against the
 * document's list of them, and each other), and its value against the JSON Schema of its type. The schemas allow no
 * member they do not name, so a member added in code but not in the contract fails this test.
 */
@ExtendWith(SystemStack.class)
class EventContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<String> TOPICS = Set.of("par.plans", "par.progress", "par.scores");

    @Test
    void everyEventTheStackEmitsMatchesTheAsyncApiDocument() throws Exception {
        Stack stack = SystemStack.stack();
        Path events = Path.of(System.getProperty("par.root", "../..")).toAbsolutePath().normalize()
                .resolve("deploy/events");
        Map<String, JsonSchema> schemas = schemasByType(events);
        JsonSchema headerSchema = headerSchema(events);
        driveAScenario(stack);

        Map<String, Integer> seen = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (ConsumerRecord<String, String> record : everyRecord(stack)) {
            Map<String, String> headers = new HashMap<>();
            for (Header h : record.headers()) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
            String type = headers.get("ce_type");
            String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " (" + type + ")";
            if ("/benchmark".equals(headers.get("ce_source"))) {
                continue; // synthetic events a benchmark wrote straight to the broker, not the system's
            }
            problems.addAll(headerProblems(where, record, headers));
            for (ValidationMessage m : headerSchema.validate(JSON.valueToTree(headers))) {
                problems.add(where + ": headers: " + m.getMessage());
            }
            JsonSchema schema = schemas.get(type);
            if (schema == null) {
                problems.add(where + ": the document has no message " + type);
                continue;
            }
            for (ValidationMessage m : schema.validate(JSON.readTree(record.value()))) {
                problems.add(where + ": " + m.getMessage());
            }
            seen.merge(type, 1, Integer::sum);
        }
        System.out.println("event contract: records checked by type " + seen);
        assertEquals(List.of(), problems.stream().limit(40).toList(), problems.size() + " problems");
        for (String type : List.of("PlanPublished", "PlanChanged", "ProgressReported", "SelfAssessed", "IndicatorReported",
                "ScoreChanged")) {
            assertTrue(seen.containsKey(type), "the scenario must have produced a " + type + ": " + seen);
        }
    }

    /** One of each of the common events, on a plan of its own. */
    private static void driveAScenario(Stack stack) {
        PlanModel plan = Scenario.publishedPlan(stack, 2065);
        String admin = stack.token("admin", "admin");
        String criteria = stack.url("criteria-service") + "/api/plans/" + plan.id();
        Http.Reply rule = Http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(criteria + "/criteria/7.2/rule"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"rule\":{\"type\":\"RATIO\",\"fullAt\":70},\"reason\":\"Theo bộ tiêu chí\"}")), admin);
        assertEquals(200, rule.status(), rule.body());
        String viewer = stack.token("viewer", "viewer");
        String progress = stack.url("progress-service") + "/api/plans/" + plan.id();
        Await.until("progress-service knows 7.2's rule", Duration.ofSeconds(60), () -> {
            for (JsonNode leaf : Http.get(progress + "/indicators", viewer).json()) {
                if (leaf.path("criterionCode").asText().equals("7.2")) {
                    return "RATIO".equals(leaf.path("rule").path("type").asText());
                }
            }
            return false;
        });
        String khtc = stack.token("khtc", "khtc");
        UUID task = plan.scoredTasks().stream().filter(t -> t.criterionCode().equals("6.1.2")).findFirst().orElseThrow().id();
        assertEquals(201, Http.post(stack.url("progress-service") + "/api/tasks/" + task + "/reports", khtc,
                Map.of("status", "IN_PROGRESS", "percentComplete", 40)).status());
        assertEquals(201, Http.post(progress + "/criteria/6.1.2/self-assessments", khtc, Map.of("points", 1.5)).status());
        Http.Reply indicator = Http.post(progress + "/criteria/7.2/indicators", stack.token("ldvl", "ldvl"),
                Map.of("numerator", 31, "denominator", 50));
        assertEquals(201, indicator.status(), indicator.body());
        Await.until("scoring-service applied the scenario", Duration.ofSeconds(60),
                () -> Scenario.appliedProgressSequence(stack, plan.id()) >= 3);
    }

    private static List<String> headerProblems(String where, ConsumerRecord<String, String> record,
            Map<String, String> headers) {
        List<String> problems = new ArrayList<>();
        for (String name : List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject",
                "ce_sequence", "ce_partitionkey", "content-type")) {
            if (!headers.containsKey(name)) {
                problems.add(where + ": no header " + name);
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        if (!"1.0".equals(headers.get("ce_specversion"))) {
            problems.add(where + ": ce_specversion " + headers.get("ce_specversion"));
        }
        if (!UUID_TEXT.matcher(headers.get("ce_id")).matches()) {
            problems.add(where + ": ce_id is not a UUID");
        }
        if (!headers.get("ce_subject").equals(record.key()) || !headers.get("ce_partitionkey").equals(record.key())) {
            problems.add(where + ": ce_subject / ce_partitionkey differ from the key " + record.key());
        }
        if (!headers.get("ce_sequence").matches("[1-9][0-9]*")) {
            problems.add(where + ": ce_sequence " + headers.get("ce_sequence"));
        }
        String expectedSource = switch (record.topic()) {
            case "par.plans" -> "/criteria-service";
            case "par.progress" -> "/progress-service";
            default -> "/scoring-service";
        };
        if (!expectedSource.equals(headers.get("ce_source"))) {
            problems.add(where + ": ce_source " + headers.get("ce_source") + " on " + record.topic());
        }
        try {
            java.time.Instant.parse(headers.get("ce_time"));
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(where + ": ce_time " + headers.get("ce_time"));
        }
        if (!"application/json".equals(headers.get("content-type"))) {
            problems.add(where + ": content-type " + headers.get("content-type"));
        }
        return problems;
    }

    /**
     * The document's schema of the records' headers (components.schemas.CloudEventsHeaders): it names every header a
     * producer may send, so a header added in code but not in the contract fails this test.
     */
    private static JsonSchema headerSchema(Path events) throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(events.resolve("asyncapi.yaml").toFile());
        JsonNode schema = document.get("components").get("schemas").get("CloudEventsHeaders");
        assertEquals(false, schema.path("additionalProperties").asBoolean(true), "the headers are a closed list");
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema,
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }

    /** The schema of each message type, as the AsyncAPI document names them (message name → payload file). */
    private static Map<String, JsonSchema> schemasByType(Path events) throws IOException {
        JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(events.resolve("asyncapi.yaml").toFile());
        assertEquals("3.0.0", document.get("asyncapi").asText());
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        Map<String, JsonSchema> schemas = new HashMap<>();
        Set<String> inChannels = new TreeSet<>();
        document.get("channels").forEach(channel -> channel.get("messages").fieldNames().forEachRemaining(inChannels::add));
        for (var it = document.get("components").get("messages").fields(); it.hasNext();) {
            var message = it.next();
            String file = message.getValue().get("payload").get("$ref").asText();
            Path schemaFile = events.resolve(file).normalize();
            schemas.put(message.getKey(), factory.getSchema(Files.newInputStream(schemaFile), config));
        }
        assertEquals(new TreeSet<>(schemas.keySet()), inChannels, "every message is on a channel");
        return schemas;
    }

    /** Every record of the three topics, from the beginning to the end offsets as they are now. */
    private static List<ConsumerRecord<String, String>> everyRecord(Stack stack) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read the topics to their end within 120 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records.add(r);
                    }
                });
            }
        }
        return records;
    }
}
