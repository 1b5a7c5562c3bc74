package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.par.stack.DataFolderLock;
import vn.par.stack.ManagedProcess;
import vn.par.stack.ParStack;
import vn.par.stack.Stack;

/**
 * Issue 25: a second launcher started on the data folder of a running stack. It must leave within 2 s with a
 * non-zero code and a message naming the launcher that holds the folder, start no process and change none of the
 * folder's files; the running stack goes on accepting and scoring reports.
 *
 * <p>The running stack holds its folder from this very JVM ({@link SystemStack} runs it in-process), and POSIX file
 * locks belong to the process: closing any descriptor of the lock file here would drop the stack's lock. So this
 * test never opens {@link DataFolderLock#FILE_NAME}; its listings only read names, sizes and modification times.
 */
@ExtendWith(SystemStack.class)
class LauncherLockIT {

    @Test
    void aSecondLauncherOnTheRunningStacksFolderLeavesAtOnceNamingTheHolderAndChangesNothing() throws Exception {
        Stack stack = SystemStack.stack();
        Path data = stack.options().dataDir();
        Path launcher = stack.options().root().resolve("deploy/stack/target/par-stack.jar");
        assertTrue(Files.isRegularFile(launcher), launcher + " is missing: build deploy/stack first");
        Map<String, String> filesBefore = whatALauncherWrites(data);
        // It covers what a launcher on a folder in use would have rewritten (the bug's second launcher rewrote Kafka's
        // configuration and started a broker on its log directory): an empty listing would compare equal anyway.
        for (String key : List.of(DataFolderLock.FILE_NAME, "kafka/server.properties", "kafka/data/meta.properties",
                "kafka/data/.lock", "postgres/postmaster.pid", "logs/kafka.log")) {
            assertTrue(filesBefore.containsKey(key), key + " is not in the listing " + filesBefore.keySet());
        }
        Set<Long> processesBefore = processesNaming(data);
        assertTrue(processesBefore.size() >= 4, "the running engines name the folder: " + processesBefore);

        long t0 = System.nanoTime();
        Process second = new ProcessBuilder(ManagedProcess.javaExecutable(), "-jar", launcher.toString(),
                "--data=" + data, "--no-sample").redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(second));
        boolean exited = second.waitFor(30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!exited) {
            second.descendants().forEach(ProcessHandle::destroyForcibly);
            second.destroyForcibly();
        }
        String said = output.get(10, TimeUnit.SECONDS);
        System.out.printf("second launcher on the running stack's folder: exit %s after %.2f s%n%s%n",
                exited ? second.exitValue() : "none", seconds, said);

        assertTrue(exited, "the second launcher is still running after 30 s:\n" + said);
        assertEquals(ParStack.EXIT_DATA_FOLDER_IN_USE, second.exitValue(), said);
        assertTrue(seconds <= 2.0, String.format("the second launcher took %.2f s to leave", seconds));
        long holder = ProcessHandle.current().pid();
        assertTrue(said.contains("tiến trình " + holder + ", chạy từ "), said);
        assertTrue(said.contains("lệnh: " + ownCommandLine().get(0)), said);
        assertTrue(said.contains("Ctrl-C") && said.contains("`kill " + holder + "`"), said);
        assertTrue(said.contains("is held by another launcher: process " + holder), said);

        assertEquals(filesBefore, whatALauncherWrites(data));
        assertEquals(processesBefore, processesNaming(data), "processes running on " + data);
        assertTheRunningStackStillWorks(stack);
    }

    /** An admin reads the plans; a unit's report posted now is counted in the score (6.1.2, as the walking skeleton). */
    private static void assertTheRunningStackStillWorks(Stack stack) {
        Http.Reply plans = Http.get(stack.url("criteria-service") + "/api/plans", stack.token("admin", "admin"));
        assertEquals(200, plans.status(), plans.body());
        PlanModel plan = Scenario.publishedPlan(stack, 2073);
        PlanModel.Task task = plan.scoredTasks().stream().filter(t -> t.criterionCode().equals("6.1.2")).findFirst()
                .orElseThrow();
        Http.Reply posted = Http.post(stack.url("progress-service") + "/api/tasks/" + task.id() + "/reports",
                stack.token("khtc", "khtc"), Map.of("status", "IN_PROGRESS", "percentComplete", 60));
        assertEquals(201, posted.status(), posted.body());
        Scenario.awaitScores(stack, plan, Map.of(task.id(), 60), Duration.ofSeconds(60));
    }

    /**
     * What a launcher writes in the data folder, or its engines create or delete as they start, and nothing the
     * running engines change by themselves (segment and page contents, checkpoints, log lines): the lock file and
     * the files written before an engine starts (Kafka's configuration and watchdog, Keycloak's realm) with size and
     * modification time, the number of starts each log records (a launcher writes a "---- ... starting" line before
     * it starts a process), Kafka's identity, lock and segment files, PostgreSQL's top-level files.
     */
    private static Map<String, String> whatALauncherWrites(Path data) throws IOException {
        Map<String, String> state = new TreeMap<>();
        for (Path p : list(data)) {
            state.put(name(p), Files.isDirectory(p) ? "folder" : stat(p));
        }
        for (Path log : list(data.resolve("logs"))) {
            state.put("logs/" + name(log), starts(log) + " starts");
        }
        Path kafka = data.resolve("kafka");
        for (Path p : list(kafka)) {
            if (Files.isRegularFile(p)) {
                state.put("kafka/" + name(p), stat(p));
            }
        }
        try (Stream<Path> watchdog = Files.walk(kafka.resolve("watchdog"))) {
            for (Path p : watchdog.filter(Files::isRegularFile).toList()) {
                state.put("kafka/" + kafka.relativize(p), stat(p));
            }
        }
        for (Path p : list(kafka.resolve("data"))) {
            if (Files.isDirectory(p)) {
                state.put("kafka/data/" + name(p) + "/", list(p).stream().map(LauncherLockIT::name)
                        .filter(n -> n.endsWith(".log")).sorted().collect(Collectors.joining(" ")));
            } else if (name(p).equals("meta.properties") || name(p).equals(".lock")) {
                state.put("kafka/data/" + name(p), stat(p));
            }
        }
        for (Path p : list(data.resolve("postgres"))) {
            boolean writtenAtStart = name(p).startsWith("postmaster.") || name(p).startsWith("postgresql.")
                    || name(p).equals("PG_VERSION");
            state.put("postgres/" + name(p), writtenAtStart ? stat(p) : "present");
        }
        for (Path p : list(data.resolve("pg-binaries"))) {
            state.put("pg-binaries/" + name(p), "present");
        }
        for (Path keycloak : list(data)) {
            if (name(keycloak).startsWith("keycloak-")) {
                for (Path realm : list(keycloak.resolve("data").resolve("import"))) {
                    state.put(data.relativize(realm).toString(), stat(realm));
                }
            }
        }
        return state;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private static String stat(Path p) throws IOException {
        return Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p);
    }

    private static long starts(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.startsWith("---- ") && l.contains(" starting ")).count();
        }
    }

    /** The processes whose command line names the folder: the running engines, and any a launcher started there. */
    private static Set<Long> processesNaming(Path data) {
        String folder = data.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(folder)).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> ownCommandLine() throws IOException {
        String raw = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8);
        return List.of(raw.split("\0"));
    }

    private static String read(Process p) {
        try {
            // The launcher prints in the platform's encoding, which it shares with this JVM.
            return new String(p.getInputStream().readAllBytes(), java.nio.charset.Charset.forName(
                    System.getProperty("native.encoding", "UTF-8")));
        } catch (IOException e) {
            return "(output not readable: " + e.getMessage() + ")";
        }
    }
}
