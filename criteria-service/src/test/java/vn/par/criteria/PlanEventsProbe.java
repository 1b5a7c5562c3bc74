package vn.par.criteria;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.stack.testing.TestInfra;

/** Reads what criteria-service put on par.plans after the probe was opened, from the real broker. */
final class PlanEventsProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<EventEnvelope> seen = new ArrayList<>();

    PlanEventsProbe() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PLANS).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start now, before the test acts
    }

    /**
     * All events of one plan seen since the probe opened, once {@code done} holds for them; fails after
     * {@code timeout}.
     */
    List<EventEnvelope> await(String planId, Duration timeout, Predicate<List<EventEnvelope>> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(EventEnvelope.from(r));
            }
            List<EventEnvelope> events = seen.stream().filter(e -> e.key().equals(planId)).toList();
            if (done.test(events)) {
                return events;
            }
        }
        List<EventEnvelope> events = seen.stream().filter(e -> e.key().equals(planId)).toList();
        throw new AssertionError("par.plans did not carry the expected events of plan " + planId + " within " + timeout
                + "; got " + events.stream().map(e -> e.type() + "#" + e.sequence()).toList());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
