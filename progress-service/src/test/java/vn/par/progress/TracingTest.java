package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import vn.par.infra.events.Topics;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

/**
 * A report's event continues the trace of the request that made it: the W3C traceparent the caller sends reaches
 * par.progress as ce_traceparent (through the outbox row and the relay), with the same trace id. The tests name no
 * OTLP collector, so nothing is recorded, and the trace must travel all the same.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class TracingTest {

    @Inject
    PlanIndex index;

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aReportsEventCarriesTheTraceOfItsRequestAndAReportWithoutOneStartsItsOwn() {
        TestPlan plan = TestPlan.standard();
        Broker.publish(plan, 1, index);
        UUID task = plan.taskId(0);
        String traceId = hex(16);
        String clientSpan = hex(8);
        try (KafkaConsumer<String, String> consumer = progressFromNow()) {
            given().header("traceparent", "00-" + traceId + "-" + clientSpan + "-01")
                    .contentType(ContentType.JSON).body(ReportingTest.report("IN_PROGRESS", 40))
                    .when().post("/api/tasks/{task}/reports", task).then().statusCode(201);
            given().contentType(ContentType.JSON).body(ReportingTest.report("IN_PROGRESS", 60))
                    .when().post("/api/tasks/{task}/reports", task).then().statusCode(201);

            List<ConsumerRecord<String, String>> events = await(consumer, plan.id, 2);
            String traced = traceparent(events.get(0));
            assertNotNull(traced, "no ce_traceparent on the traced report's event");
            String[] parts = traced.split("-");
            assertEquals(4, parts.length, traced);
            assertEquals("00", parts[0]);
            assertEquals(traceId, parts[1], "the event is in the request's trace");
            assertTrue(parts[2].matches("[0-9a-f]{16}") && !parts[2].equals(clientSpan),
                    "the event names a span of the service, not the caller's: " + traced);
            assertEquals("00", parts[3], "without a collector nothing is sampled: " + traced);

            String untraced = traceparent(events.get(1));
            assertNotNull(untraced, "a request without a traceparent starts a trace of its own");
            assertTrue(untraced.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00"), untraced);
            assertNotEquals(traceId, untraced.split("-")[1]);
        }
    }

    private static KafkaConsumer<String, String> progressFromNow() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROGRESS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** The plan's first {@code count} records from now, in order (one plan is one partition). */
    private static List<ConsumerRecord<String, String>> await(KafkaConsumer<String, String> consumer, UUID plan,
            int count) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + count + " events of plan " + plan + "; got " + seen.size());
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                if (plan.toString().equals(r.key())) {
                    seen.add(r);
                }
            }
        }
        return seen;
    }

    private static String traceparent(ConsumerRecord<String, String> record) {
        Header h = record.headers().lastHeader("ce_traceparent");
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
