package vn.par.infra.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import vn.par.infra.tracing.EventTracing;

/**
 * Appends events to the transactional outbox, atomically with the change they announce: {@link #append} and
 * {@link #appendAll} inside the transaction that makes the change, {@link #appendWith} in the very statement that
 * makes it. Either both are committed or neither is. The {@link OutboxRelay} sends them on.
 *
 * <p>Each row keeps the W3C {@code traceparent} of the span that wrote it (the request's, for {@link #append} and
 * {@link #appendWith}), so the event continues the request's trace once it is on Kafka (see {@link EventTracing}).
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

    /** Inserts the event with that number (parameters: event id, topic, key, type, time, payload, traceparent). */
    private static final String INSERT_EVENT = """
            INSERT INTO outbox_event (event_id, topic, event_key, event_type, sequence, occurred_at, payload, traceparent)
            SELECT ?, ?, ?, ?, last_sequence, ?, ?, ? FROM next
            RETURNING sequence""";

    /**
     * The one statement of an append: takes the key's next sequence number and inserts the event with it.
     * Parameters: topic, key, event id, topic, key, type, time, payload, traceparent (null outside a trace); returns
     * the sequence. Public so that the benchmark's PostgreSQL limit measures exactly this statement.
     */
    public static final String APPEND = "WITH " + NEXT_SEQUENCE + INSERT_EVENT;

    /**
     * Many events of many keys at once: takes each key's sequence numbers with one upsert per key and inserts the
     * events in their order. Parameters: the events' keys, ids, types, times, payloads and traceparents as text
     * arrays, then the topic twice; returns each event's key and sequence (in no promised row order). The keys' sequence rows are
     * taken in key order, so two such statements cannot deadlock on them.
     */
    private static final String APPEND_ALL = """
            WITH e AS (
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                    CAST(? AS text[]), CAST(? AS text[]))
                    WITH ORDINALITY AS e(event_key, id, type, time, payload, traceparent, n)),
            counts AS (
                SELECT event_key, count(*) AS k FROM e GROUP BY event_key),
            next AS (
                INSERT INTO outbox_sequence (topic, event_key, last_sequence)
                SELECT ?, event_key, k FROM counts ORDER BY event_key
                ON CONFLICT (topic, event_key) DO UPDATE SET last_sequence = outbox_sequence.last_sequence + EXCLUDED.last_sequence
                RETURNING event_key, last_sequence)
            INSERT INTO outbox_event (event_id, topic, event_key, event_type, sequence, occurred_at, payload, traceparent)
            SELECT CAST(e.id AS uuid), ?, e.event_key, e.type,
                next.last_sequence - counts.k + row_number() OVER (PARTITION BY e.event_key ORDER BY e.n),
                CAST(e.time AS timestamptz), e.payload, e.traceparent
            FROM e JOIN counts USING (event_key) JOIN next USING (event_key)
            ORDER BY e.n
            RETURNING event_key, sequence""";

    /**
     * An event to append: its type, its payload already written as JSON, and the W3C {@code traceparent} of the trace
     * it continues (null for none).
     */
    public record Pending(String type, String json, String traceparent) {

        /** An event of the current trace (the request's, say), as {@link Outbox#append} records it. */
        public Pending(String type, String json) {
            this(type, json, EventTracing.current());
        }
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
            sequence = execute(ps, 1, topic, key, id, type, time, data, EventTracing.current());
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
            sequence = execute(ps, parameters.bind(ps, 1), topic, key, id, type, time, data, EventTracing.current());
        }
        if (transactions.getTransactionKey() == null) {
            relay.wakeUp();
        } else {
            wakeRelayAfterCommit();
        }
        return new EventEnvelope(id, type, source, time, key, sequence, data);
    }

    /**
     * Records events of many keys in one round trip, each key's in their order with consecutive sequence numbers: for a
     * consumer that produces many events in one transaction (scoring-service: a poll's batch, hundreds of scores of
     * dozens of plans; one statement per plan was most of a busy batch's time).
     *
     * @return the recorded events, by key, in the order given
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, List<EventEnvelope>> appendAll(String topic, Map<String, List<Pending>> eventsByKey) {
        int n = eventsByKey.values().stream().mapToInt(List::size).sum();
        if (n == 0) {
            return Map.of();
        }
        String[] keys = new String[n];
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] times = new String[n];
        String[] payloads = new String[n];
        String[] traceparents = new String[n];
        Instant[] instants = new Instant[n];
        int i = 0;
        for (Map.Entry<String, List<Pending>> entry : eventsByKey.entrySet()) {
            for (Pending event : entry.getValue()) {
                keys[i] = entry.getKey();
                ids[i] = UUID.randomUUID().toString();
                types[i] = event.type();
                instants[i] = Instant.now();
                times[i] = instants[i].toString();
                payloads[i] = event.json();
                traceparents[i] = event.traceparent();
                i++;
            }
        }
        Map<String, Long> firstSequence = new HashMap<>();
        int rows = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(APPEND_ALL)) {
            ps.setArray(1, c.createArrayOf("text", keys));
            ps.setArray(2, c.createArrayOf("text", ids));
            ps.setArray(3, c.createArrayOf("text", types));
            ps.setArray(4, c.createArrayOf("text", times));
            ps.setArray(5, c.createArrayOf("text", payloads));
            ps.setArray(6, c.createArrayOf("text", traceparents));
            ps.setString(7, topic);
            ps.setString(8, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // RETURNING gives the rows in no promised order; a key's sequences are consecutive, in its events' order.
                    firstSequence.merge(rs.getString(1), rs.getLong(2), Math::min);
                    rows++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot append " + n + " events of " + eventsByKey.size()
                    + " keys to the outbox: " + e.getMessage(), e);
        }
        if (rows != n) {
            throw new IllegalStateException("the outbox took " + rows + " of " + n + " events");
        }
        Map<String, List<EventEnvelope>> sent = new LinkedHashMap<>();
        i = 0;
        for (Map.Entry<String, List<Pending>> entry : eventsByKey.entrySet()) {
            List<EventEnvelope> ofKey = new ArrayList<>(entry.getValue().size());
            long first = firstSequence.getOrDefault(entry.getKey(), 0L); // unused for a key given no events
            for (int k = 0; k < entry.getValue().size(); k++, i++) {
                ofKey.add(new EventEnvelope(UUID.fromString(ids[i]), types[i], source, instants[i], keys[i], first + k,
                        payloads[i]));
            }
            sent.put(entry.getKey(), ofKey);
        }
        wakeRelayAfterCommit();
        return sent;
    }

    private static long execute(PreparedStatement ps, int first, String topic, String key, UUID id, String type,
            Instant time, String data, String traceparent) throws SQLException {
        int i = first;
        ps.setString(i++, topic);
        ps.setString(i++, key);
        ps.setObject(i++, id);
        ps.setString(i++, topic);
        ps.setString(i++, key);
        ps.setString(i++, type);
        ps.setTimestamp(i++, Timestamp.from(time));
        ps.setString(i++, data);
        ps.setString(i, traceparent);
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
