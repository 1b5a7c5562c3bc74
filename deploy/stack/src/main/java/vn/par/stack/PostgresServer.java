package vn.par.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from Maven Central's embedded binaries (zonky). The data directory can be kept
 * between runs; each service gets its own database.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    /** The embedded server trusts local connections; the services still send a password, which it ignores. */
    public static final String PASSWORD = "postgres";

    private final Path dataDir;
    private final Path workDir;
    private final int port;
    /** Whether start() reuses the cluster in dataDir; always true after the first start. */
    private boolean keepData;
    private final Path logFile;
    private final boolean durable;
    private EmbeddedPostgres postgres;

    /**
     * @param dataDir  where the cluster lives
     * @param workDir  where the binaries are unpacked (shared between runs)
     * @param port     0 picks a free port
     * @param keepData reuse an existing cluster in {@code dataDir} instead of wiping it
     */
    public PostgresServer(Path dataDir, Path workDir, int port, boolean keepData, Path logFile) {
        this(dataDir, workDir, port, keepData, logFile, true);
    }

    /**
     * @param durable fsync and synchronous commit on, as a real server runs (the embedded library starts PostgreSQL
     *                without them); service tests that only need a database turn it off for speed
     */
    public PostgresServer(Path dataDir, Path workDir, int port, boolean keepData, Path logFile, boolean durable) {
        this.durable = durable;
        this.dataDir = dataDir;
        this.workDir = workDir;
        this.port = port == 0 ? Ports.free() : port;
        this.keepData = keepData;
        this.logFile = logFile;
    }

    public synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            stopLeftover();
            Ports.requireFree("PostgreSQL", java.util.List.of(port));
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setOverrideWorkingDirectory(workDir.toFile())
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    // The whole data set of a local stack (and of the benchmark's runs) is a few hundred megabytes at
                    // most, read mostly from the operating system's cache; PostgreSQL's default of 128 MB of its own
                    // buffers would be a tenth of the stack's memory.
                    .setServerConfig("shared_buffers", "64MB")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // A later -c wins over the library's -F (fsync off).
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            keepData = true;
            requireOwnServer();
        } catch (StackException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new StackException("PostgreSQL did not start on port " + port + " with data in " + dataDir
                    + " (" + e.getMessage() + "). See " + logFile, e);
        }
    }

    /**
     * The server answering on our port must be the one on our data directory: the embedded library calls it started
     * as soon as a connection to the port succeeds, whoever accepts it.
     */
    private void requireOwnServer() {
        String served;
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW data_directory")) {
            served = rs.next() ? rs.getString(1) : "";
        } catch (SQLException e) {
            served = "(" + e.getMessage() + ")";
        }
        if (!sameFolder(served, dataDir)) {
            String owner = ProcFs.listenerOf(port).stream().mapToObj(ProcFs::describe).findFirst().orElse("?");
            try {
                stop();
            } catch (StackException notRunning) {
                // ours may never have come up; the message below is what matters
            }
            throw new StackException(String.format("PostgreSQL: máy chủ trả lời trên cổng %d (tiến trình %s) dùng dữ liệu "
                    + "%s, không phải %s: đó không phải máy chủ của chúng ta. Xem %s%n"
                    + "PostgreSQL: the server answering on port %d (process %s) serves %s, not %s: it is not ours. See %s",
                    port, owner, served, dataDir, logFile, port, owner, served, dataDir, logFile));
        }
    }

    private static boolean sameFolder(String served, Path dataDir) {
        try {
            return Files.isSameFile(Path.of(served), dataDir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A server left running by a launcher that was killed holds the data directory; stop it first. */
    private void stopLeftover() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!keepData || !Files.isRegularFile(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        try {
            long pid = Long.parseLong(first);
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy(); // SIGTERM = smart shutdown; fast enough with no clients left
                p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            });
        } catch (NumberFormatException | java.util.concurrent.CompletionException e) {
            // not a pid we can act on; PostgreSQL will report the problem itself
        }
    }

    /** Stops the server and starts it again on the same data and port, as an operator's restart would. */
    public synchronized void restart() {
        stop();
        start();
    }

    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new StackException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        } finally {
            postgres = null;
        }
    }

    /** Kills the server without a shutdown, as a crash would (for fault tests). */
    public synchronized void kill() {
        if (postgres == null) {
            return;
        }
        Process p = postgres.getProcess();
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postgres = null;
    }

    public boolean isRunning() {
        return postgres != null;
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    /** The server's main process (its backends are its children), from postmaster.pid; -1 when it does not run. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates the database if it does not exist yet. */
    public void ensureDatabase(String name) {
        ensureDatabase(jdbcUrl("postgres"), USER, PASSWORD, name);
    }

    /** Creates {@code name} on any PostgreSQL server reachable at {@code adminUrl}, if missing. */
    public static void ensureDatabase(String adminUrl, String user, String password, String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("unexpected database name " + name);
        }
        try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new StackException("cannot create database " + name + " at " + adminUrl + ": " + e.getMessage(), e);
        }
    }
}
