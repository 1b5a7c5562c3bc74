package vn.par.scoring;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.scoring.testing.Events;
import vn.par.scoring.testing.Scores;
import vn.par.scoring.testing.SeedPlan;
import vn.par.scoring.testing.SseClient;
import vn.par.stack.testing.TestInfra;

/**
 * The live path under load, in the test JVM with its broker and database on the same machine: throughput of
 * reports applied, freshness from a report to its ScoreChanged on par.scores and on the all-plans stream, and the
 * cost per report for plans of 32 and of 3,507 criteria. A measurement, not a check: run it alone with
 * {@code -Dpar.bench=true -Dtest=PipelineBenchmarkTest}.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "viewer", roles = "viewer")
@EnabledIfSystemProperty(named = "par.bench", matches = "true")
class PipelineBenchmarkTest {

    private static final Instant TIME = Instant.parse("2024-04-01T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL root;

    @Test
    void throughputFreshnessAndScale() throws Exception {
        List<UUID> seeds = publish(200, SeedPlan.json(UUID.randomUUID()));
        double seedRate = flood(seeds, SeedPlan.allTaskIds(), 30_000);
        System.out.printf("THROUGHPUT %.0f reports/s over 200 seed plans%n", seedRate);

        // Issue 8 measures freshness at 20 % of the throughput; par.bench.rates lists other rates to try.
        for (String rate : System.getProperty("par.bench.rates", Integer.toString((int) (seedRate * 0.2))).split(",")) {
            freshness(seeds, Integer.parseInt(rate.trim()), Duration.ofSeconds(15));
        }

        ObjectNode large = large();
        List<String> largeTasks = new ArrayList<>();
        large.get("tasks").forEach(t -> largeTasks.add(t.get("id").asText()));
        List<UUID> big = publish(10, large);
        List<UUID> small = publish(10, SeedPlan.json(UUID.randomUUID()));
        for (int round = 0; round < 2; round++) {
            double s = flood(small, SeedPlan.allTaskIds(), 10_000);
            double l = flood(big, largeTasks, 10_000);
            System.out.printf("SCALE round %d: 32 criteria %.0f reports/s, 3,507 criteria %.0f reports/s, cost ratio %.2f%n",
                    round, s, l, s / l);
        }
    }

    /** Sends {@code count} lead reports spread over the plans as fast as possible; returns reports applied per second. */
    private double flood(List<UUID> plans, List<String> tasks, int count) throws SQLException {
        long before = progress(plans);
        Random random = new Random(count);
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            UUID plan = plans.get(random.nextInt(plans.size()));
            send(plan, tasks.get(random.nextInt(tasks.size())), random.nextInt(101));
        }
        Events.producer().flush();
        Scores.await(() -> progress(plans), p -> p >= before + count, "reports applied");
        double rate = count / ((System.nanoTime() - started) / 1e9);
        Scores.await(this::outboxBacklog, n -> n == 0, "the outbox to drain"); // so the next measure starts idle
        return rate;
    }

    private long outboxBacklog() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox_event");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void freshness(List<UUID> plans, int rate, Duration duration) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();          // report id → nanos at broker ack
        Map<String, Long> onTopic = new ConcurrentHashMap<>();         // causedBy → nanos seen on par.scores
        Map<String, String> causeOf = new ConcurrentHashMap<>();       // planId:sequence → causedBy
        Map<String, Long> onStream = new ConcurrentHashMap<>();        // planId:sequence → nanos seen on SSE
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread topic = new Thread(() -> readScores(reading, onTopic, causeOf));
        topic.start();
        try (SseClient stream = new SseClient(URI.create(root + "api/scores/stream"))) {
            Thread sse = new Thread(() -> {
                try {
                    while (reading.get()) {
                        SseClient.Event e = stream.next(Duration.ofMillis(200));
                        if (e != null) {
                            onStream.putIfAbsent(e.id(), System.nanoTime());
                        }
                    }
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            sse.start();
            Thread.sleep(2_000); // the stream's initial summaries and the topic reader's positioning
            Random random = new Random(rate); // not the seed of another rate: repeating a report changes nothing
            List<String> tasks = SeedPlan.allTaskIds();
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime();
            long end = next + duration.toNanos();
            while (next < end) {
                UUID plan = plans.get(random.nextInt(plans.size()));
                EventEnvelope e = envelope(plan, tasks.get(random.nextInt(tasks.size())), random.nextInt(101));
                Events.producer().send(new ProducerRecord<>(Topics.PROGRESS, null, e.key(), e.data(), e.headers()),
                        (meta, error) -> sentAt.put(e.id().toString(), System.nanoTime()));
                next += interval;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            Thread.sleep(3_000);
            reading.set(false);
            sse.join();
        }
        topic.join();
        List<Long> kafka = new ArrayList<>();
        List<Long> sse = new ArrayList<>();
        sentAt.forEach((id, at) -> {
            Long seen = onTopic.get(id);
            if (seen != null) {
                kafka.add(seen - at);
            }
        });
        causeOf.forEach((key, cause) -> {
            Long seen = onStream.get(key);
            Long at = sentAt.get(cause);
            if (seen != null && at != null) {
                sse.add(seen - at);
            }
        });
        System.out.printf("FRESHNESS at %d reports/s: %d sent; par.scores %s; SSE %s%n", rate, sentAt.size(),
                percentiles(kafka), percentiles(sse));
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "n=0";
        }
        Collections.sort(nanos);
        return String.format("n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", nanos.size(),
                nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) (nanos.size() * 0.99)) / 1e6,
                nanos.get(nanos.size() - 1) / 1e6);
    }

    private static void readScores(AtomicBoolean reading, Map<String, Long> onTopic, Map<String, String> causeOf) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCORES).stream()
                    .map(i -> new TopicPartition(Topics.SCORES, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (reading.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    JsonNode event = Scores.parse(r.value());
                    onTopic.put(event.get("causedBy").asText(), now);
                    causeOf.put(r.key() + ":" + event.get("sequence").asLong(), event.get("causedBy").asText());
                }
            }
        }
    }

    private final Map<UUID, Long> sequences = new ConcurrentHashMap<>();

    private void send(UUID plan, String task, int percent) {
        EventEnvelope e = envelope(plan, task, percent);
        Events.producer().send(new ProducerRecord<>(Topics.PROGRESS, null, e.key(), e.data(), e.headers()));
    }

    private EventEnvelope envelope(UUID plan, String task, int percent) {
        long sequence = sequences.merge(plan, 1L, Long::sum);
        String data = "{\"reportId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + plan + "\",\"taskId\":\"" + task
                + "\",\"unit\":\"LDVL\",\"role\":\"LEAD\",\"status\":\"IN_PROGRESS\",\"percentComplete\":" + percent
                + ",\"reportedBy\":\"ldvl\",\"reportedAt\":\"" + TIME + "\",\"changesTaskState\":true}";
        return new EventEnvelope(UUID.randomUUID(), "ProgressReported", "/progress-service", Instant.now(),
                plan.toString(), sequence, data);
    }

    private List<UUID> publish(int count, ObjectNode template) {
        List<UUID> plans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID plan = UUID.randomUUID();
            ObjectNode snapshot = template.deepCopy();
            snapshot.put("planId", plan.toString());
            Events.plan(plan, 1, snapshot, TIME);
            plans.add(plan);
        }
        for (UUID plan : plans) {
            Scores.awaitSequence(plan, 1);
        }
        return plans;
    }

    private long progress(List<UUID> plans) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(sum(progress_sequence), 0) FROM scored_plan WHERE plan_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("uuid", plans.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plan of 7 areas × 20 criteria × 24 sub-criteria (3,507 criteria), one task per sub-criterion. */
    private static ObjectNode large() {
        ObjectNode plan = SeedPlan.json(UUID.randomUUID());
        ArrayNode criteria = plan.putArray("criteria");
        ArrayNode tasks = plan.putArray("tasks");
        for (int a = 1; a <= 7; a++) {
            criteria.addObject().put("code", "" + a).put("title", "Lĩnh vực " + a).with("derived")
                    .put("maxPoints", 0).put("baselinePoints", 0).put("targetPoints", 0);
            for (int c = 1; c <= 20; c++) {
                String parent = a + "." + c;
                criteria.addObject().put("code", parent).put("parentCode", "" + a).put("title", "Tiêu chí " + parent);
                for (int l = 1; l <= 24; l++) {
                    String leaf = parent + "." + l;
                    criteria.addObject().put("code", leaf).put("parentCode", parent).put("title", "Thành phần " + leaf)
                            .putObject("derived").put("maxPoints", 0.02).put("baselinePoints", 0.01)
                            .put("targetPoints", 0.02);
                    tasks.addObject().put("id", UUID.randomUUID().toString()).put("criterionCode", leaf)
                            .put("description", "Nhiệm vụ " + leaf).putArray("leadUnits").add("VP");
                }
            }
        }
        return plan;
    }
}
