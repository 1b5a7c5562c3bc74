package vn.par.infra.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import vn.par.infra.events.EventEnvelope;

/**
 * Appends events to the transactional outbox. Must be called inside the transaction that makes the change
 * the event announces: either both are committed or neither is. The {@link OutboxRelay} sends them on.
 */
@ApplicationScoped
public class Outbox {

    /**
     * The one statement of an append: takes the key's next sequence number and inserts the event with it.
     * Parameters: topic, key, event id, topic, key, type, time, payload; returns the sequence. Public so that the
     * benchmark's PostgreSQL limit measures exactly this statement.
     */
    public static final String APPEND = """
            WITH next AS (
                INSERT INTO outbox_sequence (topic, event_key, last_sequence) VALUES (?, ?, 1)
                ON CONFLICT (topic, event_key) DO UPDATE SET last_sequence = outbox_sequence.last_sequence + 1
                RETURNING last_sequence)
            INSERT INTO outbox_event (event_id, topic, event_key, event_type, sequence, occurred_at, payload)
            SELECT ?, ?, ?, ?, last_sequence, ?, ? FROM next
            RETURNING sequence""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final String source;

    public Outbox(AgroalDataSource dataSource, ObjectMapper json, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay, OutboxConfig config) {
        this.dataSource = dataSource;
        this.json = json;
        this.transactions = transactions;
        this.relay = relay;
        this.source = config.source();
    }

    /**
     * Records an event for {@code topic}, ordered by {@code key}, and returns it with its id and per-key
     * sequence number.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope append(String topic, String key, String type, Object payload) {
        String data;
        try {
            data = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON: " + type, e);
        }
        // One round trip: take the key's next sequence number and insert the event with it.
        UUID id = UUID.randomUUID();
        Instant time = Instant.now();
        long sequence;
        // Plain JDBC: inside the caller's JTA transaction the pool hands out the transaction's own connection, so
        // the event commits or rolls back with the change, and a service needs no JPA to use the outbox.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(APPEND)) {
            ps.setString(1, topic);
            ps.setString(2, key);
            ps.setObject(3, id);
            ps.setString(4, topic);
            ps.setString(5, key);
            ps.setString(6, type);
            ps.setTimestamp(7, Timestamp.from(time));
            ps.setString(8, data);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sequence = rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append " + type + " to the outbox: " + e.getMessage(), e);
        }
        EventEnvelope event = new EventEnvelope(id, type, source, time, key, sequence, data);
        // Wake the relay as soon as the row is visible, rather than waiting for its next poll.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
        return event;
    }
}
