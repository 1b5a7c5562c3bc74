package vn.par.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.scoring.testing.SeedPlan.taskOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.scoring.testing.Events;
import vn.par.scoring.testing.Scores;
import vn.par.scoring.testing.SeedPlan;
import vn.par.stack.testing.TestInfra;

/**
 * A ScoreChanged continues the trace of the event that caused it (its ce_traceparent), also when the events of one
 * applied batch come from different traces; an event without a trace causes a ScoreChanged without one.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "viewer", roles = "viewer")
class TracingTest {

    private static final Instant MAY = Instant.parse("2024-05-02T03:04:05Z");
    private static final String PLAN_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String REPORT_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String OTHER_TRACE = "9d2c4f1a7e3b5c6d8e9f0a1b2c3d4e5f";
    private static final String SENDER = "00f067aa0ba902b7";

    @Test
    void eachScoreChangedContinuesTheTraceOfItsCause() {
        UUID plan = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID untraced = UUID.randomUUID();
        EventEnvelope published = send(Topics.PLANS, new EventEnvelope(UUID.randomUUID(), "PlanPublished",
                "/criteria-service", MAY, plan.toString(), 1, SeedPlan.json(plan).toString()), PLAN_TRACE);
        Scores.awaitSequence(plan, 1);
        EventEnvelope otherPublished = send(Topics.PLANS, new EventEnvelope(UUID.randomUUID(), "PlanPublished",
                "/criteria-service", MAY, other.toString(), 1, SeedPlan.json(other).toString()), null);
        Events.plan(untraced, 1, SeedPlan.json(untraced), MAY);
        Scores.awaitSequence(other, 1);
        Scores.awaitSequence(untraced, 1);

        // Two reports of two traces, sent together so that they are most likely applied in one batch.
        EventEnvelope report = Events.reportEnvelope(plan, 1, taskOf("7.2"), "LEAD", "IN_PROGRESS", 50, MAY);
        EventEnvelope otherReport = Events.reportEnvelope(other, 1, taskOf("7.2"), "LEAD", "DONE", 100, MAY);
        sendWithoutWaiting(report, REPORT_TRACE);
        sendWithoutWaiting(otherReport, OTHER_TRACE);
        Events.producer().flush();
        Events.lead(untraced, 1, taskOf("7.2"), "DONE", 100, MAY);
        Scores.awaitSequence(plan, 2);
        Scores.awaitSequence(other, 2);
        Scores.awaitSequence(untraced, 2);

        Map<UUID, ConsumerRecord<String, String>> byCause = scoresByCause(List.of(plan, other, untraced));
        assertInTrace(PLAN_TRACE, byCause.get(published.id()));
        assertInTrace(REPORT_TRACE, byCause.get(report.id()));
        assertInTrace(OTHER_TRACE, byCause.get(otherReport.id()));
        assertNull(traceparent(byCause.get(otherPublished.id())), "a cause without a trace gives none");
        for (ConsumerRecord<String, String> score : byCause.values()) {
            if (score.key().equals(untraced.toString())) {
                assertNull(traceparent(score), "a cause without a trace gives none");
            }
        }
    }

    private static void assertInTrace(String traceId, ConsumerRecord<String, String> score) {
        String traceparent = traceparent(score);
        assertTrue(traceparent != null && traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"),
                "ce_traceparent of " + score.value() + ": " + traceparent);
        String[] parts = traceparent.split("-");
        assertEquals(traceId, parts[1], "the ScoreChanged is in its cause's trace");
        assertNotEquals(SENDER, parts[2], "it names scoring-service's span, not the sender's");
        assertEquals("00", parts[3], "without a collector nothing is sampled");
    }

    private static EventEnvelope send(String topic, EventEnvelope event, String traceId) {
        Events.producer().send(record(topic, event, traceId));
        Events.producer().flush();
        return event;
    }

    private static void sendWithoutWaiting(EventEnvelope event, String traceId) {
        Events.producer().send(record(Topics.PROGRESS, event, traceId));
    }

    private static ProducerRecord<String, String> record(String topic, EventEnvelope event, String traceId) {
        String traceparent = traceId == null ? null : "00-" + traceId + "-" + SENDER + "-01";
        return new ProducerRecord<>(topic, null, event.key(), event.data(), EventEnvelope.headers(event.id(),
                event.type(), event.source(), event.time(), event.key(), event.sequence(), traceparent));
    }

    /** Every ScoreChanged of the plans on par.scores, by the id of the event that caused it. */
    private static Map<UUID, ConsumerRecord<String, String>> scoresByCause(List<UUID> plans) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<UUID, ConsumerRecord<String, String>> byCause = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCORES).stream()
                    .map(i -> new TopicPartition(Topics.SCORES, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (plans.stream().anyMatch(plan -> plan.toString().equals(r.key()))) {
                        byCause.put(UUID.fromString(Scores.parse(r.value()).get("causedBy").asText()), r);
                    }
                }
            }
        }
        assertEquals(6, byCause.size(), "two scores of each plan: " + byCause.keySet());
        return byCause;
    }

    private static String traceparent(ConsumerRecord<String, String> record) {
        Header h = record.headers().lastHeader("ce_traceparent");
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
