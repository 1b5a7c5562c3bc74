package vn.par.bench;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.stack.Stack;

/**
 * Reporters posting valid lead reports as fast as progress-service accepts them (closed loop: each of the
 * concurrent reporters posts its next report when the previous one is answered), over every loaded plan and
 * lead unit with the units' real tokens; then whether scoring kept up.
 */
final class Throughput {

    /** The body a reporter posts: every report is a lead report whose percent differs from the task's last one. */
    static String body(int percent) {
        return "{\"status\":\"IN_PROGRESS\",\"percentComplete\":" + percent + ",\"comment\":\"benchmark\"}";
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Posts the task's next report (a fresh Idempotency-Key, as the portal sends) on the connection; for a RATIO leaf
     * its next indicator, {@code percent} of 100 cases, which moves the leaf's points every time (fullAt 100).
     */
    static RawHttp.Response post(RawHttp http, Fixture fixture, Fixture.TaskRef task) throws java.io.IOException {
        if (task.indicator()) {
            return http.postJson("/api/plans/" + task.plan() + "/criteria/" + task.criterion() + "/indicators",
                    fixture.tokens.get(task.unit()), UUID.randomUUID().toString(),
                    "{\"numerator\":" + task.nextPercent() + ",\"denominator\":100,\"comment\":\"benchmark\"}");
        }
        return http.postJson("/api/tasks/" + task.task() + "/reports", fixture.tokens.get(task.unit()),
                UUID.randomUUID().toString(), body(task.nextPercent()));
    }

    private Throughput() {
    }

    /** One reporter: takes a task, posts its next report, puts the task back; until the window ends. */
    private static void report(String progressUrl, Fixture fixture, BlockingQueue<Fixture.TaskRef> queue, long windowStart,
            long windowEnd, AtomicLong acceptedInWindow, AtomicLong acceptedTotal, ConcurrentLinkedQueue<Long> latencies,
            AtomicLong errors, AtomicLong retries, Map<String, AtomicLong> errorsByKind,
            ConcurrentLinkedQueue<String> errorSamples) {
        RawHttp http = new RawHttp(progressUrl);
        try {
            while (System.nanoTime() < windowEnd) {
                Fixture.TaskRef task;
                try {
                    task = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                long t0 = System.nanoTime();
                String failure = null;
                try {
                    RawHttp.Response r = post(http, fixture, task);
                    if (r.status() != 201) {
                        failure = "HTTP " + r.status() + " " + Api.abbreviate(r.body(), 300);
                    }
                } catch (Exception e) {
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                long t1 = System.nanoTime();
                queue.add(task);
                if (failure == null) {
                    acceptedTotal.incrementAndGet();
                    fixture.accepted.incrementAndGet();
                    if (t1 >= windowStart && t1 < windowEnd) {
                        acceptedInWindow.incrementAndGet();
                        latencies.add(t1 - t0);
                    }
                } else {
                    errors.incrementAndGet();
                    String kind = failure.length() > 40 ? failure.substring(0, 40) : failure;
                    errorsByKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
                    if (errorSamples.size() < 10) {
                        errorSamples.add(task.task() + " (" + task.unit() + "): " + failure);
                    }
                }
            }
        } finally {
            retries.addAndGet(http.retries);
            http.close();
        }
    }

    static ObjectNode run(Stack stack, Options options, Fixture fixture, Footprint footprint, Consumer<String> log) {
        String progressUrl = stack.url("progress-service");
        List<Fixture.TaskRef> shuffled = new ArrayList<>(fixture.tasks);
        shuffled.addAll(fixture.indicators);
        Collections.shuffle(shuffled, new Random(8));
        // A task is in at most one request at a time, so its reports are applied in the order they were sent.
        BlockingQueue<Fixture.TaskRef> queue = new ArrayBlockingQueue<>(shuffled.size(), true, shuffled);
        int concurrency = Math.min(options.concurrency(), shuffled.size());

        AtomicLong acceptedInWindow = new AtomicLong();
        AtomicLong acceptedTotal = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        Map<String, AtomicLong> errorsByKind = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long windowStart = start + Duration.ofSeconds(options.warmupSeconds()).toNanos();
        long windowEnd = windowStart + Duration.ofSeconds(options.seconds()).toNanos();

        log.accept(String.format("throughput: %d reporters in flight over %d tasks of %d plans, %d units; warm-up %d s, "
                + "measuring %d s ...", concurrency, shuffled.size(), fixture.plans.size(), fixture.tokens.size(),
                options.warmupSeconds(), options.seconds()));
        Map<String, Double> cpuBefore = new java.util.HashMap<>();
        ObjectNode pgBefore = PgStats.read(stack);
        Connection scoring = Pg.connect(stack, "scoring");
        Connection progress = Pg.connect(stack, "progress");
        List<Thread> workers = new ArrayList<>();
        ObjectNode out = Api.JSON.createObjectNode();
        try (Footprint.Sampler rss = footprint.sample(250); Admin admin = Kafka.admin(stack.kafkaBootstrap())) {
            for (int w = 0; w < concurrency; w++) {
                Thread t = new Thread(() -> report(progressUrl, fixture, queue, windowStart, windowEnd, acceptedInWindow,
                        acceptedTotal, latencies, errors, retries, errorsByKind, errorSamples), "bench-reporter-" + w);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            // Progress lines (kept as a series: is the rate steady?), and the CPU reading at the window's start.
            com.fasterxml.jackson.databind.node.ArrayNode series = out.putArray("rateSeries");
            long lastPrint = System.nanoTime();
            long lastAccepted = 0;
            boolean inWindow = false;
            while (System.nanoTime() < windowEnd) {
                Util.sleep(200);
                if (!inWindow && System.nanoTime() >= windowStart) {
                    inWindow = true;
                    cpuBefore.putAll(footprint.cpu());
                }
                if (System.nanoTime() - lastPrint >= Duration.ofSeconds(options.seconds() >= 30 ? 10 : 2).toNanos()) {
                    long now = acceptedTotal.get();
                    double intervalRate = (now - lastAccepted) / Util.seconds(System.nanoTime() - lastPrint);
                    series.addObject().put("atSecond", Util.round(Util.seconds(System.nanoTime() - start), 1))
                            .put("reportsPerSecond", Util.round(intervalRate, 1)).put("warmup", !inWindow);
                    log.accept(String.format(java.util.Locale.ROOT, "  %s reports/s, %d accepted, %d errors%s",
                            Util.f0(intervalRate), now, errors.get(), inWindow ? "" : " (warm-up)"));
                    lastPrint = System.nanoTime();
                    lastAccepted = now;
                }
            }
            Map<String, Double> cpuAfter = footprint.cpu();
            double windowSeconds = Util.seconds(windowEnd - windowStart);
            for (Thread t : workers) {
                t.join(Duration.ofSeconds(40).toMillis());
            }
            long postedAt = System.nanoTime();
            ObjectNode pgAfter = PgStats.read(stack);
            double rate = acceptedInWindow.get() / windowSeconds;
            out.put("concurrency", concurrency);
            out.put("warmupSeconds", options.warmupSeconds());
            out.put("seconds", options.seconds());
            out.put("acceptedInWindow", acceptedInWindow.get());
            out.put("acceptedPerSecond", Util.round(rate, 1));
            out.put("acceptedTotal", acceptedTotal.get());
            out.put("errors", errors.get());
            out.put("resentOnAFreshConnection", retries.get());
            ObjectNode kinds = out.putObject("errorsByKind");
            errorsByKind.forEach((k, v) -> kinds.put(k, v.get()));
            errorSamples.forEach(out.putArray("errorSamples")::add);
            out.set("responseTimeMillis", Stats.millis(latencies));
            out.put("client", "one keep-alive HTTP/1.1 connection per reporter (blocking socket); every request carries a "
                    + "fresh Idempotency-Key, as the unit portal does");
            log.accept(String.format(java.util.Locale.ROOT, "throughput: %s accepted reports/s (%d in %d s), %d errors; "
                    + "response p50 %s ms, p99 %s ms", Util.f1(rate), acceptedInWindow.get(), options.seconds(),
                    errors.get(), out.get("responseTimeMillis").path("p50").asText("-"),
                    out.get("responseTimeMillis").path("p99").asText("-")));

            // Did scoring keep up? Its committed offsets on par.progress, and what it has applied.
            long expected = fixture.accepted.get();
            long lagAtEnd = Kafka.scoringLag(admin);
            long outboxAtEnd = Pg.single(progress, "SELECT count(*) FROM outbox_event");
            long appliedAtEnd = Pg.appliedProgress(scoring, fixture.plans);
            Double lagZeroAfter = null;
            Double appliedAfter = appliedAtEnd >= expected ? 0.0 : null;
            long deadline = postedAt + Duration.ofSeconds(120).toNanos();
            long lag = lagAtEnd;
            while ((lagZeroAfter == null || appliedAfter == null) && System.nanoTime() < deadline) {
                if (lagZeroAfter == null) {
                    lag = Kafka.scoringLag(admin);
                    if (lag == 0 && Pg.single(progress, "SELECT count(*) FROM outbox_event") == 0) {
                        lagZeroAfter = Util.seconds(System.nanoTime() - postedAt);
                    }
                }
                if (appliedAfter == null && Pg.appliedProgress(scoring, fixture.plans) >= expected) {
                    appliedAfter = Util.seconds(System.nanoTime() - postedAt);
                }
                if (lagZeroAfter == null || appliedAfter == null) {
                    Util.sleep(100);
                }
            }
            ObjectNode kept = out.putObject("scoringKeptUp");
            kept.put("lagAtEnd", lagAtEnd);
            kept.put("progressOutboxPendingAtEnd", outboxAtEnd);
            kept.put("notYetAppliedAtEnd", Math.max(0, expected - appliedAtEnd));
            kept.put("secondsUntilLagZero", lagZeroAfter == null ? null : Util.round(lagZeroAfter, 2));
            kept.put("secondsUntilAllApplied", appliedAfter == null ? null : Util.round(appliedAfter, 2));
            if (lagZeroAfter == null) {
                kept.put("lagWhenGivenUp", lag);
            }
            kept.put("note", "lag = par.progress end offsets minus scoring-service's committed offsets (Admin API), "
                    + "counted as zero once progress-service's outbox is empty too; applied = sum of "
                    + "scored_plan.progress_sequence over the loaded plans = reports accepted so far");
            log.accept(String.format(java.util.Locale.ROOT, "scoring at the end: lag %d records (outbox %d, not yet applied "
                    + "%d); lag 0 after %s s, everything applied after %s s", lagAtEnd, outboxAtEnd,
                    Math.max(0, expected - appliedAtEnd), lagZeroAfter == null ? "> 120" : Util.f2(lagZeroAfter),
                    appliedAfter == null ? "> 120" : Util.f2(appliedAfter)));

            out.set("cpu", Footprint.cpuBetween(cpuBefore, cpuAfter, windowSeconds));
            out.set("rssMaxMiB", rss.maxMiB());
            out.set("postgres", PgStats.between(pgBefore, pgAfter, acceptedTotal.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        } finally {
            workers.forEach(Thread::interrupt);
            Pg.close(scoring);
            Pg.close(progress);
        }
        return out;
    }
}
