package vn.par.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A child process of the stack: it starts only when the ports it will listen on are free, its output goes to a log
 * file, it can be awaited with a timeout that names the step and the log, stopped gracefully (SIGTERM, then SIGKILL
 * after a grace period) or killed outright.
 */
public final class ManagedProcess {

    private final String name;
    /** Asked at each start: a service's options can differ from one start to the next (see ClassArchive). */
    private final Supplier<List<String>> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path logFile;
    private final List<Integer> ports;
    private Process process;
    /** Where this run's own output begins in the log file, which keeps the output of earlier runs. */
    private volatile long outputStart;
    /** Kept open and never written: the child's stdin reaches end of stream only when we are gone. */
    private OutputStream lifeline;

    /** @param ports the ports the process listens on: each start is refused while another process holds one */
    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path workDir, Path logFile,
            List<Integer> ports) {
        this(name, () -> command, environment, workDir, logFile, ports);
    }

    public ManagedProcess(String name, Supplier<List<String>> command, Map<String, String> environment, Path workDir,
            Path logFile, List<Integer> ports) {
        this.name = name;
        this.command = command;
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.logFile = logFile;
        this.ports = List.copyOf(ports);
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized void start() {
        if (isAlive()) {
            return;
        }
        Ports.requireFree(name, ports);
        List<String> command = List.copyOf(this.command.get());
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "---- " + java.time.Instant.now() + " starting " + name + ": "
                    + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            outputStart = Files.size(logFile);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().putAll(environment);
            process = pb.start();
            lifeline = process.getOutputStream();
        } catch (IOException e) {
            throw new StackException(name + ": cannot start (" + e.getMessage() + "); command: " + String.join(" ", command), e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last run, or -1 while it runs or before the first start. */
    public int exitCode() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /**
     * Waits until {@code ready} holds while the process runs. Fails with a message naming the step and the log file
     * when the timeout passes or the process exits first.
     */
    public void await(String what, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean answered;
            try {
                answered = ready.getAsBoolean();
            } catch (RuntimeException notYet) {
                answered = false;
            }
            // Asked after the check, not before: a process that died meanwhile is not ready, whatever answered.
            if (process != null && !process.isAlive()) {
                throw new StackException(name + " exited with code " + process.exitValue() + " before " + what
                        + ". Last lines of " + logFile + ":" + System.lineSeparator() + tail(30));
            }
            if (answered) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(name + ": " + what + " did not happen within " + timeout.toSeconds()
                        + " s. See " + logFile + "; last lines:" + System.lineSeparator() + tail(30));
            }
            sleep(250);
        }
    }

    /** SIGTERM to the process and its descendants, then SIGKILL for whatever is left after {@code grace}. */
    public synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>();
        process.descendants().forEach(all::add);
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (Exception timeout) {
                p.destroyForcibly();
            }
        }
        waitForExit(Duration.ofSeconds(10));
        closeLifeline();
    }

    /** SIGKILL, as a crash would; for fault-injection tests. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
        closeLifeline();
    }

    private void waitForExit(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeLifeline() {
        try {
            if (lifeline != null) {
                lifeline.close();
            }
        } catch (IOException ignored) {
            // the child is gone already
        }
    }

    /**
     * Whether this run of the process wrote {@code text} to its output: its own readiness signal, which no other
     * process answering on the same port can give.
     */
    public boolean hasLogged(String text) {
        try (var in = Files.newByteChannel(logFile)) {
            in.position(outputStart);
            return new String(java.nio.channels.Channels.newInputStream(in).readAllBytes(), StandardCharsets.UTF_8)
                    .contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }

    /** The java executable of the running JVM, so children run on the same Java. */
    public static String javaExecutable() {
        return javaIn(Path.of(System.getProperty("java.home")));
    }

    /** The java command of the JDK (or JRE) in {@code home}. */
    static String javaIn(Path home) {
        return home.resolve("bin").resolve(isWindows() ? "java.exe" : "java").toString();
    }

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().contains("win");
    }
}
