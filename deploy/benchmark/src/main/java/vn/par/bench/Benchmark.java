package vn.par.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.stack.Engines;
import vn.par.stack.OwnSession;
import vn.par.stack.ServiceProcess;
import vn.par.stack.Stack;
import vn.par.stack.StackException;
import vn.par.stack.StackOptions;

/**
 * The benchmark of issue 8: starts its own stack (free ports, scratch data under the work directory), measures the
 * machine's limits, the pipeline's throughput, freshness, rebuild speed, scale shape and footprint, prints a table
 * and the RESULT line, writes the JSON, and stops the stack (also on Ctrl-C).
 *
 * <pre>
 * ./mvnw -DskipTests package
 * java -jar deploy/benchmark/target/par-benchmark.jar [--plans=200] [--seconds=60] [--rebuild-events=1000000]
 *      [--out=deploy/benchmark/target/benchmark.json] [--quick]
 * </pre>
 */
public final class Benchmark {

    /** How long the services are left without load before their idle memory is read. */
    static final int QUIET_SECONDS = 30;

    /** Set in the child a launcher re-starts in its own session (see {@link #main}). */
    /** Stops what the running benchmark started (the stack); for Ctrl-C. */
    private static final AtomicReference<Runnable> RUNNING = new AtomicReference<>();
    /** Set when the run is being stopped from outside: no further phase starts. */
    private static volatile boolean stopping;

    private Benchmark() {
    }

    /** What a run gives: the full results (written as JSON), the RESULT line, and whether every phase ran. */
    public record Outcome(ObjectNode results, String resultLine, List<String> failures) {
    }

    /**
     * The load generator's JVM (when it re-runs itself in a session of its own): C1 only. It shares the two cores with
     * the system it measures, and with C2 its compiler threads were half of its CPU in the freshness window (async
     * profile) and delayed its own readers, whose clock is the measurement; C1 compiles little and cheaply.
     */
    static final List<String> CLIENT_JVM_OPTIONS = List.of("-Xmx1g", "-XX:TieredStopAtLevel=1");

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(Options.usage());
            return;
        }
        Path root = OwnSession.projectRoot(Benchmark.class);
        Options options;
        try {
            options = Options.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Options.usage());
            System.exit(2);
            return;
        }
        if (OwnSession.shouldStart()) {
            System.exit(OwnSession.run(Benchmark.class, CLIENT_JVM_OPTIONS, args));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            Runnable stop = RUNNING.getAndSet(null);
            if (stop != null) {
                say("interrupted: stopping the stack (services first, PostgreSQL last) ...");
                stop.run();
                say("stopped");
            }
        }, "benchmark-shutdown"));
        OwnSession.exitWithParent(130);
        Outcome outcome = run(options, Benchmark::say);
        System.exit(outcome.failures().isEmpty() ? 0 : 1);
    }

    /** One whole run; the main and the smoke test both call this. */
    public static Outcome run(Options options, Consumer<String> log) {
        ObjectNode results = Api.JSON.createObjectNode();
        List<String> failures = new ArrayList<>();
        ObjectNode machine = Machine.describe();
        results.set("machine", machine);
        results.set("options", options(options));
        results.put("startedAt", Instant.now().toString());
        long started = System.nanoTime();
        log.accept("machine: " + Machine.line(machine));

        Path stackDir = options.workDir().resolve("stack");
        Stack stack = null;
        try {
            prepareStackDir(stackDir);
            Path root = options.copyServices() ? copyServices(options, log) : options.root();
            List<String> jvm = options.effectiveServiceJvmOptions();
            if (options.jfr()) {
                Files.createDirectories(options.jfrDir());
            }
            ObjectNode stackOut = results.putObject("stack");
            StackOptions so = new StackOptions(root, stackDir, true, 0, null, null, null, null, null, jvm,
                    options.serviceEnvironment(), log);
            stackOut.putPOJO("serviceJvmOptions", jvm);
            // The load generator's own JVM options (C1 only when it re-ran itself in its own session).
            stackOut.putPOJO("clientJvmOptions", ManagementFactory.getRuntimeMXBean().getInputArguments());
            ObjectNode own = stackOut.putObject("serviceOwnJvmOptions"); // what the stack adds to jvm for each service
            for (String service : Stack.SERVICES) {
                List<String> all = ServiceProcess.withOwnOptions(jvm, service);
                own.putPOJO(service, all.subList(jvm.size(), all.size()));
            }
            stackOut.put("postgres", "the stack's embedded PostgreSQL, durable (fsync on, synchronous_commit on)");
            stackOut.put("kafkaVersion", Engines.kafkaVersion());
            stackOut.put("keycloakVersion", Engines.keycloakVersion());
            long t0 = System.nanoTime();
            for (int attempt = 1;; attempt++) {
                stack = new Stack(so);
                Stack s = stack;
                RUNNING.set(s::close);
                log.accept("starting the stack (PostgreSQL, Kafka, Keycloak, three services) ...");
                try {
                    stack.start();
                    break;
                } catch (StackException e) {
                    // Free ports are picked when the stack is created and bound up to a minute later; on a machine
                    // where other stacks start too, one may be taken meanwhile. Once more, on other ports.
                    if (attempt >= 2 || e.getMessage() == null || !e.getMessage().contains("in use")) {
                        throw e;
                    }
                    log.accept("a port picked for the stack was taken meanwhile; starting the stack again on other ports");
                    stack.close();
                }
            }
            stackOut.put("dataDir", stackDir.toString());
            stackOut.put("logs", stack.logs().toString());
            stackOut.put("startSeconds", Util.round(Util.seconds(System.nanoTime() - t0), 1));
            run(stack, options, results, failures, log);
        } catch (RuntimeException | IOException e) {
            failures.add("stack: " + e.getMessage());
            log.accept("FAILED: " + e.getMessage());
        } finally {
            Runnable last = RUNNING.getAndSet(null);
            if (last != null) {
                log.accept("stopping the stack ...");
                last.run();
            }
            if (!options.keep()) {
                cleanData(stackDir);
            }
        }
        results.put("finishedAt", Instant.now().toString());
        results.put("durationSeconds", Util.round(Util.seconds(System.nanoTime() - started), 1));
        if (options.jfr()) {
            results.putPOJO("jfr", Map.of("dir", options.jfrDir().toString(), "servicePids", Footprint.describePids()));
        }
        results.putPOJO("failures", failures);
        Report report = new Report(results);
        String line = report.resultLine();
        results.put("result", line);
        write(results, options.out(), log);
        System.out.println();
        System.out.print(report.table());
        if (!failures.isEmpty()) {
            System.out.println("Phases that failed:");
            failures.forEach(f -> System.out.println("  - " + f));
        }
        System.out.println("Full results: " + options.out());
        System.out.println(line);
        return new Outcome(results, line, failures);
    }

    private static void run(Stack stack, Options options, ObjectNode results, List<String> failures,
            Consumer<String> log) {
        Footprint footprint = new Footprint(stack);
        footprint.rememberServicePids();
        ObjectNode foot = results.putObject("footprint");
        foot.set("rssAfterStartMiB", footprint.servicesRss());

        ObjectNode limits = results.putObject("limits");
        phase("limits", options, failures, log, () -> {
            limits.set("postgres", Limits.postgres(stack, options.limitsSeconds(), log));
            limits.set("kafka", Limits.kafka(stack, options.limitsSeconds(), log));
            return null;
        });

        Fixture fixture = new Fixture();
        boolean needsPlans = options.runs("throughput") || options.runs("freshness") || options.runs("rebuild")
                || options.runs("scale");
        boolean loaded = !needsPlans || phase("setup", options, failures, log, () -> {
            results.set("setup", Loader.load(stack, options, fixture, log));
            return null;
        });
        Util.sleep(2_000);
        foot.set("rssIdleBeforeLoadMiB", footprint.servicesRss());
        log.accept("RSS idle before the load: " + foot.get("rssIdleBeforeLoadMiB"));
        if (options.runs("footprint")) {
            // Idle in the sense of the target: nothing asked of the services for a while, not just after a burst.
            Util.sleep(QUIET_SECONDS * 1_000L);
            foot.put("quietSeconds", QUIET_SECONDS);
            foot.set("rssQuietMiB", footprint.servicesRss());
            log.accept("RSS after " + QUIET_SECONDS + " s without load: " + foot.get("rssQuietMiB"));
        }

        // Start times with the loaded plans in the databases, before the load phases add thousands of synthetic plans;
        // the throughput phase's warm-up follows.
        phase("footprint", options, failures, log, () -> {
            foot.put("plansInTheDatabasesAtRestart", fixture.plans.size());
            foot.set("restart", footprint.restartEach(log));
            footprint.rememberServicePids();
            return null;
        });

        if (loaded) {
            phase("throughput", options, failures, log, () -> {
                ObjectNode t = Throughput.run(stack, options, fixture, footprint, log);
                results.set("throughput", t);
                foot.set("rssUnderLoadMaxMiB", t.get("rssMaxMiB"));
                foot.set("pssAfterLoadMiB", footprint.stackPss());
                return null;
            });
            phase("freshness", options, failures, log, () -> {
                double measured = results.path("throughput").path("acceptedPerSecond").asDouble(0);
                double rate = options.freshnessRate() > 0 ? options.freshnessRate() : measured > 0 ? 0.2 * measured : 20;
                fixture.refreshTokensIfOld(stack, log);
                ObjectNode f = Freshness.run(stack, fixture, footprint, rate, options.freshnessWarmupSeconds(),
                        options.freshnessSeconds(), log);
                f.put("rateBasis", options.freshnessRate() > 0 ? "--freshness-rate"
                        : measured > 0 ? "20 % of the measured throughput" : "20/s (throughput not measured)");
                results.set("freshness", f);
                return null;
            });
            phase("rebuild", options, failures, log, () -> {
                results.set("rebuild", Rebuild.run(stack, options, fixture, log));
                footprint.rememberServicePids();
                return null;
            });
            phase("scale", options, failures, log, () -> {
                results.set("scale", Scale.run(stack, options, fixture, log));
                return null;
            });
        }
    }

    /** Runs a phase if asked for; a failure is recorded and the run goes on with the next phase. */
    private static boolean phase(String name, Options options, List<String> failures, Consumer<String> log,
            Supplier<Void> body) {
        if (!name.equals("setup") && !options.runs(name)) {
            log.accept("== " + name + ": skipped");
            return false;
        }
        if (stopping) {
            failures.add(name + ": not run (the benchmark was stopped)");
            return false;
        }
        log.accept("== " + name);
        long t0 = System.nanoTime();
        try {
            body.get();
            log.accept(String.format(Locale.ROOT, "== %s done (%.0f s)", name, Util.seconds(System.nanoTime() - t0)));
            return true;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            failures.add(name + ": " + message);
            log.accept("== " + name + " FAILED: " + message);
            return false;
        }
    }

    private static ObjectNode options(Options o) {
        ObjectNode n = Api.JSON.createObjectNode();
        n.put("quick", o.quick()).put("plans", o.plans()).put("seconds", o.seconds()).put("warmupSeconds", o.warmupSeconds())
                .put("freshnessSeconds", o.freshnessSeconds())
                .put("freshnessWarmupSeconds", o.freshnessWarmupSeconds()).put("rebuildEvents", o.rebuildEvents())
                .put("rebuildPlans", o.rebuildPlans()).put("concurrency", o.concurrency())
                .put("limitsSeconds", o.limitsSeconds()).put("scaleEvents", o.scaleEvents())
                .put("spreadFew", o.spreadFew()).put("spreadMany", o.spreadMany()).put("jfr", o.jfr())
                .put("copyServices", o.copyServices())
                .put("out", o.out().toString());
        n.putPOJO("phases", o.phases());
        n.putPOJO("serviceJvmOptions", o.serviceJvmOptions());
        n.putPOJO("serviceEnvironment", o.serviceEnvironment());
        return n;
    }

    private static void write(JsonNode results, Path out, Consumer<String> log) {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Api.JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results);
        } catch (IOException e) {
            log.accept("cannot write " + out + ": " + e.getMessage());
        }
    }

    /**
     * The stack's data starts empty every run, but the unpacked PostgreSQL binaries and the unpacked, built Keycloak
     * (minus its database) are kept: Keycloak's first start of a fresh unpack takes one to two minutes here.
     */
    private static void prepareStackDir(Path stackDir) throws IOException {
        Files.createDirectories(stackDir);
        try (var entries = Files.list(stackDir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (name.equals("pg-binaries")) {
                    continue;
                }
                if (name.startsWith("keycloak-") && Files.isDirectory(p)) {
                    deleteTree(p.resolve("data").resolve("h2"));
                    continue;
                }
                deleteTree(p);
            }
        }
    }

    /** After the run: the databases and Kafka's log go (they can be large), the logs stay. */
    private static void cleanData(Path stackDir) {
        try {
            deleteTree(stackDir.resolve("postgres"));
            deleteTree(stackDir.resolve("kafka").resolve("data"));
        } catch (IOException | RuntimeException e) {
            // left for the next run's preparation
        }
    }

    /** Copies the packaged services so that a rebuild of the tree during the run cannot change what runs. */
    private static Path copyServices(Options options, Consumer<String> log) throws IOException {
        Path root = options.workDir().resolve("root");
        long t0 = System.nanoTime();
        deleteTree(root);
        for (String service : Stack.SERVICES) {
            Path from = options.root().resolve(service).resolve("target").resolve("quarkus-app");
            if (!Files.isRegularFile(from.resolve("quarkus-run.jar"))) {
                throw new BenchmarkException(service + " is not built: " + from.resolve("quarkus-run.jar")
                        + " is missing. Run ./mvnw -DskipTests package first.");
            }
            copyTree(from, root.resolve(service).resolve("target").resolve("quarkus-app"));
        }
        Path realm = root.resolve("deploy/keycloak/par-realm.json");
        Files.createDirectories(realm.getParent());
        Files.copy(options.root().resolve("deploy/keycloak/par-realm.json"), realm);
        log.accept(String.format(Locale.ROOT, "copied the packaged services to %s (%.1f s)", root,
                Util.seconds(System.nanoTime() - t0)));
        return root;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // COPY_ATTRIBUTES keeps the jars' modification times, which the AppCDS archive checks.
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void say(String line) {
        System.out.println(LocalTime.now().withNano(0) + "  " + line);
    }
}
