package vn.par.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.par.stack.ServiceProcess;

/**
 * How one benchmark run is configured. Every value has a full-run default; {@code --quick} swaps in the small
 * configuration that only proves the tool works; an explicit option wins over both.
 *
 * @param root              the project's root folder (holds the service modules and deploy/)
 * @param workDir           where the run keeps its stack (data, logs), the copied services and JFR recordings
 * @param out               where the JSON results go
 * @param plans             agencies loaded through the public API, each with the sample plan
 * @param seconds           measured throughput window
 * @param warmupSeconds     reporting before the measured window (not counted)
 * @param freshnessSeconds  open-loop freshness run
 * @param freshnessWarmupSeconds the freshness rate kept before its measured window (not counted)
 * @param rebuildEvents     synthetic progress events put on par.progress before the rebuild
 * @param concurrency       reporters in flight during the throughput phase
 * @param limitsSeconds     each limit measurement (PostgreSQL, Kafka twice)
 * @param scaleEvents       K: events per measurement of the scale phase
 * @param spreadFew         plans of the "few plans" spread measurement
 * @param spreadMany        plans of the "many plans" spread measurement
 * @param rebuildPlans      synthetic plans the rebuild events are spread over
 * @param phases            the phases to run (all by default)
 * @param jfr               record every service with JFR (profile settings) into workDir/jfr
 * @param serviceJvmOptions JVM options of the services
 * @param serviceEnvironment extra environment of the services (e.g. {@code PAR_SCORING_CACHED_PLANS}), for experiments
 * @param copyServices      run copies of the packaged services, so a rebuild in the tree cannot change them mid-run
 * @param keep              keep the run's data (PostgreSQL, Kafka) after the run
 * @param freshnessRate     reports/s of the freshness run; 0: 20 % of the measured throughput (20/s without one)
 */
public record Options(Path root, Path workDir, Path out, int plans, int seconds, int warmupSeconds,
        int freshnessSeconds, int freshnessWarmupSeconds, long rebuildEvents, int concurrency, int limitsSeconds, int scaleEvents, int spreadFew,
        int spreadMany, int rebuildPlans, Set<String> phases, boolean quick, boolean jfr,
        List<String> serviceJvmOptions, Map<String, String> serviceEnvironment, boolean copyServices, boolean keep,
        double freshnessRate) {

    public static final List<String> PHASES = List.of("limits", "throughput", "freshness", "rebuild", "scale",
            "footprint");

    /** What the stack's launcher and system tests give the services. */
    public static final List<String> DEFAULT_SERVICE_JVM = ServiceProcess.DEFAULT_JVM_OPTIONS;

    public static Options parse(String[] args, Path root) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String a : args) {
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a + " (see --help)");
            }
            int eq = a.indexOf('=');
            given.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
        for (String name : given.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            }
        }
        boolean quick = Boolean.parseBoolean(given.getOrDefault("quick", "false"));
        int seconds = intOf(given, "seconds", quick ? 5 : 60);
        Set<String> phases = new LinkedHashSet<>(PHASES);
        if (given.containsKey("phases")) {
            phases = new LinkedHashSet<>(Arrays.asList(given.get("phases").split(",")));
            for (String p : phases) {
                if (!PHASES.contains(p)) {
                    throw new IllegalArgumentException("unknown phase " + p + "; phases are " + PHASES);
                }
            }
        }
        List<String> jvm = given.containsKey("service-jvm-options")
                ? List.of(given.get("service-jvm-options").trim().split("\\s+"))
                : DEFAULT_SERVICE_JVM;
        Path work = Path.of(given.getOrDefault("work-dir", root.resolve("deploy/benchmark/target/run").toString()))
                .toAbsolutePath().normalize();
        return new Options(root, work,
                Path.of(given.getOrDefault("out", root.resolve("deploy/benchmark/target/benchmark.json").toString()))
                        .toAbsolutePath().normalize(),
                intOf(given, "plans", quick ? 3 : 200),
                seconds,
                intOf(given, "warmup", quick ? 2 : 120),
                intOf(given, "freshness-seconds", quick ? 5 : Math.max(5, Math.min(30, seconds / 2))),
                intOf(given, "freshness-warmup", quick ? 1 : 10),
                longOf(given, "rebuild-events", quick ? 20_000 : 1_000_000),
                intOf(given, "concurrency", quick ? 16 : 48),
                intOf(given, "limits-seconds", quick ? 3 : 10),
                intOf(given, "scale-events", quick ? 500 : 5_000),
                intOf(given, "spread-few", 10),
                intOf(given, "spread-many", quick ? 100 : 2_000),
                intOf(given, "rebuild-plans", quick ? 20 : 200),
                phases, quick,
                Boolean.parseBoolean(given.getOrDefault("jfr", "false")),
                jvm, environment(given.get("service-env")),
                !Boolean.parseBoolean(given.getOrDefault("no-copy", "false")),
                Boolean.parseBoolean(given.getOrDefault("keep", "false")),
                given.containsKey("freshness-rate") ? Double.parseDouble(given.get("freshness-rate")) : 0);
    }

    /** The quick configuration, as {@code --quick} gives it, with the run kept under {@code workDir}. */
    public static Options quick(Path root, Path workDir, Path out) {
        return parse(new String[] { "--quick", "--work-dir=" + workDir, "--out=" + out }, root);
    }

    public boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** The services' JVM options as the stack gets them: the chosen ones, plus JFR when asked. */
    public List<String> effectiveServiceJvmOptions() {
        List<String> all = new ArrayList<>(serviceJvmOptions);
        if (jfr) {
            all.add("-XX:StartFlightRecording=filename=" + jfrDir() + ",settings=profile,dumponexit=true");
        }
        return all;
    }

    public Path jfrDir() {
        return workDir.resolve("jfr");
    }

    private static final Set<String> KNOWN = Set.of("quick", "plans", "seconds", "warmup", "freshness-seconds",
            "freshness-warmup",
            "rebuild-events", "out", "concurrency", "limits-seconds", "scale-events", "spread-few", "spread-many",
            "rebuild-plans", "phases", "jfr", "service-jvm-options", "service-env", "no-copy", "keep", "work-dir",
            "freshness-rate", "help");

    private static Map<String, String> environment(String spec) {
        Map<String, String> env = new LinkedHashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String pair : spec.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--service-env takes NAME=value[,NAME=value]: " + pair);
                }
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return Map.copyOf(env);
    }

    private static int intOf(Map<String, String> given, String name, int fallback) {
        return given.containsKey(name) ? Integer.parseInt(given.get(name).replace("_", "")) : fallback;
    }

    private static long longOf(Map<String, String> given, String name, long fallback) {
        return given.containsKey(name) ? Long.parseLong(given.get(name).replace("_", "")) : fallback;
    }

    public static String usage() {
        return String.join(System.lineSeparator(),
                "java -jar deploy/benchmark/target/par-benchmark.jar [options]",
                "Starts its own stack (free ports, data under deploy/benchmark/target/run), measures, prints a table",
                "and a RESULT line, writes JSON, and stops the stack (also on Ctrl-C).",
                "  --quick                   small configuration that only proves the tool works (~3 min)",
                "  --plans=200               agencies loaded through the API, each with the sample plan",
                "  --seconds=60              measured throughput window (after --warmup=120 s, not counted)",
                "  --freshness-seconds=30    open-loop freshness run at 20 % of the measured throughput",
                "  --freshness-warmup=10     seconds at that rate before its measured window (not counted)",
                "  --freshness-rate=N        reports/s of the freshness run instead (to compare runs at one rate)",
                "  --rebuild-events=1000000  progress events on par.progress for the rebuild",
                "  --out=deploy/benchmark/target/benchmark.json",
                "  --concurrency=48          reporters in flight",
                "  --limits-seconds=10       each limit measurement",
                "  --scale-events=5000       K, events per scale measurement",
                "  --spread-few=10 --spread-many=2000   plans of the spread measurement",
                "  --rebuild-plans=200       synthetic plans of the rebuild",
                "  --phases=limits,throughput,freshness,rebuild,scale,footprint",
                "  --jfr                     record each service with JFR into <work-dir>/jfr",
                "  --service-jvm-options=\"" + String.join(" ", DEFAULT_SERVICE_JVM) + "\"",
                "  --service-env=NAME=value[,NAME=value]   extra environment of the services, for experiments",
                "  --no-copy                 run the services from the tree instead of a copy",
                "  --keep                    keep the run's PostgreSQL and Kafka data",
                "  --work-dir=deploy/benchmark/target/run");
    }
}
