package vn.par.scoring.testing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.response.Response;
import vn.par.infra.events.Topics;
import vn.par.stack.testing.TestInfra;

/** Reads what scoring-service publishes: its REST answers and the ScoreChanged events on par.scores. */
public final class Scores {

    public static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("par.test.patience", 30));

    private Scores() {
    }

    /** {@code GET /api/plans/{planId}/scores}, or null while the plan is unknown (404). */
    public static JsonNode plan(UUID planId) {
        Response response = given().get("/api/plans/{planId}/scores", planId);
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            fail("GET scores of " + planId + " answered " + response.statusCode() + ": " + response.asString());
        }
        return parse(response.asString());
    }

    /** Polls the plan's score until {@code done} holds for it. */
    public static JsonNode awaitPlan(UUID planId, Predicate<JsonNode> done) {
        return await(() -> plan(planId), s -> s != null && done.test(s), "score of plan " + planId);
    }

    /** Polls until the plan's score sequence reaches {@code sequence}. */
    public static JsonNode awaitSequence(UUID planId, long sequence) {
        return awaitPlan(planId, s -> s.get("sequence").asLong() >= sequence);
    }

    /** Every ScoreChanged on par.scores for the plan, in order (reads the topic from its beginning). */
    public static List<JsonNode> published(UUID planId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCORES).stream()
                    .map(i -> new TopicPartition(Topics.SCORES, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(planId.toString())) {
                        events.add(parse(record.value()));
                    }
                }
            }
        }
        events.sort((a, b) -> Long.compare(a.get("sequence").asLong(), b.get("sequence").asLong()));
        return events;
    }

    /** Polls par.scores until the plan has a ScoreChanged caused by the given incoming event. */
    public static List<JsonNode> awaitPublishedCause(UUID planId, UUID causedBy) {
        return await(() -> published(planId),
                events -> events.stream().anyMatch(e -> e.get("causedBy").asText().equals(causedBy.toString())),
                "ScoreChanged of plan " + planId + " caused by " + causedBy);
    }

    public static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("gave up waiting for " + what + "; last seen: " + last);
    }

    public static JsonNode parse(String json) {
        try {
            return SeedPlan.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The area with this code in a score. */
    public static JsonNode area(JsonNode score, String code) {
        return find(score.get("areas"), code);
    }

    /** The criterion with this code in a score. */
    public static JsonNode criterion(JsonNode score, String code) {
        return find(score.get("criteria"), code);
    }

    private static JsonNode find(JsonNode list, String code) {
        for (JsonNode node : list) {
            if (node.get("code").asText().equals(code)) {
                return node;
            }
        }
        return fail("no " + code + " in " + list);
    }
}
