package vn.par.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;
import vn.par.infra.outbox.OutboxRelay;

/**
 * The relay reads past the rows it knows are delivered; an event whose transaction commits after later events were
 * delivered (its id is lower than theirs) must still go out at once, not at the next read from the first row.
 */
@QuarkusTest
@TestProfile(OutboxStragglerTest.NoRescanDuringTheTest.class)
class OutboxStragglerTest {

    /** The read from the first row, the net for a skipped row, would otherwise hide a floor that skipped one. */
    public static class NoRescanDuringTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("par.outbox.rescan-interval", "10m");
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEventCommittedAfterLaterOnesWereDeliveredGoesOutAtOnceAndTheFloorThenPassesIt() throws Exception {
        UUID slowKey = UUID.randomUUID();
        UUID fastKey = UUID.randomUUID();
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            QuarkusTransaction.begin();
            long slowId;
            try {
                EventEnvelope slow = outbox.append(Topics.PROGRESS, slowKey.toString(), "OutboxCheck", Map.of("n", 0));
                slowId = rowId(slow.id());
                long lastFastId = 0;
                for (int i = 1; i <= 3; i++) {
                    int n = i;
                    EventEnvelope fast = QuarkusTransaction.requiringNew().call(
                            () -> outbox.append(Topics.PROGRESS, fastKey.toString(), "OutboxCheck", Map.of("n", n)));
                    events.await(fastKey, i, Duration.ofSeconds(15));
                    lastFastId = QuarkusTransaction.requiringNew().call(() -> rowIdOrZero(fast.id()));
                }
                assertEquals(0, lastFastId, "the later events were delivered and deleted");
                assertTrue(relay.deliveredFloor() < slowId,
                        "the floor (" + relay.deliveredFloor() + ") passed the open transaction's event " + slowId);
            } catch (Exception | AssertionError e) {
                QuarkusTransaction.rollback();
                throw e;
            }
            QuarkusTransaction.commit();

            // Without the floor's care this would wait for the next read from the first row, 10 minutes away.
            EventEnvelope delivered = events.await(slowKey, 1, Duration.ofSeconds(5)).get(0);
            assertEquals(0, ((Number) Broker.data(delivered).get("n")).intValue());
            Broker.await("the floor past the straggler", Duration.ofSeconds(10), () -> relay.deliveredFloor() >= slowId);
        }
    }

    /** The outbox row's id of an event, as the caller's transaction sees it. */
    private long rowId(UUID eventId) throws SQLException {
        long id = rowIdOrZero(eventId);
        assertTrue(id > 0, "event " + eventId + " is in the outbox");
        return id;
    }

    private long rowIdOrZero(UUID eventId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox_event WHERE event_id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
