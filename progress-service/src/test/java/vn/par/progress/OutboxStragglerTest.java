package vn.par.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;
import vn.par.infra.outbox.OutboxRelay;

/**
 * The relay reads past the rows it knows are delivered; an event whose transaction commits after later events were
 * delivered (its id is lower than theirs) must still go out at once, not at the next read from the first row. Over
 * the real database and broker, with the appends' own statement ({@link Outbox#APPEND}) on connections of our own, so
 * that two transactions can interleave.
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
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anEventOfAnOlderTransactionCommittedAfterLaterEventsWentOutGoesOutAtOnce() throws Exception {
        try (Broker.ProgressEvents events = new Broker.ProgressEvents(); Connection slow = transaction()) {
            Event straggler = append(slow, 0);
            deliverThreeLaterEvents(events, straggler);
            slow.commit();
            awaitDelivered(events, straggler);
        }
    }

    @Test
    void anEventOfAYoungerTransactionCommittedAfterLaterEventsWentOutGoesOutAtOnce() throws Exception {
        // The slow transaction takes its xid after the fast one but draws its event's id before it: the first read
        // that delivers the fast event has a snapshot whose xmax (one past the last completed xid) is below the slow
        // transaction's xid, so that snapshot does not list it as running.
        try (Broker.ProgressEvents events = new Broker.ProgressEvents(); Connection fast = transaction();
                Connection slow = transaction()) {
            try (PreparedStatement ps = fast.prepareStatement("SELECT pg_current_xact_id()")) {
                ps.executeQuery().close();
            }
            Event straggler = append(slow, 0);
            Event first = append(fast, 1);
            fast.commit();
            relay.wakeUp();
            events.await(first.key, 1, Duration.ofSeconds(15));
            deliverThreeLaterEvents(events, straggler);
            slow.commit();
            awaitDelivered(events, straggler);
        }
    }

    /** Three events appended and delivered one after the other while the straggler's transaction is open. */
    private void deliverThreeLaterEvents(Broker.ProgressEvents events, Event straggler) throws Exception {
        Event last = null;
        for (int i = 1; i <= 3; i++) {
            try (Connection c = dataSource.getConnection()) {
                last = append(c, i); // commits on its own
            }
            relay.wakeUp();
            events.await(last.key, 1, Duration.ofSeconds(15));
        }
        Event sent = last;
        Broker.await("the relay to delete the last event it sent", Duration.ofSeconds(10), () -> !inOutbox(sent));
        assertTrue(relay.deliveredFloor() < straggler.rowId, "the floor (" + relay.deliveredFloor()
                + ") passed the open transaction's event " + straggler.rowId);
    }

    private void awaitDelivered(Broker.ProgressEvents events, Event straggler) {
        relay.wakeUp();
        // Had the floor passed it, it would wait for the next read from the first row, 10 minutes away.
        EventEnvelope delivered = events.await(straggler.key, 1, Duration.ofSeconds(5)).get(0);
        assertEquals(0, ((Number) Broker.data(delivered).get("n")).intValue());
        Broker.await("the floor past the straggler", Duration.ofSeconds(10),
                () -> relay.deliveredFloor() >= straggler.rowId);
    }

    /** An event appended on its own key; its outbox row id as the appending transaction sees it. */
    private record Event(UUID key, long rowId, UUID eventId) {
    }

    private Connection transaction() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    private static Event append(Connection c, int n) throws SQLException {
        UUID key = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement(Outbox.APPEND)) {
            ps.setString(1, Topics.PROGRESS);
            ps.setString(2, key.toString());
            ps.setObject(3, eventId);
            ps.setString(4, Topics.PROGRESS);
            ps.setString(5, key.toString());
            ps.setString(6, "OutboxCheck");
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.setString(8, "{\"n\":" + n + "}");
            ps.setString(9, null); // no trace
            ps.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox_event WHERE event_id = ?")) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "event " + eventId + " is in the outbox");
                return new Event(key, rs.getLong(1), eventId);
            }
        }
    }

    private boolean inOutbox(Event event) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM outbox_event WHERE event_id = ?")) {
            ps.setObject(1, event.eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
