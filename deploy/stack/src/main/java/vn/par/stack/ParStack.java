package vn.par.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The one command that runs the whole system on this machine: PostgreSQL, Kafka, Keycloak, an SMTP server and the
 * three services, with the sample plan loaded. Ctrl-C (or SIGTERM) stops everything, services first.
 * <p>
 * One launcher per data folder: a second one on the same folder exits at once with {@value #EXIT_DATA_FOLDER_IN_USE},
 * naming the one that holds it ({@link DataFolderLock}).
 *
 * <pre>
 * java -jar deploy/stack/target/par-stack.jar [--fresh] [--no-sample] [--data=DIR]
 *      [--postgres-url=jdbc:postgresql://host:5432/postgres --postgres-user=u --postgres-password=p]
 *      [--kafka=host:9092] [--keycloak=https://sso.example/realms/par] [--otlp=http://collector:4317]
 * </pre>
 */
public final class ParStack {

    /** The exit code when another launcher holds the data folder. */
    public static final int EXIT_DATA_FOLDER_IN_USE = 2;

    private ParStack() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(usage());
            return;
        }
        Path root = OwnSession.projectRoot(ParStack.class);
        String dataOption = option(arguments, "--data");
        Path data = dataOption == null ? root.resolve(".local") : Path.of(dataOption).toAbsolutePath().normalize();
        try {
            if (OwnSession.shouldStart()) {
                // Asked before the second JVM starts: a refusal then starts no process at all, and comes quickly.
                DataFolderLock.requireFree(data);
                System.exit(OwnSession.run(ParStack.class, JvmMemory.launcherOptions(), args));
            }
            run(root, data, arguments);
        } catch (DataFolderInUseException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_DATA_FOLDER_IN_USE);
        } catch (StackException e) {
            System.err.println();
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Path root, Path data, List<String> arguments) throws Exception {
        StackOptions options = new StackOptions(root, data, false, intOption(arguments, "--postgres-port", 15432),
                option(arguments, "--postgres-url"), option(arguments, "--postgres-user", "postgres"),
                option(arguments, "--postgres-password", "postgres"), option(arguments, "--kafka"),
                option(arguments, "--keycloak"), ServiceProcess.DEFAULT_JVM_OPTIONS, traces(option(arguments, "--otlp")),
                ParStack::say);
        Stack stack = new Stack(options);
        stack.takeDataFolder();
        if (arguments.contains("--fresh")) {
            say("--fresh: deleting everything in " + data);
            deleteContents(data);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping (services first, PostgreSQL last) ...");
            stack.close();
            say("stopped; data kept in " + data);
            stopped.countDown();
        }, "par-stack-shutdown"));
        OwnSession.exitWithParent(0);
        long t0 = System.nanoTime();
        stack.start();
        UUID plan = null;
        if (!arguments.contains("--no-sample")) {
            String token = stack.token("admin", "admin");
            SampleData sample = new SampleData();
            plan = sample.load(stack.url("criteria-service"), token, ParStack::say);
            sample.loadContacts(stack.url("progress-service"), token, ParStack::say);
            awaitScores(stack, plan);
        }
        giveBackTheStartsHeap();
        printReady(stack, plan, (System.nanoTime() - t0) / 1e9);
        stopped.await();
    }

    /** The scoring service learns the plan from Kafka; ready means the dashboard can show it. */
    private static void awaitScores(Stack stack, UUID plan) {
        String token = stack.token("viewer", "viewer");
        ServiceProcess scoring = stack.service("scoring-service");
        scoring.process().await("the sample plan's scores to appear at scoring-service", Duration.ofSeconds(60), () -> {
            try {
                var request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(scoring.baseUrl() + "/api/plans/" + plan + "/scores"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).GET().build();
                return java.net.http.HttpClient.newHttpClient()
                        .send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private static void printReady(Stack stack, UUID plan, double seconds) {
        String kc = "http://localhost:" + (stack.keycloak() == null ? "?" : stack.keycloak().port());
        String[][] rows = {
            { "Bảng điều hành (dashboard)", stack.url("scoring-service") + "/" },
            { "Quản trị kế hoạch", stack.url("criteria-service") + "/" },
            { "Cổng đơn vị", stack.url("progress-service") + "/" },
            { "Swagger UI criteria", stack.managementUrl("criteria-service") + "/q/swagger-ui" },
            { "Swagger UI progress", stack.managementUrl("progress-service") + "/q/swagger-ui" },
            { "Swagger UI scoring", stack.managementUrl("scoring-service") + "/q/swagger-ui" },
            { "Keycloak (admin/admin)", kc + "/admin/master/console/#/par" },
            { "Sample plan", plan == null ? "(not loaded: --no-sample)" : stack.url("scoring-service") + "/api/plans/" + plan + "/scores" },
            { "Kafka", stack.kafkaBootstrap() },
            { "PostgreSQL", stack.jdbcUrl("<criteria|progress|scoring>") },
            { "Thư (SMTP, GreenMail)", stack.mail() == null ? "?" : stack.mail().smtpHost() + ":" + stack.mail().smtpPort()
                    + ", đọc tại " + stack.mail().inboxUrl("khtc@example.vn") },
            { "Logs", stack.logs().toString() },
            { "Bộ nhớ (PSS)", memory(stack) },
        };
        StringBuilder sb = new StringBuilder();
        sb.append(System.lineSeparator()).append("==== Hệ thống Chỉ số CCHC đã sẵn sàng / PAR Index system ready (")
                .append(String.format("%.0f s", seconds)).append(") ====").append(System.lineSeparator());
        for (String[] row : rows) {
            sb.append(String.format("  %-28s %s%n", row[0], row[1]));
        }
        sb.append("  Users (password = username): admin (admin), viewer (viewer),").append(System.lineSeparator())
                .append("    reporters vp, khtc, ldvl, ttdvvl, cdcs (unit VP, KHTC, LDVL, TTDVVL, CDCS)")
                .append(System.lineSeparator())
                .append("  Ctrl-C stops everything; data is kept in ").append(stack.options().dataDir())
                .append(" (start again with --fresh to begin empty).")
                .append(System.lineSeparator());
        System.out.print(sb);
    }

    /**
     * From here on the launcher only waits, and its heap holds mostly what the start left behind. The serial collector
     * gives an old generation's excess back in steps over consecutive full collections (none at the first, all of it
     * by the fourth: HotSpot's {@code CardGeneration::compute_new_size}).
     */
    private static void giveBackTheStartsHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
    }

    /**
     * What the whole local stack holds in memory now (proportional set size): every process it started, PostgreSQL's
     * server with its backends, and the launcher's own JVMs (this one, and the one it was started by when it runs in
     * a session of its own).
     */
    private static String memory(Stack stack) {
        Set<Long> launcher = new LinkedHashSet<>();
        ProcessHandle self = ProcessHandle.current();
        launcher.add(self.pid());
        if (OwnSession.isChild()) {
            self.parent().ifPresent(parent -> launcher.add(parent.pid()));
        }
        Set<Long> all = new LinkedHashSet<>(launcher);
        all.addAll(ProcessMemory.withDescendants(self.pid()));
        stack.processes().values().forEach(pid -> all.addAll(ProcessMemory.withDescendants(pid)));
        long total = ProcessMemory.sum(all);
        long own = ProcessMemory.sum(launcher);
        if (total < 0 || own < 0) {
            return "(không đo được trên hệ điều hành này)";
        }
        NumberFormat vi = NumberFormat.getIntegerInstance(Locale.forLanguageTag("vi-VN"));
        return vi.format(total >> 20) + " MB cả hệ thống, trong đó trình khởi chạy " + vi.format(own >> 20) + " MB";
    }

    private static String option(List<String> args, String name) {
        return option(args, name, null);
    }

    private static String option(List<String> args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }

    private static int intOption(List<String> args, String name, int fallback) {
        String v = option(args, name);
        return v == null ? fallback : Integer.parseInt(v);
    }

    /** Everything in {@code dir} but the lock file this launcher holds, which stays until it exits. */
    private static void deleteContents(Path dir) throws IOException {
        Path lock = dir.resolve(DataFolderLock.FILE_NAME);
        try (var paths = Files.walk(dir)) {
            paths.filter(p -> !p.equals(dir) && !p.equals(lock)).sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new StackException("cannot delete " + p + ": " + e.getMessage(), e);
                }
            });
        }
    }

    private static void say(String line) {
        System.out.println(LocalTime.now().withNano(0) + "  " + line);
    }

    /**
     * The services' environment for {@code --otlp}: their spans go to that OTLP collector. Without it tracing is off
     * (service-infra's TracesNeedACollector), unless the launcher's own environment names a collector
     * (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT), which the services inherit.
     */
    static Map<String, String> traces(String otlpEndpoint) {
        return otlpEndpoint == null ? Map.of() : Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
    }

    private static String usage() {
        return String.join(System.lineSeparator(),
                "Runs the whole PAR Index system on this machine, with the sample plan loaded.",
                "  --fresh                 start from empty data (deletes everything in the data folder)",
                "  --no-sample             do not load the sample plan",
                "  --data=DIR              the data folder (default .local/ in the project); one launcher per folder",
                "  --postgres-url=URL      use an existing PostgreSQL (JDBC URL of a database to connect to, e.g.",
                "                          jdbc:postgresql://db:5432/postgres); databases criteria, progress, scoring are created",
                "  --postgres-user=U --postgres-password=P",
                "  --postgres-port=N       port of the embedded PostgreSQL (default 15432)",
                "  --kafka=HOST:PORT       use an existing Kafka (topics par.plans, par.progress, par.scores must exist)",
                "  --keycloak=ISSUER       use an existing Keycloak realm, e.g. http://sso:8080/realms/par",
                "  --otlp=URL              send the services' traces to this OTLP collector (gRPC, e.g. http://localhost:4317;",
                "                          for OTLP over HTTP also set QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)");
    }
}
