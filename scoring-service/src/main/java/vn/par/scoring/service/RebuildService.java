package vn.par.scoring.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.EventEnvelope.MalformedEventException;
import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;
import vn.par.infra.problem.ProblemException;
import vn.par.scoring.config.ScoringConfig;
import vn.par.scoring.messaging.InputDecoder;
import vn.par.scoring.messaging.InputEvent;
import vn.par.scoring.messaging.KafkaClients;
import vn.par.scoring.messaging.ScoreChanged;
import vn.par.scoring.projection.PlanInputs;
import vn.par.scoring.projection.PlanProjection;
import vn.par.scoring.projection.PlanScore;
import vn.par.scoring.projection.PlanStructure;
import vn.par.scoring.projection.ReportRole;
import vn.par.scoring.repository.Changes;
import vn.par.scoring.repository.PlanRow;
import vn.par.scoring.repository.ProjectionStore;
import vn.par.scoring.repository.Sequences;
import vn.par.scoring.repository.StoredPlan;

/**
 * Rebuilds the whole projection from {@code par.plans} and {@code par.progress}, from their beginning.
 *
 * <p>A plain consumer reads every partition up to the end offsets taken at the start, folding events in memory
 * exactly as the live path does (same decoder, same "above the last applied sequence" rule), with no database work
 * per event. Then, holding the projection lock that stops every live batch in every instance, it reads what arrived
 * meanwhile and replaces the projection tables in one transaction. The live consumers afterwards skip whatever the
 * rebuild already applied (their sequences are below the stored ones) and reload their plans.
 *
 * <p>The replay itself emits nothing: the history it goes through was published when it happened. A plan whose
 * final published state differs from the one stored before (the stored one was damaged, or the rule changed) gets
 * one {@code ScoreChanged} with the next sequence; a plan whose state is unchanged keeps its sequence and time.
 */
@ApplicationScoped
public class RebuildService {

    /** The swap holds every live batch; a rebuild reads far more than it then has to write. */
    private static final int SWAP_TIMEOUT_SECONDS = 600;

    private final AgroalDataSource dataSource;
    private final ProjectionStore store;
    private final InputDecoder decoder;
    private final Outbox outbox;
    private final ProjectionService projections;
    private final Map<String, Object> kafkaConfig;
    private final ScoringConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    public RebuildService(AgroalDataSource dataSource, ProjectionStore store, InputDecoder decoder, Outbox outbox,
            ProjectionService projections, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            ScoringConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.store = store;
        this.decoder = decoder;
        this.outbox = outbox;
        this.projections = projections;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.clock = clock;
    }

    void atStart(@Observes StartupEvent event) {
        if (config.rebuildAtStart()) {
            rebuild();
        }
    }

    /** Rebuilds now, in the caller's thread. */
    public RebuildReport rebuild() {
        if (!running.compareAndSet(false, true)) {
            throw ProblemException.conflict("Đang dựng lại điểm dự kiến; hãy chờ lần dựng lại đó xong.");
        }
        try {
            return replayAndSwap();
        } finally {
            projections.forgetAll();
            running.set(false);
        }
    }

    private RebuildReport replayAndSwap() {
        long started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.PLANS, Topics.PROGRESS)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Replay replay = new Replay();
            replay.readTo(consumer, consumer.endOffsets(partitions));
            long replayed = System.nanoTime();
            int changed = QuarkusTransaction.requiringNew().timeout(SWAP_TIMEOUT_SECONDS).call(() -> {
                try (Connection c = dataSource.getConnection()) {
                    store.lockExclusive(c);
                    replay.readTo(consumer, consumer.endOffsets(partitions));
                    return swap(c, replay);
                }
            });
            long finished = System.nanoTime();
            RebuildReport report = new RebuildReport(replay.plans.size(), replay.records, changed,
                    Duration.ofNanos(finished - started).toMillis(), Duration.ofNanos(replayed - started).toMillis(),
                    replay.records * 1_000_000_000L / Math.max(1, finished - started));
            Log.infof("Rebuilt the projection of %d plans from %d events in %d ms (%d events/s); %d plans changed",
                    report.plans(), report.events(), report.durationMillis(), report.eventsPerSecond(), changed);
            return report;
        }
    }

    /** Replaces the projection with the replayed one; returns how many plans published a changed score. */
    private int swap(Connection c, Replay replay) throws SQLException {
        Map<UUID, StoredPlan> before = store.loadAll(c);
        Map<UUID, Long> handedOut = store.publishedSequences(c);
        LocalDate today = LocalDate.now(clock);
        ZoneId zone = config.zone();
        List<StoredPlan> rebuilt = new ArrayList<>(replay.plans.size());
        Changes history = new Changes();
        int changed = 0;
        for (Map.Entry<UUID, Folded> entry : replay.plans.entrySet()) {
            UUID planId = entry.getKey();
            Folded plan = entry.getValue();
            StoredPlan old = before.get(planId);
            long sequence = Math.max(old == null ? 0 : old.row().sequences().score(), handedOut.getOrDefault(planId, 0L));
            Instant asOf = old == null ? null : old.row().asOf();
            PlanProjection projection = plan.snapshot == null ? null
                    : new PlanProjection(new PlanStructure(plan.snapshot.snapshot()), plan.inputs);
            if (projection != null) {
                PlanScore now = projection.score(today, 0, null);
                PlanScore was = scoreOf(old, today);
                if (!now.equals(was)) {
                    projection.judgeRisksAt(LocalDate.ofInstant(plan.last.time(), zone));
                    ScoreChanged event = ProjectionService.scoreChanged(planId, projection, sequence + 1, plan.last,
                            was == null ? null : was.projected());
                    EventEnvelope sent = outbox.append(Topics.SCORES, planId.toString(), ScoreChanged.TYPE, event);
                    if (sent.sequence() != event.sequence()) {
                        throw new IllegalStateException("score sequence of plan " + planId + " is " + event.sequence()
                                + " here but " + sent.sequence() + " in the outbox");
                    }
                    history.history(planId, event.sequence(), event.asOf(), event.projected(), event.percent(),
                            projections.write(event));
                    sequence = event.sequence();
                    asOf = event.asOf();
                    changed++;
                }
            }
            Sequences sequences = new Sequences(plan.plansSequence, plan.progressSequence, sequence);
            PlanRow row = projection == null
                    ? new PlanRow(planId, null, null, null, null, null, sequences, asOf, null, null, null, null)
                    : new PlanRow(planId, projection.structure().version(), projection.structure().status(),
                            projection.structure().agency(), projection.structure().year(), plan.snapshot.json(),
                            sequences, asOf, projection.total(), projection.structure().baseline(),
                            projection.structure().target(), projection.structure().max());
            rebuilt.add(new StoredPlan(row, plan.inputs));
        }
        store.replaceAll(c, rebuilt);
        store.save(c, history);
        return changed;
    }

    private PlanScore scoreOf(StoredPlan stored, LocalDate today) {
        if (stored == null || stored.row().snapshot() == null) {
            return null;
        }
        return new PlanProjection(new PlanStructure(projections.read(stored.row().snapshot())), stored.inputs())
                .score(today, 0, null);
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = KafkaClients.consumerConfig(kafkaConfig, "scoring-service-rebuild");
        // Small fetches: a fetched batch stays on the heap until its records are read, and batches of 16-64 MB went
        // straight to the old generation; a third of a rebuild's CPU was full collections. With 1 MB fetches of at
        // most 256 KB a partition, 1,000 records a poll, the replay ran at 82,000 instead of 50,000 events/s.
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024 * 1024);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024);
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 * 1024 * 1024);
        return props;
    }

    /** One plan's events folded: the newest snapshot, the latest inputs, where it stands. */
    private static final class Folded {
        InputEvent.PlanVersion snapshot;
        final PlanInputs inputs = new PlanInputs();
        long plansSequence;
        long progressSequence;
        /** The latest event applied: the cause and time of a score the rebuild publishes. */
        InputEvent.Meta last;
    }

    /** The fold of the topics; applies events as {@code ProjectionService} does, minus the projection. */
    private final class Replay {

        final Map<UUID, Folded> plans = new HashMap<>();
        long records;

        void readTo(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
            Set<TopicPartition> pending = new HashSet<>();
            end.forEach((tp, offset) -> {
                if (consumer.position(tp) < offset) {
                    pending.add(tp);
                }
            });
            while (!pending.isEmpty()) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : batch) {
                    records++;
                    try {
                        InputEvent event = decoder.decode(record);
                        if (event != null) {
                            apply(event);
                        }
                    } catch (MalformedEventException e) {
                        Log.debugf("Rebuild skips %s", e.getMessage());
                    }
                }
                pending.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            }
        }

        private void apply(InputEvent event) {
            InputEvent.Meta meta = event.meta();
            Folded plan = plans.computeIfAbsent(meta.planId(), k -> new Folded());
            if (event instanceof InputEvent.PlanVersion version) {
                if (meta.sequence() <= plan.plansSequence) {
                    return;
                }
                plan.plansSequence = meta.sequence();
                if (plan.snapshot == null || version.snapshot().version() > plan.snapshot.snapshot().version()) {
                    plan.snapshot = version;
                }
            } else {
                if (meta.sequence() <= plan.progressSequence) {
                    return;
                }
                plan.progressSequence = meta.sequence();
                if (event instanceof InputEvent.Report report && report.role() == ReportRole.LEAD) {
                    plan.inputs.putProgress(report.taskId(), report.progress());
                } else if (event instanceof InputEvent.Assessment assessment) {
                    plan.inputs.putAssessment(assessment.criterionCode(), assessment.points());
                } else if (event instanceof InputEvent.IndicatorReport indicator) {
                    plan.inputs.putIndicator(indicator.criterionCode(), indicator.indicator());
                } else if (event instanceof InputEvent.Appraised appraised) {
                    plan.inputs.putAppraisal(appraised.criterionCode(), appraised.points());
                } else if (event instanceof InputEvent.Round round) {
                    plan.inputs.round(round.round(), round.deadline());
                } else if (event instanceof InputEvent.Closed closed) {
                    plan.inputs.close(closed.settled());
                }
            }
            if (plan.last == null || !meta.time().isBefore(plan.last.time())) {
                plan.last = meta;
            }
        }
    }
}
