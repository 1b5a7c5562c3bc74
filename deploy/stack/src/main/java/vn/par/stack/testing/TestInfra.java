package vn.par.stack.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.par.stack.KafkaBroker;
import vn.par.stack.PostgresServer;
import vn.par.stack.TopicSpec;

/**
 * Gives a service's {@code @QuarkusTest}s a real PostgreSQL and a real Kafka broker on free ports, started once
 * per test JVM with the same code the local stack uses, and stopped when the JVM exits. Tests reach the broker
 * through {@link #kafka()} to stop and start it.
 */
public class TestInfra implements QuarkusTestResourceLifecycleManager {

    private static PostgresServer postgres;
    private static KafkaBroker kafka;

    @Override
    public Map<String, String> start() {
        startOnce();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl("postgres"),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        // Kept for the next test class of this JVM; stopped by the shutdown hook.
    }

    public static synchronized void startOnce() {
        if (postgres != null) {
            return;
        }
        Path root = Path.of("target", "test-infra", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        try {
            Files.createDirectories(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        postgres = new PostgresServer(root.resolve("postgres"), Path.of(System.getProperty("java.io.tmpdir"), "par-embedded-pg"),
                0, false, root.resolve("postgres.log"), false);
        kafka = new KafkaBroker(root.resolve("kafka"), 0, "384m", root.resolve("kafka.log"));
        Thread pg = new Thread(postgres::start, "start-postgres");
        pg.start();
        kafka.start(Duration.ofSeconds(90));
        kafka.createTopics(TopicSpec.SYSTEM);
        try {
            pg.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!postgres.isRunning()) {
            throw new IllegalStateException("PostgreSQL did not start; see " + root.resolve("postgres.log"));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            postgres.stop();
        }, "stop-test-infra"));
    }

    public static KafkaBroker kafka() {
        return kafka;
    }

    public static PostgresServer postgres() {
        return postgres;
    }
}
