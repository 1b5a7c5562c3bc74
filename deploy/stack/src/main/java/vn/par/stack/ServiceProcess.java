package vn.par.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One of our Quarkus services, run from its packaged {@code quarkus-app} folder in its own JVM. */
public final class ServiceProcess {

    /**
     * The services' JVM options on one machine: the serial collector (a service gets one or two cores), and a
     * heap that starts small and grows only as far as the live data needs (an idle service keeps about 20 MB
     * live; a heap committed at its maximum from the start cost about 60 MB more resident memory per service),
     * with a young generation of at least 24 MB, so that collections under load stay rare (measured: the same
     * throughput as the full heap; a small heap without it, shrunk eagerly with MinHeapFreeRatio=10 and
     * MaxHeapFreeRatio=30, cost about a fifth of the throughput).
     */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms32m", "-XX:NewSize=24m",
            "-XX:MaxNewSize=48m", "-Xmx256m", "-XX:+UseSerialGC");

    /**
     * A service's own JVM options, after the shared ones. criteria-service and scoring-service run C1 only; the
     * reporting peak's request path, progress-service, keeps C2 (C1 only cost it a third of its throughput).
     * criteria-service serves the department's plan work (import, edit, publish, reads): without C2 and the profiles
     * C2 needs it used 19-28 MB less memory and was ready 0.45 s sooner in the benchmark's footprint run, while the
     * set-up's import and publish of 200 plans through it took no longer (65 s against 70 s). scoring-service idled at
     * 184 MB instead of 199-204 MB (the 200 MB target), was ready in 1.2 instead of 1.6-1.7 s and kept up with the
     * full load (2,712 reports/s, lag back to 0 in 1.1 s); its rebuild replays 66,000 instead of 87,000-94,000
     * events/s. An option of the same name in the given options wins.
     */
    static List<String> ownJvmOptions(String module) {
        return "criteria-service".equals(module) || "scoring-service".equals(module)
                ? List.of("-XX:TieredStopAtLevel=1") : List.of();
    }

    /** The given options followed by the module's own ones that the given do not set already. */
    public static List<String> withOwnOptions(List<String> given, String module) {
        List<String> options = new ArrayList<>(given);
        for (String own : ownJvmOptions(module)) {
            String optionName = own.contains("=") ? own.substring(0, own.indexOf('=') + 1) : own;
            if (given.stream().noneMatch(o -> o.startsWith(optionName))) {
                options.add(own);
            }
        }
        return List.copyOf(options);
    }
    /**
     * Names the service's log on its command line: {@code ps} shows where its output goes, and a launcher that finds
     * the service still running after its own launcher was killed knows it as one of its data folder's
     * ({@link Leftovers}), since the logs live in that folder.
     */
    static final String LOG_PROPERTY = "-Dpar.stack.log=";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final ManagedProcess process;
    private final ClassArchive archive;

    /**
     * @param port           the public HTTP port (pages and API)
     * @param managementPort the management interface's port (health, metrics, OpenAPI, Swagger UI: the packaged
     *                       service serves {@code /q/*} there only), bound to the loopback
     */
    public ServiceProcess(String name, Path moduleDir, int port, int managementPort, Map<String, String> env,
            List<String> jvmOptions, Path logFile) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        Path app = moduleDir.resolve("target").resolve("quarkus-app").toAbsolutePath();
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new StackException(name + " is not built: " + app.resolve("quarkus-run.jar")
                    + " is missing. Run ./mvnw package -DskipTests first.");
        }
        // Run from the quarkus-app folder: the class archives were recorded with the class path "quarkus-run.jar".
        List<String> options = withOwnOptions(jvmOptions, moduleDir.toAbsolutePath().normalize().getFileName().toString());
        ServiceJava java = ServiceJava.fromEnvironment();
        this.archive = new ClassArchive(app, ClassArchive.Kind.of(java),
                options.stream().noneMatch(o -> o.startsWith("-XX:StartFlightRecording")));
        Supplier<List<String>> command = () -> {
            List<String> c = new ArrayList<>();
            c.add(java.executable());
            // Given options may set their own interval (0 turns trimming off).
            if (options.stream().noneMatch(o -> o.startsWith("-XX:TrimNativeHeapInterval")) && trimSupported()) {
                c.add(JvmMemory.TRIM_NATIVE_HEAP);
            }
            c.addAll(options);
            c.addAll(archive.optionsForStart());
            c.add(LOG_PROPERTY + logFile.toAbsolutePath());
            c.add("-jar");
            c.add("quarkus-run.jar");
            return c;
        };
        java.util.HashMap<String, String> environment = new java.util.HashMap<>(JvmMemory.ENVIRONMENT);
        environment.putAll(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        environment.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        this.process = new ManagedProcess(name, command, environment, app, logFile, List.of(port, managementPort));
    }

    /** Whether the services' Java knows {@link JvmMemory#TRIM_NATIVE_HEAP}. */
    static boolean trimSupported() {
        return JvmMemory.trimSupported(ServiceJava.fromEnvironment().executable());
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int managementPort() {
        return managementPort;
    }

    /** Where {@code /q/*} is: health, metrics, the OpenAPI document and Swagger UI. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public ManagedProcess process() {
        return process;
    }

    public void start(Duration timeout) {
        process.start();
        awaitReady(timeout);
    }

    public void awaitReady(Duration timeout) {
        process.await(name + " to be ready (" + managementUrl() + "/q/health/ready)", timeout, this::ready);
    }

    /**
     * Ready when this run of the service logged that it listens (Quarkus's start line) and its readiness check
     * answers: another process on the same port answers the check too.
     */
    public boolean ready() {
        if (!process.hasLogged("Listening on: ")) {
            return false;
        }
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void stop() {
        // A training run writes its class archive while it exits (about 5 s; an AOT cache 10-15 s): the grace period
        // allows for it.
        process.stop(Duration.ofSeconds(30));
        archive.afterExit(process.exitCode());
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.kill();
        archive.afterExit(process.exitCode());
    }
}
