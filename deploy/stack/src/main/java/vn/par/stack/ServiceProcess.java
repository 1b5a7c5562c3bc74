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

/** One of our Quarkus services, run from its packaged {@code quarkus-app} folder in its own JVM. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final ManagedProcess process;

    public ServiceProcess(String name, Path moduleDir, int port, Map<String, String> env, List<String> jvmOptions,
            Path logFile) {
        this.name = name;
        this.port = port;
        Path jar = moduleDir.resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new StackException(name + " is not built: " + jar + " is missing. Run ./mvnw package -DskipTests first.");
        }
        List<String> command = new ArrayList<>();
        command.add(ManagedProcess.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        java.util.HashMap<String, String> environment = new java.util.HashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        this.process = new ManagedProcess(name, command, environment, moduleDir.toAbsolutePath(), logFile);
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

    public ManagedProcess process() {
        return process;
    }

    public void start(Duration timeout) {
        process.start();
        awaitReady(timeout);
    }

    public void awaitReady(Duration timeout) {
        process.await(name + " to be ready (" + baseUrl() + "/q/health/ready)", timeout, this::ready);
    }

    public boolean ready() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
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
        process.stop(Duration.ofSeconds(20));
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.kill();
    }
}
