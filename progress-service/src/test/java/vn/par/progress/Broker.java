package vn.par.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

/** The tests' side of the real broker: publishing plans as criteria-service does, reading par.progress. */
public final class Broker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Broker() {
    }

    /** Publishes the plan at {@code version} on par.plans and waits until the service holds that version. */
    public static void publish(TestPlan plan, long version, PlanIndex index) {
        send(plan, version);
        await("plan " + plan.id + " version " + version + " to reach the service", Duration.ofSeconds(30),
                () -> index.version(plan.id) >= version);
    }

    /** Sends the plan at {@code version} without waiting for the service. */
    public static void send(TestPlan plan, long version) {
        try {
            send(plan.id, version, JSON.writeValueAsString(plan.snapshot(version)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a snapshot written as JSON (its planId and version as given) and waits until the service holds it. */
    public static void publish(UUID planId, long version, String data, PlanIndex index) {
        send(planId, version, data);
        await("plan " + planId + " version " + version + " to reach the service", Duration.ofSeconds(30),
                () -> index.version(planId) >= version);
    }

    private static void send(UUID planId, long version, String data) {
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), version == 1 ? "PlanPublished" : "PlanChanged",
                "/criteria-service", Instant.now(), planId.toString(), version, data);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.PLANS, null, event.key(), data, event.headers())).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish plan " + planId, e);
        }
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** Reads par.progress from the moment it is opened. */
    public static final class ProgressEvents implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final List<EventEnvelope> seen = new ArrayList<>();

        public ProgressEvents() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PROGRESS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve "end" now, before the test acts
        }

        /** Waits until {@code count} events of the plan have arrived, and returns all of them, in arrival order. */
        public List<EventEnvelope> await(UUID planId, int count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (forPlan(planId).size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + count + " events of plan " + planId + " on "
                            + Topics.PROGRESS + "; got " + forPlan(planId).size());
                }
                poll(Duration.ofMillis(200));
            }
            return forPlan(planId);
        }

        /** Keeps reading for {@code quiet} and returns every event of the plan seen so far. */
        public List<EventEnvelope> settle(UUID planId, Duration quiet) {
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline) {
                poll(Duration.ofMillis(200));
            }
            return forPlan(planId);
        }

        private void poll(Duration timeout) {
            for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
                seen.add(EventEnvelope.from(r));
            }
        }

        private List<EventEnvelope> forPlan(UUID planId) {
            return seen.stream().filter(e -> e.key().equals(planId.toString())).toList();
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(EventEnvelope event) {
        try {
            return JSON.readValue(event.data(), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
