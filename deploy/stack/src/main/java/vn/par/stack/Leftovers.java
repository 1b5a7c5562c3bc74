package vn.par.stack;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engines a killed launcher left running on its data folder. Kafka stops with its launcher (its watchdog), but
 * PostgreSQL runs detached, and Keycloak and the services outlive a launcher killed with SIGKILL; a new launcher
 * on the same folder would start a second copy beside them. They are found by their command lines, which name
 * the folder (Linux's {@code /proc}; elsewhere none are found, and the ports they hold are refused by name when
 * the engines start), and stopped in the stack's stop order: services first, PostgreSQL last.
 */
final class Leftovers {

    /** A process of ours found running on the data folder. */
    record Found(long pid, String engine, List<String> commandLine) {
    }

    /** After the services, which use them all, in this order. */
    private static final List<String> ENGINES_IN_STOP_ORDER = List.of("Keycloak", "Kafka", "PostgreSQL");

    private Leftovers() {
    }

    /**
     * Which of the stack's engines a command line runs on the data folder {@code folder} (an absolute path), if any:
     * a Kafka broker reading its configuration there, a PostgreSQL server on a cluster there, a Keycloak whose home
     * is there, or a service whose log is there ({@link ServiceProcess#LOG_PROPERTY}). Any other process that
     * merely names the folder (an editor, {@code tail -f} of a log, a launcher) is none of them.
     */
    static Optional<String> engineOf(List<String> commandLine, String folder) {
        if (commandLine.isEmpty()) {
            return Optional.empty();
        }
        String program = commandLine.get(0).substring(commandLine.get(0).lastIndexOf(File.separatorChar) + 1);
        if (commandLine.contains("kafka.Kafka") && commandLine.stream().anyMatch(a -> inside(valueOf(a), folder))) {
            return Optional.of("Kafka");
        }
        if (program.equals("postgres") || program.equals("postgres.exe")) {
            int d = commandLine.indexOf("-D");
            return d >= 0 && d + 1 < commandLine.size() && inside(commandLine.get(d + 1), folder)
                    ? Optional.of("PostgreSQL") : Optional.empty();
        }
        for (String arg : commandLine) {
            // Keycloak's JVM; the kc.sh shell that started it exits with it.
            if (arg.startsWith("-Dkc.home.dir=") && inside(valueOf(arg), folder)) {
                return Optional.of("Keycloak");
            }
            if (arg.startsWith(ServiceProcess.LOG_PROPERTY) && inside(valueOf(arg), folder)) {
                String log = Path.of(valueOf(arg)).getFileName().toString();
                return Optional.of(log.endsWith(".log") ? log.substring(0, log.length() - 4) : log);
            }
        }
        return Optional.empty();
    }

    /** Every engine process running on {@code folder}, other than this process. */
    static List<Found> find(Path folder) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(folder.toAbsolutePath().normalize().toString());
        try {
            forms.add(folder.toRealPath().toString());
        } catch (java.io.IOException e) {
            // not there: its absolute path is the only name it can have on a command line
        }
        long self = ProcessHandle.current().pid();
        List<Found> found = new ArrayList<>();
        for (long pid : ProcFs.pids()) {
            if (pid == self) {
                continue;
            }
            ProcFs.commandLine(pid).ifPresent(c -> forms.stream().map(f -> engineOf(c, f)).flatMap(Optional::stream)
                    .findFirst().ifPresent(engine -> found.add(new Found(pid, engine, c))));
        }
        found.sort(Comparator.comparingInt(f -> stopRank(f.engine())));
        return found;
    }

    /**
     * Stops every engine found on {@code folder}, in the stack's stop order: SIGTERM, then SIGKILL for one that has
     * not exited after {@code grace}. Says what it stopped.
     *
     * @return what was found (and stopped)
     */
    static List<Found> stopAll(Path folder, Duration grace, Consumer<String> say) {
        List<Found> found = find(folder);
        for (int rank = 0; rank <= ENGINES_IN_STOP_ORDER.size(); rank++) {
            int r = rank;
            stopTogether(found.stream().filter(f -> stopRank(f.engine()) == r).toList(), grace, say);
        }
        return found;
    }

    /** 0 for a service, then Keycloak, Kafka and PostgreSQL. */
    private static int stopRank(String engine) {
        return ENGINES_IN_STOP_ORDER.indexOf(engine) + 1;
    }

    private static void stopTogether(List<Found> group, Duration grace, Consumer<String> say) {
        List<ProcessHandle> handles = new ArrayList<>();
        for (Found f : group) {
            ProcessHandle.of(f.pid()).ifPresent(p -> {
                p.destroy();
                handles.add(p);
            });
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (int i = 0; i < group.size(); i++) {
            Found f = group.get(i);
            Optional<ProcessHandle> handle = handles.stream().filter(h -> h.pid() == f.pid()).findFirst();
            boolean killed = handle.isPresent() && !exited(handle.get(), deadline - System.nanoTime());
            if (killed) {
                handle.get().destroyForcibly();
                exited(handle.get(), TimeUnit.SECONDS.toNanos(10));
            }
            say.accept(String.format("đã dừng %s còn sót của lần chạy trước (tiến trình %d%s) / stopped leftover %s "
                    + "(pid %d%s): %s", f.engine(), f.pid(), killed ? ", buộc dừng bằng SIGKILL" : "", f.engine(), f.pid(),
                    killed ? ", SIGKILL after " + grace.toSeconds() + " s" : "", ProcFs.describe(f.commandLine())));
        }
    }

    private static boolean exited(ProcessHandle p, long nanos) {
        try {
            p.onExit().get(Math.max(1, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (Exception stillRunning) {
            return !p.isAlive();
        }
    }

    /** The value of a {@code -Dname=value} option, else the argument itself. */
    private static String valueOf(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("-D") && eq > 0 ? arg.substring(eq + 1) : arg;
    }

    /** Whether {@code path} is {@code folder} or inside it (not merely a name that begins the same). */
    private static boolean inside(String path, String folder) {
        return path.equals(folder) || path.startsWith(folder + "/") || path.startsWith(folder + File.separator);
    }
}
