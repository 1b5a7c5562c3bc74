package vn.par.scoring.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.par.infra.events.Topics;
import vn.par.scoring.service.ScoreHub;

/**
 * Reads {@code par.scores} in every instance, from the end, and hands the changes to the {@link ScoreHub}: the
 * stream clients of an instance must see every plan's changes, also those another instance computed.
 *
 * <p>A plain consumer that assigns itself every partition (no consumer group) does this with nothing to coordinate
 * and nothing left behind in the broker when the instance goes away. It is ready once positioned at the end.
 */
@ApplicationScoped
@Readiness
public class ScoreFeed implements HealthCheck {

    private final Map<String, Object> kafkaConfig;
    private final ScoreHub hub;
    private final ObjectMapper json;
    /** Where to resume after a failure: the next offset of every partition. */
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private volatile boolean running;
    private volatile boolean positioned;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public ScoreFeed(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ScoreHub hub,
            ObjectMapper json) {
        this.kafkaConfig = kafkaConfig;
        this.hub = hub;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "score-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaClients.stop(consumer, thread, 5_000);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("score-feed").status(positioned).build();
    }

    private void run() {
        long backoff = 0;
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                List<TopicPartition> partitions = c.partitionsFor(Topics.SCORES).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("topic " + Topics.SCORES + " has no partitions (not created yet?)");
                }
                c.assign(partitions);
                for (TopicPartition tp : partitions) {
                    Long offset = next.get(tp);
                    if (offset == null) {
                        c.seekToEnd(List.of(tp));
                        next.put(tp, c.position(tp)); // resolves the end now, not at the first poll
                    } else {
                        c.seek(tp, offset);
                    }
                }
                positioned = true;
                backoff = 0;
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofSeconds(1));
                    if (!records.isEmpty()) {
                        hub.changed(latestPerPlan(records));
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                positioned = false;
                backoff = Math.min(5_000, Math.max(200, backoff * 2));
                Log.warnf("Score feed interrupted (%s); resuming in %d ms", e.getMessage(), backoff);
                KafkaClients.sleep(backoff);
            }
        }
    }

    /**
     * A poll may hold several changes of a plan; every one carries the full score, so the last is enough. A plan's
     * changes are keyed by its id and so in one partition in their order: only the last record of each key in each
     * partition is read (a busy poll holds hundreds of changes of a few dozen plans; reading every one of them was a
     * fifth of the service's CPU under load). Values stay bytes until then: JSON is parsed from UTF-8 as it came.
     */
    private List<ScoreChanged> latestPerPlan(ConsumerRecords<String, byte[]> records) {
        Map<String, ConsumerRecord<String, byte[]>> lastOfKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            String key = record.key() == null ? "offset " + record.partition() + "@" + record.offset()
                    : record.partition() + "/" + record.key();
            lastOfKey.put(key, record);
        }
        Map<UUID, ScoreChanged> latest = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : lastOfKey.values()) {
            try {
                ScoreChanged change = json.readValue(record.value(), ScoreChanged.class);
                ScoreChanged known = latest.get(change.planId());
                if (known == null || known.sequence() < change.sequence()) {
                    latest.put(change.planId(), change);
                }
            } catch (Exception e) {
                Log.warnf("Ignoring an unreadable record %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return List.copyOf(latest.values());
    }

    private Map<String, Object> config() {
        Map<String, Object> props = KafkaClients.consumerConfig(kafkaConfig, "scoring-service-score-feed");
        // Freshness: the broker answers a fetch as soon as one record is there (fetch.min.bytes=1); the wait only
        // bounds a fetch while nothing happens, and a short one would cost a fetch every few milliseconds when idle.
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        return props;
    }
}
