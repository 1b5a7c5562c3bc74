package vn.par.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.outbox.Outbox;
import vn.par.stack.PostgresServer;
import vn.par.stack.Stack;

/**
 * The machine's own ceilings, measured on the stack's engines while the services idle: PostgreSQL's rate of durable
 * report-shaped transactions, and Kafka's producer rate for event-sized records.
 */
final class Limits {

    static final int PG_CONNECTIONS = 8;
    static final int PLAN_KEYS = 200;
    static final String KAFKA_TOPIC = "bench.limits";
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";

    private Limits() {
    }

    /**
     * In a scratch database {@code bench}: tables shaped like progress-service's {@code progress_report} and the
     * outbox ({@code outbox_event}, {@code outbox_sequence}); 8 connections, each transaction = insert a report +
     * take the plan's next sequence and insert the outbox row (one statement, exactly as {@code Outbox.append}
     * does), synchronous commit on.
     */
    static ObjectNode postgres(Stack stack, int seconds, Consumer<String> log) {
        PostgresServer.ensureDatabase(stack.jdbcUrl("postgres"), stack.postgresUser(), stack.postgresPassword(), "bench");
        ObjectNode out = Api.JSON.createObjectNode();
        try (Connection c = Pg.connect(stack, "bench"); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS progress_report, outbox_event, outbox_sequence");
            s.execute("""
                    CREATE TABLE progress_report (
                        id UUID PRIMARY KEY, task_id UUID NOT NULL, plan_id UUID NOT NULL, criterion_code TEXT NOT NULL,
                        unit TEXT NOT NULL, role VARCHAR(20) NOT NULL, reported_by VARCHAR(200) NOT NULL,
                        status VARCHAR(20) NOT NULL,
                        percent_complete INTEGER NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
                        comment TEXT, evidence JSONB NOT NULL, reported_at TIMESTAMPTZ NOT NULL,
                        changes_task_state BOOLEAN NOT NULL, idempotency_key VARCHAR(200), request_hash VARCHAR(64))""");
            s.execute("CREATE INDEX progress_report_task ON progress_report (task_id, reported_at DESC)");
            s.execute("CREATE UNIQUE INDEX progress_report_idempotency ON progress_report (reported_by, idempotency_key)"
                    + " WHERE idempotency_key IS NOT NULL");
            s.execute("""
                    CREATE TABLE outbox_event (
                        id BIGSERIAL PRIMARY KEY, event_id UUID NOT NULL UNIQUE, topic VARCHAR(200) NOT NULL,
                        event_key VARCHAR(200) NOT NULL, event_type VARCHAR(100) NOT NULL, sequence BIGINT NOT NULL,
                        occurred_at TIMESTAMPTZ NOT NULL, payload TEXT NOT NULL, traceparent TEXT)""");
            s.execute("""
                    CREATE TABLE outbox_sequence (
                        topic VARCHAR(200) NOT NULL, event_key VARCHAR(200) NOT NULL, last_sequence BIGINT NOT NULL,
                        PRIMARY KEY (topic, event_key))""");
            out.put("serverSynchronousCommit", Pg.text(c, "SHOW synchronous_commit"));
            out.put("fsync", Pg.text(c, "SHOW fsync"));
            out.put("walSyncMethod", Pg.text(c, "SHOW wal_sync_method"));
            out.put("serverVersion", Pg.text(c, "SHOW server_version"));
        } catch (SQLException e) {
            throw new BenchmarkException("cannot prepare database bench: " + e.getMessage(), e);
        }
        UUID[] plans = new UUID[PLAN_KEYS];
        for (int i = 0; i < plans.length; i++) {
            plans[i] = UUID.randomUUID();
        }
        AtomicLong committed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < PG_CONNECTIONS; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                try (Connection c = Pg.connect(stack, "bench")) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET synchronous_commit = on");
                    }
                    c.setAutoCommit(false);
                    PreparedStatement report = c.prepareStatement("""
                            INSERT INTO progress_report (id, task_id, plan_id, criterion_code, unit, role, reported_by, status,
                                percent_complete, comment, evidence, reported_at, changes_task_state, idempotency_key,
                                request_hash)
                            VALUES (?, ?, ?, '6.1.2', 'B1-KHTC', 'LEAD', 'b1-khtc', 'IN_PROGRESS', ?, 'benchmark',
                                '[]'::jsonb, ?, true, ?, ?)""");
                    PreparedStatement outbox = c.prepareStatement(Outbox.APPEND);
                    java.util.Random random = new java.util.Random(worker);
                    while (System.nanoTime() < end && failure.get() == null) {
                        UUID plan = plans[random.nextInt(plans.length)];
                        UUID id = UUID.randomUUID();
                        Timestamp now = Timestamp.from(Instant.now());
                        report.setObject(1, id);
                        report.setObject(2, UUID.randomUUID());
                        report.setObject(3, plan);
                        report.setInt(4, 1 + random.nextInt(99));
                        report.setTimestamp(5, now);
                        report.setString(6, UUID.randomUUID().toString());
                        report.setString(7, "0".repeat(64));
                        report.executeUpdate();
                        outbox.setString(1, "par.progress");
                        outbox.setString(2, plan.toString());
                        outbox.setObject(3, UUID.randomUUID());
                        outbox.setString(4, "par.progress");
                        outbox.setString(5, plan.toString());
                        outbox.setString(6, "ProgressReported");
                        outbox.setTimestamp(7, now);
                        outbox.setString(8, payload(id, plan));
                        outbox.setString(9, TRACEPARENT); // what a report's request gives its row
                        outbox.executeQuery().close();
                        c.commit();
                        committed.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-pg-" + w);
            threads.add(t);
            t.start();
        }
        join(threads);
        double elapsed = Util.seconds(System.nanoTime() - start);
        if (failure.get() != null) {
            throw new BenchmarkException("PostgreSQL limit: " + failure.get().getMessage(), failure.get());
        }
        double tps = committed.get() / elapsed;
        out.put("connections", PG_CONNECTIONS);
        out.put("seconds", Util.round(elapsed, 2));
        out.put("transactions", committed.get());
        out.put("transactionsPerSecond", Util.round(tps, 1));
        out.put("transaction", "INSERT progress_report; WITH next AS (upsert outbox_sequence) INSERT outbox_event; "
                + "COMMIT (synchronous_commit = on, JDBC over TCP)");
        log.accept(String.format(java.util.Locale.ROOT, "PostgreSQL: %s report-shaped transactions/s (8 connections, "
                + "synchronous commit, %d in %.1f s)", Util.f0(tps), committed.get(), elapsed));
        return out;
    }

    /**
     * Producer rate into a scratch topic of 6 partitions: ~400-byte records keyed by 200 plan ids with the
     * CloudEvents headers, acks=all and idempotent; once with the client's defaults and once with the outbox
     * relay's settings (linger.ms=2, batch.size=262144).
     */
    static ObjectNode kafka(Stack stack, int seconds, Consumer<String> log) {
        ObjectNode out = Api.JSON.createObjectNode();
        String bootstrap = stack.kafkaBootstrap();
        try (Admin admin = Kafka.admin(bootstrap)) {
            try {
                admin.deleteTopics(List.of(KAFKA_TOPIC)).all().get(30, TimeUnit.SECONDS);
                Util.sleep(1000);
            } catch (ExecutionException | java.util.concurrent.TimeoutException absent) {
                // not there: fine
            }
            admin.createTopics(List.of(new NewTopic(KAFKA_TOPIC, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            List<ProducerRecord<String, String>> records = records(2_000);
            out.put("recordValueBytes", records.get(0).value().length());
            out.put("partitions", 6);
            out.put("keys", PLAN_KEYS);
            ObjectNode defaults = produce(bootstrap, records, Map.of(), seconds);
            defaults.put("settings", "client defaults (acks=all, enable.idempotence=true)");
            out.set("defaults", defaults);
            log.accept("Kafka: " + Util.f0(defaults.get("recordsPerSecond").asDouble())
                    + " records/s with the client's defaults (acks=all, idempotent)");
            ObjectNode relay = produce(bootstrap, records,
                    Map.of(ProducerConfig.LINGER_MS_CONFIG, 2, ProducerConfig.BATCH_SIZE_CONFIG, 262_144), seconds);
            relay.put("settings", "outbox relay's (acks=all, idempotent, linger.ms=2, batch.size=262144)");
            out.set("relaySettings", relay);
            log.accept("Kafka: " + Util.f0(relay.get("recordsPerSecond").asDouble())
                    + " records/s with the outbox relay's settings (linger.ms=2, batch.size=262144)");
            admin.deleteTopics(List.of(KAFKA_TOPIC)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new BenchmarkException("Kafka limit: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        }
        return out;
    }

    private static ObjectNode produce(String bootstrap, List<ProducerRecord<String, String>> records,
            Map<String, Object> settings, int seconds) throws InterruptedException {
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long sent = 0;
        long start;
        long elapsed;
        try (KafkaProducer<String, String> producer = Kafka.producer(bootstrap, settings)) {
            producer.partitionsFor(KAFKA_TOPIC); // metadata outside the measurement
            start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1000; i++) {
                    ProducerRecord<String, String> r = records.get((int) (sent++ % records.size()));
                    producer.send(new ProducerRecord<>(KAFKA_TOPIC, null, r.key(), r.value(), r.headers()), (m, e) -> {
                        if (e == null) {
                            acked.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    });
                }
            }
            producer.flush();
            elapsed = System.nanoTime() - start;
        }
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("records", acked.get());
        o.put("failed", failed.get());
        o.put("seconds", Util.round(Util.seconds(elapsed), 2));
        o.put("recordsPerSecond", Util.round(acked.get() / Util.seconds(elapsed), 1));
        return o;
    }

    /** Event-sized records: a ProgressReported's JSON and its CloudEvents headers, keyed by 200 plan ids. */
    private static List<ProducerRecord<String, String>> records(int count) {
        UUID[] plans = new UUID[PLAN_KEYS];
        for (int i = 0; i < plans.length; i++) {
            plans[i] = UUID.randomUUID();
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        Instant time = Instant.now();
        for (int i = 0; i < count; i++) {
            UUID plan = plans[i % plans.length];
            EventEnvelope e = Kafka.leadReport(plan, i + 1, UUID.randomUUID().toString(), "6.1.2", "B1-KHTC",
                    1 + i % 99, time);
            records.add(Kafka.record(KAFKA_TOPIC, e));
        }
        return records;
    }

    private static String payload(UUID id, UUID plan) {
        return "{\"reportId\":\"" + id + "\",\"planId\":\"" + plan + "\",\"taskId\":\"" + UUID.randomUUID()
                + "\",\"criterionCode\":\"6.1.2\",\"unit\":\"B1-KHTC\",\"role\":\"LEAD\",\"status\":\"IN_PROGRESS\","
                + "\"percentComplete\":60,\"reportedBy\":\"b1-khtc\",\"reportedAt\":\"" + Instant.now()
                + "\",\"changesTaskState\":true}";
    }

    private static void join(List<Thread> threads) {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkException("interrupted");
            }
        }
    }
}
