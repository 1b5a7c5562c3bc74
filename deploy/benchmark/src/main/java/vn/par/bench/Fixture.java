package vn.par.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import vn.par.stack.Stack;

/** What the set-up loaded and what the load phases share: plans, the tasks to report on, the tokens. */
final class Fixture {

    /**
     * A scored task (on a leaf, with a lead unit) and the lead unit that reports on it. {@code percent} moves by one
     * on every report (1..99, never 0 or 100, so IN_PROGRESS is always valid), so every report changes the
     * task's state and the leaf's completion, hence the score. With {@code task} null it is a leaf scored by a
     * RATIO rule ({@link Loader#RATIO_LEAF}) whose lead unit reports the indicator {@code percent}/100 instead.
     */
    record TaskRef(UUID plan, UUID task, String criterion, String unit, AtomicInteger percent) {

        boolean indicator() {
            return task == null;
        }

        int nextPercent() {
            return 1 + Math.floorMod(percent.incrementAndGet(), 99);
        }
    }

    final List<UUID> plans = new ArrayList<>();
    final List<TaskRef> tasks = new ArrayList<>();
    /** One RATIO leaf per plan, reported as indicators: in the throughput phase's mix, not in the freshness one. */
    final List<TaskRef> indicators = new ArrayList<>();
    /** unit code → access token of its reporter. */
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    String viewerToken;
    String adminToken;
    long tokensAt;
    /** Reports accepted by progress-service on the loaded plans, over every phase (= par.progress events for them). */
    final AtomicLong accepted = new AtomicLong();

    /** Fetches every token again when the ones held are older than 20 minutes (Keycloak gives 30). */
    void refreshTokensIfOld(Stack stack, java.util.function.Consumer<String> log) {
        if (System.nanoTime() - tokensAt < java.time.Duration.ofMinutes(20).toNanos()) {
            return;
        }
        log.accept("tokens are older than 20 minutes: fetching them again");
        fetchTokens(stack);
    }

    void fetchTokens(Stack stack) {
        List<String> units = new ArrayList<>(tokens.keySet());
        Parallel.forEach(units, 4, unit -> tokens.put(unit, stack.token(unit.toLowerCase(), unit.toLowerCase())));
        viewerToken = stack.token("viewer", "viewer");
        adminToken = stack.token("admin", "admin");
        tokensAt = System.nanoTime();
    }

    static AtomicInteger startPercent(int seed) {
        return new AtomicInteger(Math.floorMod(seed * 37, 99));
    }
}
