package vn.par.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process), run from the jars
 * Maven downloaded, in its own JVM. Its data directory can be kept between runs.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final ManagedProcess process;

    /**
     * @param dir  holds server.properties and the data; formatted on first start
     * @param port 0 picks a free port (the controller always gets a free one unless {@code port} is 9092)
     * @param heap its maximum heap ({@code -Xmx}); the heap starts small ({@link JvmMemory})
     */
    public KafkaBroker(Path dir, int port, String heap, Path logFile) {
        this.dir = dir.toAbsolutePath();
        this.port = port == 0 ? Ports.free() : port;
        this.controllerPort = port == 9092 ? 9093 : Ports.free();
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable()));
        command.addAll(JvmMemory.engineOptions(heap, false));
        command.addAll(List.of("-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + this.dir.resolve("log4j2.properties"),
                "-cp", classpath(), ParentWatchdog.class.getName(), "kafka.Kafka",
                this.dir.resolve("server.properties").toString()));
        this.process = new ManagedProcess("Kafka", command, JvmMemory.ENVIRONMENT, this.dir, logFile,
                List.of(this.port, this.controllerPort));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    /**
     * Starts the broker (formatting its storage the first time) and waits until it says it started and answers.
     */
    public void start(Duration timeout) {
        try {
            Files.createDirectories(dir.resolve("data"));
            writeConfig();
            if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
                format();
            }
        } catch (IOException e) {
            throw new StackException("Kafka: cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        process.start();
        process.await("Kafka to accept connections on " + bootstrapServers(), timeout, this::answers);
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(List<TopicSpec> topics) {
        createTopics(bootstrapServers(), topics);
    }

    /** Creates the topics that do not exist yet on any Kafka cluster (replication factor 1: one broker). */
    public static void createTopics(String bootstrapServers, List<TopicSpec> topics) {
        try (Admin admin = admin(bootstrapServers)) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (TopicSpec t : topics) {
                NewTopic nt = new NewTopic(t.name(), t.partitions(), (short) 1);
                // The topics are the system's event log: scoring-service rebuilds its projection from the
                // beginning of par.plans and par.progress, so nothing may expire.
                nt.configs(t.compacted()
                        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        : Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
                newTopics.add(nt);
            }
            admin.createTopics(newTopics).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StackException("Kafka: cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (Exception e) {
                    throw new StackException("Kafka: cannot create topic " + name + ": " + e.getMessage(), e);
                }
            });
        }
    }

    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        stop();
    }

    public Admin admin() {
        return admin(bootstrapServers());
    }

    public static Admin admin(String bootstrapServers) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(p);
    }

    /** Our broker's own "started" line first: a broker of someone else's on the same port answers too. */
    private boolean answers() {
        if (!process.hasLogged("Kafka Server started")) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private void writeConfig() throws IOException {
        String config = String.join(System.lineSeparator(),
                "# Written by the stack on every start; edit KafkaBroker.java instead.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toString().replace('\\', '/'),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                // One node: every internal topic has one replica, or consumers get INVALID_REPLICATION_FACTOR.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // Room for the snapshot of a very large plan (compressed by the outbox relay).
                "message.max.bytes=8388608",
                // The log cleaner (compacted par.plans and the consumer offsets) keeps its key map in the heap from the
                // start; Kafka's default of 128 MB is for millions of keys per cleaning, and would be half this heap.
                "log.cleaner.dedupe.buffer.size=16777216",
                "") ;
        Files.writeString(dir.resolve("server.properties"), config, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("log4j2.properties"), String.join(System.lineSeparator(),
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.stdout.ref=STDOUT",
                "appender.stdout.type=Console",
                "appender.stdout.name=STDOUT",
                "appender.stdout.layout.type=PatternLayout",
                "appender.stdout.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n",
                "logger.kafka.name=kafka",
                "logger.kafka.level=INFO",
                "logger.state.name=state.change.logger",
                "logger.state.level=WARN",
                ""), StandardCharsets.UTF_8);
    }

    private void format() throws IOException {
        List<String> command = List.of(ManagedProcess.javaExecutable(), "-Xmx256m",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"),
                "-cp", classpath(), "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString(), "--standalone");
        // Its output goes to the broker's log, whose folder may not exist yet (the engines start side by side).
        Files.createDirectories(process.logFile().getParent());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(process.logFile().toFile())).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new StackException("Kafka: formatting the storage in " + dir + " failed; see " + process.logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while formatting Kafka storage");
        }
    }

    /** The broker's jars plus the one class of ours it needs (the watchdog), copied out of our jar. */
    private String classpath() {
        List<String> entries = new ArrayList<>();
        for (Path p : Engines.kafkaClasspath()) {
            entries.add(p.toString());
        }
        entries.add(watchdogClasses(dir.resolve("watchdog")).toString());
        return String.join(java.io.File.pathSeparator, entries);
    }

    /**
     * A class-path folder {@code root} holding {@link ParentWatchdog}, copied out of our jar: what an engine's JVM runs
     * its main class through, so that it stops with the process that started it.
     */
    static Path watchdogClasses(Path root) {
        String resource = ParentWatchdog.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new StackException("cannot find " + resource + " on the classpath");
            }
            Path target = root.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            return root;
        } catch (IOException e) {
            throw new StackException("cannot write the watchdog class into " + root + ": " + e.getMessage(), e);
        }
    }
}
