package vn.par.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import vn.par.stack.Stack;

/**
 * Unit clerks posting progress reports concurrently, over real HTTP with real tokens. Each task belongs to one
 * reporter thread, which posts its reports one after the other, so the test knows which report is the latest of
 * every task. A report whose answer is lost (connection refused, timeout, 5xx) is posted again with the same
 * Idempotency-Key until it is answered, so "accepted" is never in doubt: a retry of a report the server did
 * store gets the original back.
 */
public final class Reporters {

    /** What the test knows after the run. */
    public record Outcome(int accepted, Map<UUID, Integer> latestPercent, int retries, long slowestFailureMillis,
            List<String> unexpected) {
    }

    private static final String[] STATUSES = { "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "BLOCKED" };

    private final Stack stack;
    private final String progressUrl;
    private final List<PlanModel.Task> tasks;
    private final int threads;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    public Reporters(Stack stack, List<PlanModel.Task> tasks, int threads) {
        this.stack = stack;
        this.progressUrl = stack.url("progress-service");
        this.tasks = List.copyOf(tasks);
        this.threads = Math.min(threads, tasks.size());
    }

    /**
     * Posts {@code total} reports spread over the threads and waits until all are accepted.
     *
     * @param afterEach called with the number accepted so far after each acceptance (to inject a fault)
     * @param giveUp    how long one report may keep failing before the run fails
     */
    public Outcome post(int total, IntConsumer afterEach, Duration giveUp) {
        return post(total, () -> true, 0, afterEach, giveUp);
    }

    /**
     * Posts reports while {@code keepGoing} holds (at most {@code total}), each thread pausing {@code pauseMillis}
     * between its reports, and waits until every report posted is answered.
     */
    public Outcome post(int total, java.util.function.BooleanSupplier keepGoing, long pauseMillis, IntConsumer afterEach,
            Duration giveUp) {
        Map<UUID, Integer> latest = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        AtomicLong slowestFailure = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            List<PlanModel.Task> mine = new ArrayList<>();
            for (int i = w; i < tasks.size(); i += threads) {
                mine.add(tasks.get(i));
            }
            int share = total / threads + (w < total % threads ? 1 : 0);
            Random random = new Random(w);
            Thread t = new Thread(() -> {
                for (int n = 0; n < share && keepGoing.getAsBoolean(); n++) {
                    if (pauseMillis > 0) {
                        sleep(pauseMillis);
                    }
                    PlanModel.Task task = mine.get(n % mine.size());
                    String status = n == share - 1 && random.nextInt(4) == 0 ? "DONE" : STATUSES[random.nextInt(STATUSES.length)];
                    int percent = status.equals("DONE") ? 100 : 1 + random.nextInt(99);
                    if (postUntilAnswered(task, status, percent, giveUp, unexpected, retries, slowestFailure)) {
                        latest.put(task.id(), percent);
                        afterEach.accept(accepted.incrementAndGet());
                    }
                }
            }, "reporter-" + w);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return new Outcome(accepted.get(), Map.copyOf(latest), retries.get(), slowestFailure.get(), List.copyOf(unexpected));
    }

    private boolean postUntilAnswered(PlanModel.Task task, String status, int percent, Duration giveUp,
            List<String> unexpected, AtomicInteger retries, AtomicLong slowestFailure) {
        String key = UUID.randomUUID().toString();
        String unit = task.leadUnits().get(0);
        String body = "{\"status\":\"" + status + "\",\"percentComplete\":" + percent + ",\"comment\":\"kiểm thử độ tin cậy\"}";
        long deadline = System.nanoTime() + giveUp.toNanos();
        while (true) {
            long t0 = System.nanoTime();
            int code;
            String answer;
            try {
                HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(
                        URI.create(progressUrl + "/api/tasks/" + task.id() + "/reports"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token(unit))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                code = r.statusCode();
                answer = r.body();
                if (code >= 500) {
                    String type = r.headers().firstValue("Content-Type").orElse("");
                    if (!type.startsWith("application/problem+json")) {
                        unexpected.add(code + " without problem+json: " + type + " " + answer);
                    }
                }
            } catch (Exception e) {
                code = -1;
                answer = e.toString();
            }
            if (code == 201 || code == 200) {
                return true;
            }
            if (code == 401) {
                tokens.remove(unit); // expired: fetch a new one and try again
            } else if (code >= 400 && code < 500) {
                unexpected.add("report on " + task.id() + " refused with " + code + ": " + answer);
                return false;
            }
            long took = (System.nanoTime() - t0) / 1_000_000;
            slowestFailure.accumulateAndGet(took, Math::max);
            retries.incrementAndGet();
            if (System.nanoTime() > deadline) {
                unexpected.add("report on " + task.id() + " still failing after " + giveUp + ": " + code + " " + answer);
                return false;
            }
            sleep(200);
        }
    }

    private String token(String unit) {
        return tokens.computeIfAbsent(unit, u -> {
            String user = u.toLowerCase();
            return stack.token(user, user);
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
