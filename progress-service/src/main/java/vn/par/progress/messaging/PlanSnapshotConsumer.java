package vn.par.progress.messaging;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.retry.Backoff;
import vn.par.progress.plan.PlanCopyService;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.plan.PlanSnapshot;

/**
 * Learns published plans from {@code par.plans}. Records of one plan arrive in order (the topic is keyed by
 * plan id); each carries a full snapshot and the copy keeps the highest version, so a redelivery or an old
 * snapshot changes nothing.
 *
 * <p>A snapshot that can never be applied (not our event, unreadable JSON, missing members) is logged and
 * skipped. Any other failure, typically the database being away, is retried in place until it succeeds: the
 * next snapshots of the plan must not overtake it.
 */
@ApplicationScoped
public class PlanSnapshotConsumer {

    private static final Set<String> PLAN_EVENTS = Set.of("PlanPublished", "PlanChanged");
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final PlanCopyService plans;
    private final PlanIndex index;
    private final ObjectMapper json;

    public PlanSnapshotConsumer(PlanCopyService plans, PlanIndex index, ObjectMapper json) {
        this.plans = plans;
        this.index = index;
        this.json = json;
    }

    @Incoming("plans")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) throws InterruptedException {
        if (record.value() == null) {
            return; // a tombstone of the compacted topic: nothing to learn
        }
        EventEnvelope event;
        PlanSnapshot snapshot;
        try {
            event = EventEnvelope.from(record);
            if (!PLAN_EVENTS.contains(event.type())) {
                Log.debugf("Ignoring %s event %s on %s", event.type(), event.id(), record.topic());
                return;
            }
            snapshot = json.readValue(event.data(), PlanSnapshot.class).checked();
        } catch (EventEnvelope.MalformedEventException | JsonProcessingException | PlanSnapshot.InvalidSnapshotException e) {
            Log.errorf("Skipping unusable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        if (!snapshot.planId().toString().equals(event.key())) {
            Log.errorf("Skipping event %s: its key %s is not the plan id %s", event.id(), event.key(), snapshot.planId());
            return;
        }
        applyUntilDone(event, snapshot);
    }

    private void applyUntilDone(EventEnvelope event, PlanSnapshot snapshot) throws InterruptedException {
        Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF);
        for (int attempt = 1;; attempt++) {
            try {
                if (index.version(snapshot.planId()) < snapshot.version()) {
                    plans.apply(snapshot);
                    // Also when another instance applied it first: this instance's index must catch up.
                    index.refresh(snapshot.planId());
                }
                return;
            } catch (PlanSnapshot.InvalidSnapshotException e) {
                Log.errorf("Skipping event %s (plan %s version %d): %s", event.id(), snapshot.planId(), snapshot.version(),
                        e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (isBadData(e)) {
                    Log.errorf(e, "Skipping event %s (plan %s version %d): the database refuses its data", event.id(),
                            snapshot.planId(), snapshot.version());
                    return;
                }
                if (attempt == 1) {
                    Log.warnf("Cannot apply event %s (plan %s version %d) yet: %s; retrying until it can", event.id(),
                            snapshot.planId(), snapshot.version(), e.getMessage());
                } else {
                    Log.debugf(e, "Attempt %d to apply event %s failed", attempt, event.id());
                }
                backoff.pause();
            }
        }
    }

    /**
     * A data exception or integrity violation will fail the same way on every attempt. A unique violation is
     * the exception: two instances inserting the same new plan, which the next attempt sees as already applied.
     */
    private static boolean isBadData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || (state.startsWith("23") && !state.equals("23505"));
            }
        }
        return false;
    }
}
