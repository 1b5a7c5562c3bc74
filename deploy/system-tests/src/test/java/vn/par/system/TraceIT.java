package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.par.stack.Stack;

/**
 * A unit's POST and the score it moves are one trace across the whole stack: the trace id of the request's
 * {@code traceparent} is the one the {@code ProgressReported} record carries ({@code ce_traceparent}, through
 * progress-service's outbox) and the one of the {@code ScoreChanged} record scoring-service writes when it applies that
 * report (through its own outbox). The system tests' stack turns tracing on without a collector, so no span is
 * recorded: the trace context still travels (service-infra's TraceSampler), each hop with a span id of its own.
 */
@ExtendWith(SystemStack.class)
class TraceIT {

    @Test
    void theTraceOfAUnitsPostReachesTheScoreChangedItCauses() {
        Stack stack = SystemStack.stack();
        PlanModel plan = Scenario.publishedPlan(stack, 2074);
        UUID task = plan.scoredTasks().stream().filter(t -> t.criterionCode().equals("6.1.2")).findFirst().orElseThrow().id();
        SecureRandom random = new SecureRandom();
        byte[] traceId = new byte[16];
        byte[] spanId = new byte[8];
        random.nextBytes(traceId);
        random.nextBytes(spanId);
        String trace = HexFormat.of().formatHex(traceId);
        String traceparent = "00-" + trace + "-" + HexFormat.of().formatHex(spanId) + "-01";

        Http.Reply posted = Http.send(HttpRequest.newBuilder(URI.create(stack.url("progress-service") + "/api/tasks/" + task
                + "/reports")).header("Content-Type", "application/json").header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"IN_PROGRESS\",\"percentComplete\":50}")),
                stack.token("khtc", "khtc"));
        assertEquals(201, posted.status(), posted.body());

        List<String> reported = traceparents(stack, "par.progress", plan.id(), "ProgressReported", trace);
        List<String> scored = traceparents(stack, "par.scores", plan.id(), "ScoreChanged", trace);
        System.out.printf("trace %s: POST %s, ProgressReported %s, ScoreChanged %s%n", trace, traceparent, reported, scored);
        assertEquals(1, reported.size(), "one ProgressReported in the POST's trace: " + reported);
        assertEquals(1, scored.size(), "one ScoreChanged in the POST's trace: " + scored);
        assertNotEquals(traceparent, reported.get(0), "progress-service's hop has a span id of its own");
        assertNotEquals(reported.get(0), scored.get(0), "scoring-service's hop has a span id of its own");
    }

    /**
     * The {@code ce_traceparent} of the records of {@code type} keyed by the plan whose trace id is {@code trace},
     * waiting up to 60 s for the first of them.
     */
    private static List<String> traceparents(Stack stack, String topic, UUID plan, String type, String trace) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                collect(consumer, plan, type, trace, found);
            }
            // The records written after the first one (a second in the trace would be a duplicate).
            for (int i = 0; i < 4; i++) {
                collect(consumer, plan, type, trace, found);
            }
        }
        assertTrue(!found.isEmpty(), "no " + type + " of plan " + plan + " on " + topic + " in trace " + trace);
        return found;
    }

    private static void collect(KafkaConsumer<String, String> consumer, UUID plan, String type, String trace,
            List<String> found) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
            String parent = header(r, "ce_traceparent");
            if (plan.toString().equals(r.key()) && type.equals(header(r, "ce_type")) && parent != null
                    && parent.startsWith("00-" + trace + "-")) {
                found.add(parent);
            }
        }
    }

    private static String header(ConsumerRecord<String, String> record, String key) {
        Header h = record.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
