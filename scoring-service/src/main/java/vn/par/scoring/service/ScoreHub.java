package vn.par.scoring.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.quarkus.logging.Log;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import vn.par.scoring.messaging.ScoreChanged;
import vn.par.scoring.projection.PlanScore;
import vn.par.scoring.projection.ScoreGroup;

/**
 * Fans score changes out to the stream clients of this instance. Every instance hears every plan's changes (see
 * {@code ScoreFeed}), so a client sees them whichever instance it is connected to.
 *
 * <p>A client first gets the current state, then the changes. It is registered before the current state is read,
 * and changes arriving meanwhile wait until that state is sent; then anything not newer than what the client
 * already has (by plan and sequence) is dropped, so it never sees a plan go back in time or the same state twice.
 */
@ApplicationScoped
public class ScoreHub {

    private final ScoreQueries queries;
    private final ObjectMapper json;
    private final Set<Listener> everyPlan = ConcurrentHashMap.newKeySet();
    private final Map<UUID, Set<Listener>> byPlan = new ConcurrentHashMap<>();

    public ScoreHub(ScoreQueries queries, ObjectMapper json, MeterRegistry meters) {
        this.queries = queries;
        this.json = json;
        Gauge.builder("par.scoring.stream.clients", this, ScoreHub::clients)
                .description("Clients connected to the score streams of this instance").register(meters);
    }

    /** One plan: its whole score (as {@code GET /api/plans/{planId}/scores}) now and after every change. */
    public Multi<ScoreUpdate> plan(UUID planId) {
        return Multi.createFrom().emitter(emitter -> {
            Listener listener = new Listener(emitter);
            byPlan.compute(planId, (id, listeners) -> {
                Set<Listener> set = listeners == null ? ConcurrentHashMap.newKeySet() : listeners;
                set.add(listener);
                return set;
            });
            emitter.onTermination(() -> byPlan.computeIfPresent(planId, (id, listeners) -> {
                listeners.remove(listener);
                return listeners.isEmpty() ? null : listeners;
            }));
            startWith(listener, () -> queries.current(planId).map(score -> List.of(update(score))).orElse(List.of()));
        });
    }

    /** Every plan: each one's summary now, then a summary after every change of any plan. */
    public Multi<ScoreUpdate> everyPlan() {
        return Multi.createFrom().emitter(emitter -> {
            Listener listener = new Listener(emitter);
            everyPlan.add(listener);
            emitter.onTermination(() -> everyPlan.remove(listener));
            startWith(listener, () -> queries.summaries().stream()
                    .map(s -> new ScoreUpdate(s.planId(), s.sequence(), write(s))).toList());
        });
    }

    /** The latest change of each plan in a poll of {@code par.scores}. */
    public void changed(List<ScoreChanged> changes) {
        for (ScoreChanged change : changes) {
            if (!everyPlan.isEmpty()) {
                ScoreUpdate update = new ScoreUpdate(change.planId(), change.sequence(), write(summary(change)));
                everyPlan.forEach(listener -> listener.offer(update));
            }
            Set<Listener> listeners = byPlan.get(change.planId());
            if (listeners != null && !listeners.isEmpty()) {
                // The event holds the areas only; the plan's stream carries every criterion, read once for all.
                try {
                    queries.current(change.planId()).ifPresent(score -> {
                        ScoreUpdate update = update(score);
                        listeners.forEach(listener -> listener.offer(update));
                    });
                } catch (RuntimeException e) {
                    // The plan's next change carries the whole score again; the other plans must not wait for it.
                    Log.warnf("Cannot read the score of plan %s for its stream: %s", change.planId(), e.getMessage());
                }
            }
        }
    }

    private int clients() {
        return everyPlan.size() + byPlan.values().stream().mapToInt(Set::size).sum();
    }

    private void startWith(Listener listener, Supplier<List<ScoreUpdate>> current) {
        // Reading the database must not happen on the event loop that subscribes.
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                listener.start(current.get());
            } catch (RuntimeException e) {
                listener.emitter.fail(e);
            }
        });
    }

    private ScoreUpdate update(PlanScore score) {
        return new ScoreUpdate(score.planId(), score.sequence(), write(score));
    }

    private static ScoreSummary summary(ScoreChanged c) {
        boolean closed = c.finalFigure() != null;
        BigDecimal percent = closed ? c.finalFigure().percent() : c.percent();
        return new ScoreSummary(c.planId(), c.agency(), c.year(), c.version(), c.sequence(), c.asOf(), c.projected(),
                c.target(), c.baseline(), c.max(), percent, ScoreGroup.of(percent), closed ? "FINAL" : "PROJECTED",
                closed ? c.finalFigure().total() : c.projected());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * One event of a stream: the plan, its score sequence and the JSON data, written once for every client.
     */
    public record ScoreUpdate(UUID planId, long sequence, String data) {
    }

    private static final class Listener {

        private final MultiEmitter<? super ScoreUpdate> emitter;
        private final Map<UUID, Long> sent = new HashMap<>();
        /** Changes heard before the current state was sent; null once it was. */
        private List<ScoreUpdate> waiting = new ArrayList<>();

        Listener(MultiEmitter<? super ScoreUpdate> emitter) {
            this.emitter = emitter;
        }

        synchronized void start(List<ScoreUpdate> current) {
            current.forEach(this::send);
            waiting.forEach(this::send);
            waiting = null;
        }

        synchronized void offer(ScoreUpdate update) {
            if (waiting != null) {
                waiting.add(update);
            } else {
                send(update);
            }
        }

        private void send(ScoreUpdate update) {
            Long last = sent.get(update.planId());
            if (last != null && update.sequence() <= last) {
                return;
            }
            sent.put(update.planId(), update.sequence());
            emitter.emit(update);
        }
    }
}
