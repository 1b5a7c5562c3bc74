package vn.par.scoring.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;
import vn.par.infra.retry.Backoff;
import vn.par.scoring.config.ScoringConfig;
import vn.par.scoring.messaging.InputEvent;
import vn.par.scoring.messaging.ScoreChanged;
import vn.par.scoring.projection.PlanInputs;
import vn.par.scoring.projection.PlanProjection;
import vn.par.scoring.projection.PlanSnapshot;
import vn.par.scoring.projection.PlanStructure;
import vn.par.scoring.projection.Precision;
import vn.par.scoring.projection.ReportRole;
import vn.par.scoring.repository.Changes;
import vn.par.scoring.repository.ProjectionStore;
import vn.par.scoring.repository.Sequences;
import vn.par.scoring.repository.StoredPlan;

/**
 * Applies batches of plan and progress events to the projection: in memory, O(depth) per event, then in one
 * transaction the changed rows, the score history and a {@code ScoreChanged} in the outbox for every event that
 * changed what the score publishes.
 *
 * <p>The memory is a cache of PostgreSQL, trusted only while the plan's stored sequences equal its own: each batch
 * locks its plans' rows and reloads any plan another instance (or a rebuild) has moved since. A failed batch drops
 * its plans from memory, since memory may then be ahead of the database, and is tried again.
 */
@ApplicationScoped
public class ProjectionService {

    /** The database's order of uuids (unsigned, byte by byte) is the order of their text. */
    private static final Comparator<UUID> DATABASE_ORDER = Comparator.comparing(UUID::toString);

    private final AgroalDataSource dataSource;
    private final ProjectionStore store;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Duration maxBackoff;
    private final Counter applied;
    private final Counter published;
    private final Timer batches;
    private final DistributionSummary batchEvents;
    /** The plans in memory, least recently used first; bounded, as an evicted plan only costs a reload. */
    private final Map<UUID, LivePlan> plans;
    private volatile boolean stopping;

    public ProjectionService(AgroalDataSource dataSource, ProjectionStore store, Outbox outbox, ObjectMapper json,
            ScoringConfig config, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.store = store;
        this.outbox = outbox;
        this.json = json;
        this.zone = config.zone();
        this.maxBackoff = config.maxRetryBackoff();
        this.applied = Counter.builder("par.scoring.events.applied")
                .description("Incoming events applied to the projection (repeats excluded)").register(meters);
        this.published = Counter.builder("par.scoring.scores.published")
                .description("ScoreChanged events written to the outbox").register(meters);
        this.batches = Timer.builder("par.scoring.batches")
                .description("Batches applied, each one transaction: lock, apply, write, commit").register(meters);
        this.batchEvents = DistributionSummary.builder("par.scoring.batch.events")
                .description("Incoming events per applied batch").register(meters);
        int cachedPlans = config.cachedPlans();
        this.plans = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, LivePlan> eldest) {
                return size() > cachedPlans;
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Applies a batch, retrying until the database takes it: events stay in Kafka uncommitted meanwhile, and the
     * next ones of a plan must not be applied before these. When the heap runs out, the plans held in memory are
     * forgotten (they are reloaded when needed), and a batch of several plans is applied in halves, each in its own
     * transaction, since it could fail the same way at every try; a plan's events stay together and in order.
     */
    public void apply(List<InputEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        SortedMap<UUID, List<InputEvent>> byPlan = new TreeMap<>(DATABASE_ORDER);
        for (InputEvent event : events) {
            byPlan.computeIfAbsent(event.meta().planId(), k -> new ArrayList<>()).add(event);
        }
        inHalvesWhileTooLarge(byPlan, this::applyRetrying);
    }

    /** Signals that a batch of several plans ran out of heap, so that it is applied in halves. */
    static final class TooLargeForTheHeap extends RuntimeException {
        TooLargeForTheHeap(Throwable cause) {
            super(cause);
        }
    }

    /**
     * Gives {@code batch} to {@code apply}; when that throws {@link TooLargeForTheHeap}, gives it the batch's first
     * half, then its second (each of them the same way), in the batch's order.
     */
    static <V> void inHalvesWhileTooLarge(SortedMap<UUID, V> batch, Consumer<SortedMap<UUID, V>> apply) {
        try {
            apply.accept(batch);
        } catch (TooLargeForTheHeap e) {
            List<UUID> ids = new ArrayList<>(batch.keySet());
            UUID middle = ids.get(ids.size() / 2);
            Log.warnf("Applying the events of %d plans in two halves: together they ran out of heap (%s)", ids.size(),
                    rootMessage(e));
            inHalvesWhileTooLarge(new TreeMap<>(batch.headMap(middle)), apply);
            inHalvesWhileTooLarge(new TreeMap<>(batch.tailMap(middle)), apply);
        }
    }

    private void applyRetrying(SortedMap<UUID, List<InputEvent>> byPlan) {
        Backoff backoff = new Backoff(Duration.ofMillis(100), maxBackoff);
        while (true) {
            try {
                long start = System.nanoTime();
                QuarkusTransaction.requiringNew().run(() -> applyInTransaction(byPlan));
                batches.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                batchEvents.record(byPlan.values().stream().mapToInt(List::size).sum());
                return;
            } catch (RuntimeException e) {
                byPlan.keySet().forEach(plans::remove);
                if (stopping) {
                    throw e;
                }
                if (rootCause(e) instanceof OutOfMemoryError) {
                    // The plans in memory are only a cache of the database: the heap goes to the batch first
                    plans.clear();
                    if (byPlan.size() > 1) {
                        throw new TooLargeForTheHeap(e);
                    }
                }
                long wait = backoff.nextMillis();
                Log.warnf("Cannot apply the events of %d plans (%s); retrying in %d ms", byPlan.size(), rootMessage(e),
                        wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Forgets every plan held in memory; the next batch of each reloads it (after a rebuild). */
    public void forgetAll() {
        plans.clear();
    }

    private void applyInTransaction(Map<UUID, List<InputEvent>> byPlan) {
        try (Connection c = dataSource.getConnection()) {
            List<UUID> ids = new ArrayList<>(byPlan.keySet());
            Map<UUID, Sequences> stored = store.lockPlans(c, ids);
            Map<UUID, LivePlan> batch = new HashMap<>();
            List<UUID> stale = new ArrayList<>();
            for (UUID id : ids) {
                LivePlan plan = plans.get(id);
                if (plan != null && plan.sequences().equals(stored.get(id))) {
                    batch.put(id, plan);
                } else {
                    stale.add(id);
                }
            }
            if (!stale.isEmpty()) {
                for (StoredPlan stalePlan : store.load(c, stale).values()) {
                    LivePlan plan = live(stalePlan);
                    batch.put(plan.planId, plan);
                    plans.put(plan.planId, plan);
                }
            }
            Changes changes = new Changes();
            for (Map.Entry<UUID, List<InputEvent>> entry : byPlan.entrySet()) {
                LivePlan plan = batch.get(entry.getKey());
                for (InputEvent event : entry.getValue()) {
                    apply(plan, event, changes);
                }
                if (plan.dirty) {
                    changes.plan(plan.takeRow());
                }
            }
            appendScores(changes);
            store.save(c, changes);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void apply(LivePlan plan, InputEvent event, Changes changes) {
        InputEvent.Meta meta = event.meta();
        LocalDate day = LocalDate.ofInstant(meta.time(), zone);
        if (event instanceof InputEvent.PlanVersion version) {
            if (meta.sequence() <= plan.plansSequence) {
                return; // a redelivery
            }
            plan.plansSequence = meta.sequence();
            plan.dirty = true;
            applied.increment();
            PlanSnapshot snapshot = version.snapshot();
            if (plan.projection != null && snapshot.version() <= plan.projection.structure().version()) {
                return;
            }
            BigDecimal previous = plan.published();
            plan.projection = new PlanProjection(new PlanStructure(snapshot), plan.inputs);
            plan.projection.judgeRisksAt(day);
            plan.newSnapshot = version.json();
            // Always published: version, titles, targets and maxima are part of the score even when the index stays.
            publish(plan, meta, previous, changes);
        } else if (event instanceof InputEvent.Report report) {
            if (meta.sequence() <= plan.progressSequence) {
                return;
            }
            plan.progressSequence = meta.sequence();
            plan.dirty = true;
            applied.increment();
            if (report.role() != ReportRole.LEAD) {
                return;
            }
            changes.progress(plan.planId, report.taskId(), report.progress());
            if (plan.projection == null) {
                plan.inputs.putProgress(report.taskId(), report.progress());
                return;
            }
            BigDecimal previous = plan.published();
            if (plan.projection.report(report.taskId(), report.role(), report.progress(), day)) {
                publish(plan, meta, previous, changes);
            }
        } else if (event instanceof InputEvent.IndicatorReport indicator) {
            if (meta.sequence() <= plan.progressSequence) {
                return;
            }
            plan.progressSequence = meta.sequence();
            plan.dirty = true;
            applied.increment();
            changes.indicator(plan.planId, indicator.criterionCode(), indicator.indicator());
            if (plan.projection == null) {
                plan.inputs.putIndicator(indicator.criterionCode(), indicator.indicator());
                return;
            }
            BigDecimal previous = plan.published();
            if (plan.projection.indicate(indicator.criterionCode(), indicator.indicator(), day)) {
                publish(plan, meta, previous, changes);
            }
        } else if (event instanceof InputEvent.Appraised appraised) {
            if (meta.sequence() <= plan.progressSequence) {
                return;
            }
            plan.progressSequence = meta.sequence();
            plan.dirty = true;
            applied.increment();
            changes.appraisal(plan.planId, appraised.criterionCode(), appraised.points());
            if (plan.projection == null) {
                plan.inputs.putAppraisal(appraised.criterionCode(), appraised.points());
                return;
            }
            BigDecimal previous = plan.published();
            if (plan.projection.appraise(appraised.criterionCode(), appraised.points(), day)) {
                publish(plan, meta, previous, changes);
            }
        } else if (event instanceof InputEvent.Round round) {
            if (meta.sequence() <= plan.progressSequence) {
                return;
            }
            plan.progressSequence = meta.sequence();
            plan.dirty = true;
            applied.increment();
            boolean moved = plan.projection == null ? plan.inputs.round(round.round(), round.deadline())
                    : plan.projection.round(round.round(), round.deadline());
            if (moved) {
                changes.appraisal(plan.planId, plan.inputs.appraisal());
                if (plan.projection != null) {
                    publish(plan, meta, plan.published(), changes);
                }
            }
        } else if (event instanceof InputEvent.Closed closed) {
            if (meta.sequence() <= plan.progressSequence) {
                return;
            }
            plan.progressSequence = meta.sequence();
            plan.dirty = true;
            applied.increment();
            boolean closing = plan.projection == null ? plan.inputs.close(closed.settled())
                    : plan.projection.close(closed.settled());
            if (closing) {
                changes.appraisal(plan.planId, plan.inputs.appraisal());
                if (plan.projection != null) {
                    publish(plan, meta, plan.published(), changes);
                }
            }
        } else if (event instanceof InputEvent.Assessment assessment) {
            if (meta.sequence() <= plan.progressSequence) {
                return;
            }
            plan.progressSequence = meta.sequence();
            plan.dirty = true;
            applied.increment();
            changes.assessment(plan.planId, assessment.criterionCode(), assessment.points());
            if (plan.projection == null) {
                plan.inputs.putAssessment(assessment.criterionCode(), assessment.points());
                return;
            }
            BigDecimal previous = plan.published();
            if (plan.projection.selfAssess(assessment.criterionCode(), assessment.points(), day)) {
                publish(plan, meta, previous, changes);
            }
        }
    }

    private void publish(LivePlan plan, InputEvent.Meta cause, BigDecimal previous, Changes changes) {
        ScoreChanged event = scoreChanged(plan.planId, plan.projection, plan.scoreSequence + 1, cause, previous);
        plan.scoreSequence = event.sequence();
        plan.asOf = cause.time();
        // Its history row; the same JSON goes to the outbox with the batch (appendScores), in the trace of its cause.
        changes.history(plan.planId, event.sequence(), cause.time(), event.projected(), event.percent(), write(event),
                cause.traceparent());
        published.increment();
    }

    /**
     * The batch's ScoreChanged events into the outbox, all in one statement (a busy batch holds hundreds of a few
     * dozen plans; one statement per event, later per plan, was most of such a batch's time). Each continues the trace
     * of the event that caused it, not one of the batch: a batch mixes the reports of many units, and a unit's trace
     * should end in its own score (see ScoringInputs).
     */
    private void appendScores(Changes changes) {
        Map<String, List<Outbox.Pending>> pending = new LinkedHashMap<>();
        for (Map.Entry<UUID, List<Changes.History>> entry : changes.historyByPlan().entrySet()) {
            pending.put(entry.getKey().toString(), entry.getValue().stream()
                    .map(h -> new Outbox.Pending(ScoreChanged.TYPE, h.payload(), h.traceparent())).toList());
        }
        Map<String, List<EventEnvelope>> sent = outbox.appendAll(Topics.SCORES, pending);
        for (Map.Entry<UUID, List<Changes.History>> entry : changes.historyByPlan().entrySet()) {
            List<Changes.History> scores = entry.getValue();
            List<EventEnvelope> ofPlan = sent.get(entry.getKey().toString());
            for (int i = 0; i < scores.size(); i++) {
                if (ofPlan.get(i).sequence() != scores.get(i).sequence()) {
                    // The payload carries its sequence, so it must be the one the outbox hands out (see README).
                    throw new IllegalStateException("score sequence of plan " + entry.getKey() + " is "
                            + scores.get(i).sequence() + " here but " + ofPlan.get(i).sequence() + " in the outbox");
                }
            }
        }
    }

    /** A ScoreChanged for the projection's current state. */
    static ScoreChanged scoreChanged(UUID planId, PlanProjection projection, long sequence, InputEvent.Meta cause,
            BigDecimal previous) {
        PlanStructure s = projection.structure();
        BigDecimal earned = projection.earned();
        return new ScoreChanged(planId, s.agency(), s.year(), s.version(), sequence, cause.time(),
                Precision.publish(projection.total()), previous, Precision.publish(s.target()),
                Precision.publish(s.baseline()), Precision.publish(s.max()),
                Precision.publishPercent(projection.total(), s.max()), Precision.publish(projection.shortfall()),
                Precision.publish(projection.atStake()), earned == null ? null : Precision.publish(earned),
                projection.measuredLeaves(), projection.survey(), projection.selfControlled(), projection.basis(),
                projection.inputs().appraisal().round(), projection.inputs().appraisal().deadline(),
                projection.selfAssessedFigure(false), projection.appraisedFigure(false),
                projection.finalFigure(false),
                cause.eventId(), projection.areas());
    }

    private LivePlan live(StoredPlan stored) {
        PlanInputs inputs = stored.inputs();
        PlanProjection projection = null;
        if (stored.row().snapshot() != null) {
            projection = new PlanProjection(new PlanStructure(read(stored.row().snapshot())), inputs);
        }
        return new LivePlan(stored.row().planId(), inputs, projection, stored.row().sequences(), stored.row().asOf());
    }

    PlanSnapshot read(String snapshot) {
        try {
            return json.readValue(snapshot, PlanSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = rootCause(e);
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
