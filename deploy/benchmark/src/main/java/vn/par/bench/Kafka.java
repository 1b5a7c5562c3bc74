package vn.par.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.stack.KafkaBroker;

/** The benchmark's Kafka clients: producing events as the services' relays do, reading topics, consumer lag. */
final class Kafka {

    static final String SOURCE = "/benchmark";
    static final String SCORING_GROUP = "scoring-service";

    private Kafka() {
    }

    /** acks=all, idempotent; {@code extra} overrides (linger.ms, batch.size, compression.type, ...). */
    static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "benchmark-" + UUID.randomUUID().toString().substring(0, 8));
        p.putAll(extra);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** For progress events: the outbox relay's settings (uncompressed, as the services send) with more linger. */
    static KafkaProducer<String, String> eventProducer(String bootstrap) {
        return producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 262_144));
    }

    /**
     * For plan snapshots: compressed, because a 3,507-criteria snapshot (about 1.35 MB of JSON) is over Kafka's
     * default 1 MB record limit; consumers decompress transparently.
     */
    static KafkaProducer<String, String> planProducer(String bootstrap) {
        return producer(bootstrap, Map.of(ProducerConfig.LINGER_MS_CONFIG, 10, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024));
    }

    static ProducerRecord<String, String> record(String topic, EventEnvelope e) {
        return new ProducerRecord<>(topic, null, e.key(), e.data(), e.headers());
    }

    /** A plan snapshot event as criteria-service would announce it, from the benchmark. */
    static EventEnvelope planEvent(UUID plan, long sequence, String snapshotJson) {
        return new EventEnvelope(UUID.randomUUID(), sequence == 1 ? "PlanPublished" : "PlanChanged", SOURCE, Instant.now(),
                plan.toString(), sequence, snapshotJson);
    }

    /** A lead ProgressReported as progress-service would announce it, from the benchmark. */
    static EventEnvelope leadReport(UUID plan, long sequence, String taskId, String criterionCode, String unit, int percent,
            Instant time) {
        String data = "{\"reportId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + plan + "\",\"taskId\":\"" + taskId
                + "\",\"criterionCode\":\"" + criterionCode + "\",\"unit\":\"" + unit + "\",\"role\":\"LEAD\","
                + "\"status\":\"IN_PROGRESS\",\"percentComplete\":" + percent + ",\"reportedBy\":\""
                + unit.toLowerCase() + "\",\"reportedAt\":\"" + time + "\",\"changesTaskState\":true}";
        return new EventEnvelope(UUID.randomUUID(), "ProgressReported", SOURCE, time, plan.toString(), sequence, data);
    }

    static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // fetch.max.wait.ms stays at Kafka's 500 ms: with fetch.min.bytes=1 the broker answers a fetch as soon as a
        // record is there, so a shorter wait only makes an idle reader (and the broker) run a fetch every few
        // milliseconds, CPU taken from the system under test (5 ms cost the machine a few percent).
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<TopicPartition> all = new ArrayList<>();
        for (PartitionInfo i : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            all.add(new TopicPartition(topic, i.partition()));
        }
        return all;
    }

    /** Assigns every partition of the topics and positions the consumer at their ends (nothing older is read). */
    static List<TopicPartition> assignAtEnd(KafkaConsumer<?, ?> consumer, String... topics) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            all.addAll(partitions(consumer, topic));
        }
        consumer.assign(all);
        consumer.seekToEnd(all);
        all.forEach(consumer::position);
        return all;
    }

    /** The first snapshot on par.plans of any of the plans (read from the beginning). */
    static String firstSnapshot(String bootstrap, Set<UUID> plans, Duration timeout) {
        try (KafkaConsumer<String, String> c = consumer(bootstrap)) {
            List<TopicPartition> all = partitions(c, Topics.PLANS);
            c.assign(all);
            c.seekToBeginning(all);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    try {
                        if (r.key() != null && plans.contains(UUID.fromString(r.key()))) {
                            return r.value();
                        }
                    } catch (IllegalArgumentException notAPlanKey) {
                        // not ours
                    }
                }
            }
        }
        throw new BenchmarkException("no snapshot of the loaded plans found on " + Topics.PLANS + " within " + timeout);
    }

    /** End offsets of every partition of the topics. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                    : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet()) {
                ends.put(e.getKey(), e.getValue().offset());
            }
            return ends;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new BenchmarkException("cannot read end offsets of " + topics + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        }
    }

    /** scoring-service's lag on par.progress by its committed offsets: records not yet committed. */
    static long scoringLag(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SCORING_GROUP)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> e : endOffsets(admin, List.of(Topics.PROGRESS)).entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
            }
            return lag;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new BenchmarkException("cannot read the lag of " + SCORING_GROUP + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        }
    }

    /**
     * Moves the (stopped, hence empty) consumer group to the end of the topics, retrying while the broker still
     * counts a member.
     */
    static Map<TopicPartition, Long> moveGroupToEnd(Admin admin, String group, List<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, Long> ends = endOffsets(admin, topics);
            Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
            ends.forEach((tp, offset) -> target.put(tp, new OffsetAndMetadata(offset)));
            try {
                admin.alterConsumerGroupOffsets(group, target).all().get(30, TimeUnit.SECONDS);
                return ends;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                last = e; // the group is not empty yet (its member's session has not ended)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkException("interrupted");
            }
            Util.sleep(500);
        }
        throw new BenchmarkException("cannot move consumer group " + group + " to the end of " + topics + ": "
                + (last == null ? "timeout" : last.getMessage()), last);
    }

    static Admin admin(String bootstrap) {
        return KafkaBroker.admin(bootstrap);
    }
}
