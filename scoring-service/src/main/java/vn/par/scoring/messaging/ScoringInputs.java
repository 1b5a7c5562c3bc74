package vn.par.scoring.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.par.infra.events.EventEnvelope.MalformedEventException;
import vn.par.infra.events.Topics;
import vn.par.infra.retry.Backoff;
import vn.par.infra.tracing.EventTracing;
import vn.par.scoring.config.ScoringConfig;
import vn.par.scoring.service.ProjectionService;

/**
 * Consumes {@code par.plans} and {@code par.progress} in the consumer group {@code scoring-service} and applies them,
 * one transaction per poll, on the polling thread itself.
 *
 * <p>A plain consumer loop rather than the messaging extension's batch consumption, because of what the benchmark
 * measured (docs/decisions/0006): the extension polls on a thread of its own and hands each poll over as a batch,
 * which queues behind the batch being applied, so batches stay one fetch long and events wait behind each other. Here
 * a poll returns everything that arrived while the previous batch was applied, so batches grow with the load and an
 * event waits at most for the batch before it.
 *
 * <p>Both topics are read by one thread so that a plan's snapshots and reports are applied in the order they arrive.
 * Offsets are committed after the batch is applied (every {@code par.scoring.inputs.commit-interval}, when partitions
 * are revoked, and at shutdown): delivery is at least once, and the projection skips an event whose sequence it has
 * already applied. A rebalance happens inside {@code poll}, so never in the middle of a batch.
 *
 * <p>Traces: a batch is one transaction, but not one cause. It holds the events of many units and plans, each
 * continuing the trace of its own request ({@code ce_traceparent}). So each such event is applied in a span of its own
 * trace, a child of the record's ({@link EventTracing#processing}); all of a batch's spans start before it is applied
 * and end after it commits (or fails), so each shows the batch's whole time, and its size. The {@code ScoreChanged} an
 * event causes carries the traceparent of that event's span, so a unit's request and the score it moved are one
 * trace. One span for the batch, linked to every event's trace, would leave the trace of each request without its
 * apply and its score, and most trace viewers do not follow links.
 */
@ApplicationScoped
@Readiness
public class ScoringInputs implements HealthCheck {

    /** The consumer group every instance shares: Kafka gives each some partitions of both topics. */
    public static final String GROUP = "scoring-service";

    private final Map<String, Object> kafkaConfig;
    private final ScoringConfig.Inputs config;
    private final InputDecoder decoder;
    private final ProjectionService projections;
    private final EventTracing tracing;
    /** The next offset to read of each partition this instance owns, once its events are applied. */
    private final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
    /** What the last periodic commit sent (polling thread only): an idle consumer does not send it again. */
    private Map<TopicPartition, OffsetAndMetadata> lastCommitted = Map.of();
    private volatile boolean running;
    private volatile boolean polling;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public ScoringInputs(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ScoringConfig config,
            InputDecoder decoder, ProjectionService projections, EventTracing tracing) {
        this.kafkaConfig = kafkaConfig;
        this.config = config.inputs();
        this.decoder = decoder;
        this.projections = projections;
        this.tracing = tracing;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            Log.info("Live consumer of par.plans and par.progress disabled (par.scoring.inputs.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "scoring-inputs");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaClients.stop(consumer, thread, 10_000);
    }

    /** Ready while the loop polls (or when it is turned off); not while it waits to reconnect after a failure. */
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("scoring-inputs").status(!config.enabled() || polling).build();
    }

    private void run() {
        try {
            poll();
        } finally {
            polling = false; // whatever ended the loop, health says so
        }
    }

    private void poll() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                c.subscribe(List.of(Topics.PLANS, Topics.PROGRESS), new Rebalance(c));
                polling = true;
                backoff.reset();
                lastCommitted = Map.of();
                long committedAt = System.nanoTime();
                try {
                    while (running) {
                        ConsumerRecords<String, byte[]> records = c.poll(config.pollTimeout());
                        if (!records.isEmpty()) {
                            apply(records);
                        }
                        if (System.nanoTime() - committedAt >= config.commitInterval().toNanos()) {
                            commitAsync(c);
                            committedAt = System.nanoTime();
                        }
                    }
                } catch (WakeupException e) {
                    // stopping
                }
                commitSync(c, applied); // what was applied, before the consumer leaves the group
            } catch (RuntimeException | OutOfMemoryError e) {
                // A poll too large for the heap is dropped with its consumer and fetched again, in parts that fit
                // (the fetch bounds below, ProjectionService's halves); a dead loop would leave the service up and
                // scoring nothing.
                polling = false;
                applied.clear(); // a new consumer starts from the group's committed offsets
                if (!running) {
                    break;
                }
                long wait = backoff.nextMillis();
                Log.warnf("Consumer of par.plans and par.progress interrupted (%s); resuming in %d ms",
                        e.getMessage(), wait);
                KafkaClients.sleep(wait);
            } finally {
                consumer = null;
            }
        }
    }

    private void apply(ConsumerRecords<String, byte[]> records) {
        List<InputEvent> events = new ArrayList<>(records.count());
        List<Span> spans = new ArrayList<>();
        boolean done = false;
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                Span span = tracing.processing(record, GROUP, records.count());
                if (span.getSpanContext().isValid()) {
                    spans.add(span);
                }
                try {
                    InputEvent event = decoder.decode(record, EventTracing.traceparent(span));
                    if (event != null) {
                        events.add(event);
                    }
                } catch (MalformedEventException e) {
                    span.setStatus(StatusCode.ERROR, "skipped: it can never be applied");
                    Log.warnf("Skipping an event that can never be applied: %s", e.getMessage());
                }
            }
            projections.apply(events); // retries until the database takes it; throws only when stopping
            done = true;
        } finally {
            for (Span span : spans) {
                if (!done) {
                    span.setStatus(StatusCode.ERROR, "not applied: the service is stopping");
                }
                span.end();
            }
        }
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> of = records.records(tp);
            applied.put(tp, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
        }
    }

    private void commitAsync(KafkaConsumer<String, byte[]> c) {
        if (applied.isEmpty() || applied.equals(lastCommitted)) {
            return; // nothing applied since the last commit
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(applied);
        lastCommitted = offsets;
        c.commitAsync(offsets, (committed, e) -> {
            if (e != null) {
                // Sent again at the next interval (the callback runs on the polling thread, inside poll); a
                // rebalance meanwhile re-delivers at worst, and applied events are skipped by sequence.
                lastCommitted = Map.of();
                Log.debugf(e, "Offset commit failed");
            }
        });
    }

    private static void commitSync(KafkaConsumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            c.commitSync(Map.copyOf(offsets), Duration.ofSeconds(5));
        } catch (KafkaException e) {
            // Not fatal: whoever reads these partitions next starts a little earlier and skips what was applied.
            Log.infof("Could not commit the applied offsets (%s); they will be read again and skipped",
                    e.getMessage());
        }
    }

    /** Commits what was applied of partitions that move to another instance, and forgets them. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = applied.remove(tp);
                if (offset != null) {
                    leaving.put(tp, offset);
                }
            }
            commitSync(c, leaving);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(applied::remove); // another instance owns them already: nothing to commit
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                Log.debugf("Assigned %s", partitions);
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = KafkaClients.consumerConfig(kafkaConfig, "scoring-service-inputs");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        // A poll's records stay on the heap until the batch is applied: at most 1 MB a fetch, 256 KB a partition (a
        // thousand progress events fit; plan snapshots, about 12 KB each for the seed, come at most about 90 at a
        // time). Kafka's default, 50 MB, lets one poll after a backlog bring hundreds of snapshots, more than the heap
        // holds.
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024);
        // Freshness: the broker answers a fetch as soon as one record is there (fetch.min.bytes=1); the wait only
        // bounds a fetch while nothing happens, and a short one would cost a fetch every few milliseconds when idle.
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        // When an instance dies without leaving the group (a crash, a killed pod), its partitions move to the others
        // after this long, instead of Kafka's default 45 s.
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return props;
    }
}
