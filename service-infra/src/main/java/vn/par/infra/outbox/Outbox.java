package vn.par.infra.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Appends events to the transactional outbox, atomically with the change they announce: {@link #append} and
 * {@link #appendAll} inside the transaction that makes the change, {@link #appendWith} in the very statement that
 * makes it. Either both are committed or neither is. The {@link OutboxRelay} sends them on.
 */
@ApplicationScoped
public class Outbox {

    /** Takes the key's next sequence number (parameters: topic, key). */
    private static final String NEXT_SEQUENCE = """
            next AS (
                INSERT INTO outbox_sequence (topic, event_key, last_sequence) VALUES (?, ?, 1)
                ON CONFLICT (topic, event_key) DO UPDATE SET last_sequence = outbox_sequence.last_sequence + 1
                RETURNING last_sequence)
            """;

    /** Inserts the event with that number (parameters: event id, topic, key, type, time, payload). */
    private static final String INSERT_EVENT = """
            INSERT INTO outbox_event (event_id, topic, event_key, event_type, sequence, occurred_at, payload)
            SELECT ?, ?, ?, ?, last_sequence, ?, ? FROM next
            RETURNING sequence""";

    /**
     * The one statement of an append: takes the key's next sequence number and inserts the event with it.
     * Parameters: topic, key, event id, topic, key, type, time, payload; returns the sequence. Public so that the
     * benchmark's PostgreSQL limit measures exactly this statement.
     */
    public static final String APPEND = "WITH " + NEXT_SEQUENCE + INSERT_EVENT;

    /**
     * Several events of one key at once: takes their sequence numbers with one upsert and inserts them in their
     * order. Parameters: topic, key, count, topic, key, count, then the events' ids, types, times and payloads as
     * text arrays; returns the events' sequences (in no promised row order).
     */
    private static final String APPEND_ALL = """
            WITH next AS (
                INSERT INTO outbox_sequence (topic, event_key, last_sequence) VALUES (?, ?, ?)
                ON CONFLICT (topic, event_key) DO UPDATE SET last_sequence = outbox_sequence.last_sequence + EXCLUDED.last_sequence
                RETURNING last_sequence)
            INSERT INTO outbox_event (event_id, topic, event_key, event_type, sequence, occurred_at, payload)
            SELECT CAST(e.id AS uuid), ?, ?, e.type, next.last_sequence - ? + e.n, CAST(e.time AS timestamptz), e.payload
            FROM next, unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                WITH ORDINALITY AS e(id, type, time, payload, n)
            ORDER BY e.n
            RETURNING sequence""";

    /** An event to append: its type and its payload, already written as JSON. */
    public record Pending(String type, String json) {
    }

    /** Binds a change's own parameters from {@code first} on, and returns the index of the next parameter. */
    @FunctionalInterface
    public interface Parameters {
        int bind(PreparedStatement statement, int first) throws SQLException;
    }

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
        String data = write(payload, type);
        // One round trip: take the key's next sequence number and insert the event with it.
        UUID id = UUID.randomUUID();
        Instant time = Instant.now();
        long sequence;
        // Plain JDBC: inside the caller's JTA transaction the pool hands out the transaction's own connection, so the
        // event commits or rolls back with the change, and a service needs no JPA to use the outbox.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(APPEND)) {
            sequence = execute(ps, 1, topic, key, id, type, time, data);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append " + type + " to the outbox: " + e.getMessage(), e);
        }
        wakeRelayAfterCommit();
        return new EventEnvelope(id, type, source, time, key, sequence, data);
    }

    /**
     * Makes a change and records the event that announces it in one statement: one round trip, and with no
     * transaction around the call, no transaction but the statement's own (it commits on its own, all of it or
     * nothing). {@code change} is one or more data-modifying common table expressions, separated by commas
     * ({@code "a AS (INSERT ...), b AS (INSERT ... SELECT ... FROM a)"}), whose parameters {@code parameters} binds from
     * 1 on. Inside a transaction it joins it, like {@link #append}. A failure of the change (a unique violation,
     * say) comes back as the {@link SQLException}, with nothing written.
     */
    public EventEnvelope appendWith(String change, Parameters parameters, String topic, String key, String type,
            Object payload) throws SQLException {
        String data = write(payload, type);
        UUID id = UUID.randomUUID();
        Instant time = Instant.now();
        long sequence;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("WITH " + change + ", " + NEXT_SEQUENCE + INSERT_EVENT)) {
            sequence = execute(ps, parameters.bind(ps, 1), topic, key, id, type, time, data);
        }
        if (transactions.getTransactionKey() == null) {
            relay.wakeUp();
        } else {
            wakeRelayAfterCommit();
        }
        return new EventEnvelope(id, type, source, time, key, sequence, data);
    }

    /**
     * Records {@code events} of one key, in their order, with consecutive sequence numbers, in one round trip: for a
     * consumer that produces many events of a key in one transaction (scoring-service, a poll's batch of a plan).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<EventEnvelope> appendAll(String topic, String key, List<Pending> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] times = new String[n];
        String[] payloads = new String[n];
        Instant[] instants = new Instant[n];
        for (int i = 0; i < n; i++) {
            ids[i] = UUID.randomUUID().toString();
            types[i] = events.get(i).type();
            instants[i] = Instant.now();
            times[i] = instants[i].toString();
            payloads[i] = events.get(i).json();
        }
        List<EventEnvelope> sent = new ArrayList<>(n);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(APPEND_ALL)) {
            ps.setString(1, topic);
            ps.setString(2, key);
            ps.setInt(3, n);
            ps.setString(4, topic);
            ps.setString(5, key);
            ps.setInt(6, n);
            ps.setArray(7, c.createArrayOf("text", ids));
            ps.setArray(8, c.createArrayOf("text", types));
            ps.setArray(9, c.createArrayOf("text", times));
            ps.setArray(10, c.createArrayOf("text", payloads));
            List<Long> sequences = new ArrayList<>(n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sequences.add(rs.getLong(1));
                }
            }
            if (sequences.size() != n) {
                throw new IllegalStateException("the outbox took " + sequences.size() + " of " + n + " events");
            }
            // RETURNING gives the inserted rows in no promised order; the sequences are consecutive, in the events' order.
            long first = sequences.stream().mapToLong(Long::longValue).min().orElseThrow();
            for (int i = 0; i < n; i++) {
                sent.add(new EventEnvelope(UUID.fromString(ids[i]), types[i], source, instants[i], key, first + i,
                        payloads[i]));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append " + n + " events of " + key + " to the outbox: "
                    + e.getMessage(), e);
        }
        wakeRelayAfterCommit();
        return sent;
    }

    private static long execute(PreparedStatement ps, int first, String topic, String key, UUID id, String type,
            Instant time, String data) throws SQLException {
        int i = first;
        ps.setString(i++, topic);
        ps.setString(i++, key);
        ps.setObject(i++, id);
        ps.setString(i++, topic);
        ps.setString(i++, key);
        ps.setString(i++, type);
        ps.setTimestamp(i++, Timestamp.from(time));
        ps.setString(i, data);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String write(Object payload, String type) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON: " + type, e);
        }
    }

    private void wakeRelayAfterCommit() {
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
    }
}
