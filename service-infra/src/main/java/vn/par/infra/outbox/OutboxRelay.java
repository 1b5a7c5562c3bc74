package vn.par.infra.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.smallrye.common.annotation.Identifier;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.retry.Backoff;
import vn.par.infra.tracing.EventTracing;

/**
 * Sends outbox rows to Kafka in commit order and deletes them once the broker has acknowledged them.
 *
 * <p>Delivery is at least once: a crash between the broker's acknowledgement and the delete sends a batch
 * again, and consumers recognise the repeat by the event's key and sequence. Order per key holds because rows
 * are sent in id order by one relay at a time (a PostgreSQL advisory lock elects it when several instances
 * run), the producer is idempotent, and a failed send stops the batch there: the failed row and everything
 * after it are sent again, in order, on the next attempt. Reads start past the rows known to be delivered
 * ({@link DeliveredFloor}), not at the table's first row, so they do not walk the deleted rows VACUUM has yet to
 * remove.
 *
 * <p>A row written in a trace is sent in a span of that trace ({@link EventTracing#sending}), from the send to the
 * broker's answer, and its record carries that span's {@code traceparent} as {@code ce_traceparent}.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Advisory lock key shared by every instance of a service: one relay per database at a time. */
    private static final long RELAY_LOCK = 0x5041525f4f555458L; // "PAR_OUTX"

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final Map<String, Object> kafkaConfig;
    private final EventTracing tracing;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private static final long PENDING_COUNT_INTERVAL = TimeUnit.SECONDS.toNanos(5);
    private long pendingCountedAt;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    /** Owned by the relay's thread, like everything {@link #relayBatch} touches. */
    private final DeliveredFloor floor;

    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry meters,
            EventTracing tracing) {
        this.dataSource = dataSource;
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.tracing = tracing;
        this.floor = new DeliveredFloor(config.rescanInterval());
        this.published = Counter.builder("par.outbox.published").description("Events the relay delivered to Kafka")
                .register(meters);
        this.failures = Counter.builder("par.outbox.failures").description("Relay attempts that failed")
                .register(meters);
        meters.gauge("par.outbox.pending", pending);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            Log.info("Outbox relay disabled (par.outbox.relay-enabled=false)");
            return;
        }
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(config.sendTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a transaction that appended events commits. */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The id at or below which every outbox row has been delivered (or rolled back): where the relay's reads start.
     * For tests and diagnostics; read from another thread it may be a moment old.
     */
    public long deliveredFloor() {
        return floor.floor();
    }

    /** Number of events waiting in the outbox at the last look. */
    public long pending() {
        return pending.get();
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), config.maxBackoff());
        while (running) {
            try {
                int sent = relayBatch();
                if (backoff.failing()) {
                    Log.info("Outbox relay recovered: delivering again");
                }
                backoff.reset();
                if (sent < config.batchSize()) {
                    await(config.pollInterval().toMillis());
                }
            } catch (Exception e) {
                failures.increment();
                if (!backoff.failing()) {
                    Log.warnf("Outbox relay cannot deliver (%s); retrying every %d ms at most until it can",
                            rootMessage(e), config.maxBackoff().toMillis());
                } else {
                    Log.debugf(e, "Outbox relay still failing");
                }
                sleep(backoff.nextMillis());
            }
        }
    }

    /**
     * One round: take the oldest rows past the delivered floor, send them, delete those the broker acknowledged.
     * Three round trips to PostgreSQL: the lock and the rows, the delete, the commit (which does not wait for the
     * disk, see {@link #delete}).
     */
    int relayBatch() throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long from = floor.from(System.nanoTime());
                Batch batch = lockAndReadOldest(c, from);
                if (batch == null) {
                    c.rollback();
                    return 0; // another instance is relaying
                }
                List<Row> rows = batch.rows;
                if (rows.isEmpty()) {
                    pending.set(0);
                    c.commit();
                    floor.delivered(batch.xmin, from, false, 0, 0);
                    return 0;
                }
                List<Long> delivered = send(rows);
                long xid = delete(c, delivered);
                c.commit();
                published.increment(delivered.size());
                if (delivered.size() < rows.size()) {
                    throw new IllegalStateException("broker did not acknowledge event "
                            + rows.get(delivered.size()).eventId);
                }
                floor.delivered(batch.xmin, from, rows.size() == config.batchSize(), rows.get(rows.size() - 1).id,
                        xid);
                return delivered.size();
            } catch (SQLException | RuntimeException | InterruptedException e) {
                safeRollback(c);
                throw e;
            }
        }
    }

    /**
     * Takes the relay's lock and, if this instance got it, reads the oldest rows after {@code from}, with the xmin
     * of the snapshot it read them in (see {@link DeliveredFloor}), in one statement: the lock and the xmin are
     * always the one row of the left side, the rows (none if the lock is another instance's) the right.
     *
     * @return the rows in id order, or null when another instance holds the lock
     */
    private Batch lockAndReadOldest(Connection c, long from) throws SQLException {
        List<Row> rows = new ArrayList<>();
        boolean held = false;
        long xmin = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT l.held, l.xmin, o.id, o.event_id, o.topic, o.event_key, o.event_type, o.sequence,
                       o.occurred_at, o.payload, o.traceparent
                FROM (SELECT pg_try_advisory_xact_lock(?) AS held,
                             CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS text) AS bigint) AS xmin) l
                LEFT JOIN LATERAL (SELECT * FROM outbox_event WHERE l.held AND id > ? ORDER BY id LIMIT ?) o ON true
                ORDER BY o.id""")) {
            ps.setLong(1, RELAY_LOCK);
            ps.setLong(2, from);
            ps.setInt(3, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held = rs.getBoolean("held");
                    xmin = rs.getLong("xmin");
                    if (rs.getObject("id") == null) {
                        continue; // the lock's row with no outbox row beside it
                    }
                    // The payload as the server sent it (UTF-8; pgjdbc hands a text column's bytes over as they
                    // are): decoding it to a String only to encode it again for Kafka was a twentieth of the CPU of
                    // scoring-service, whose events carry Vietnamese titles.
                    rows.add(new Row(rs.getLong("id"), rs.getString("topic"), (UUID) rs.getObject("event_id"),
                            rs.getString("event_type"), rs.getTimestamp("occurred_at").toInstant(),
                            rs.getString("event_key"), rs.getLong("sequence"), rs.getBytes("payload"),
                            rs.getString("traceparent")));
                }
            }
        }
        if (!held) {
            return null;
        }
        if (rows.size() < config.batchSize()) {
            pending.set(rows.size());
        } else if (System.nanoTime() - pendingCountedAt > PENDING_COUNT_INTERVAL) {
            // A backlog (say, after a Kafka outage): count it now and then, not on every batch.
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox_event");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                pending.set(rs.getLong(1));
            }
            pendingCountedAt = System.nanoTime();
        }
        return new Batch(xmin, rows);
    }

    /** Sends the rows in order and returns the ids of the longest acknowledged prefix. */
    private List<Long> send(List<Row> rows) throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        List<Span> spans = new ArrayList<>(rows.size());
        List<Long> delivered = new ArrayList<>(rows.size());
        try {
            for (Row row : rows) {
                Span span = tracing.sending(row.traceparent, row.topic, row.eventId, row.type, row.key);
                spans.add(span);
                try {
                    acks.add(producer.send(new ProducerRecord<>(row.topic, null, row.key, row.data,
                            EventEnvelope.headers(row.eventId, row.type, config.source(), row.time, row.key,
                                    row.sequence, EventTracing.traceparent(span)))));
                } catch (RuntimeException e) {
                    Log.debugf(e, "send of %s refused", row.eventId);
                    break;
                }
            }
            producer.flush();
            long deadline = System.nanoTime() + config.sendTimeout().toNanos();
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    delivered.add(rows.get(i).id);
                    spans.get(i).end();
                } catch (ExecutionException | TimeoutException e) {
                    Log.debugf(e, "event %s not acknowledged", rows.get(i).eventId);
                    break;
                }
            }
        } finally {
            // The rows not acknowledged (refused, failed, timed out, interrupted) are sent again in new spans.
            for (int i = delivered.size(); i < spans.size(); i++) {
                spans.get(i).setStatus(StatusCode.ERROR, "not acknowledged by the broker");
                spans.get(i).end();
            }
        }
        return delivered;
    }

    /**
     * Deletes the delivered rows and returns the transaction's xid (taken now, after the read: see
     * {@link DeliveredFloor}), 0 when there was nothing to delete; the transaction then commits without waiting for
     * its WAL to reach the disk. Safe for this transaction only: if PostgreSQL crashes before the WAL is flushed (a
     * fraction of a second), the rows come back and are sent again, which at-least-once delivery allows and consumers
     * skip by sequence. It saves a disk flush per round, which every event appended meanwhile waits for.
     */
    private long delete(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH deleted AS (DELETE FROM outbox_event WHERE id = ANY (?))
                SELECT CAST(CAST(pg_current_xact_id() AS text) AS bigint),
                       set_config('synchronous_commit', 'off', true)""")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new java.util.HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        // A plan's full snapshot is JSON that compresses well; a very large plan (thousands of criteria) is over a
        // megabyte uncompressed, the broker's default limit. Services of small events turn it off (OutboxConfig).
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().replace('/', '-'));
        int timeout = (int) config.sendTimeout().toMillis();
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 10_000));
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeout, 10_000));
        return props;
    }

    private void await(long millis) throws InterruptedException {
        lock.lock();
        try {
            if (!woken && running) {
                wake.await(millis, TimeUnit.MILLISECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it is all that is left
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The rows one read returned, with its snapshot's xmin. */
    private record Batch(long xmin, List<Row> rows) {
    }

    /**
     * An outbox row as sent: the envelope's attributes, its data, still in UTF-8, and the traceparent of the span that
     * wrote it (null for none).
     */
    private record Row(long id, String topic, UUID eventId, String type, Instant time, String key, long sequence,
            byte[] data, String traceparent) {
    }
}
