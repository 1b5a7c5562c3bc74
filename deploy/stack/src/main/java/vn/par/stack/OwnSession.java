package vn.par.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command-line launcher (the stack, the benchmark) in a session of its own on Linux and macOS, so that
 * Ctrl-C at the terminal reaches only the parent, which asks the child to stop, and the child stops its processes
 * in order (otherwise the terminal would interrupt every process at once). The child also stops when the parent
 * dies: its stdin, a pipe from the parent, reaches its end.
 */
public final class OwnSession {

    private static final String CHILD = "PAR_OWN_SESSION_CHILD";

    private OwnSession() {
    }

    /** Whether this process should re-run {@code main} in its own session (and is not that child already). */
    public static boolean shouldStart() {
        return !isChild() && !ManagedProcess.isWindows() && Files.isExecutable(Path.of("/usr/bin/setsid"));
    }

    /**
     * Re-runs {@code main} with the same class path and the given JVM options in a new session, with the environment
     * of the stack's JVMs ({@link JvmMemory#ENVIRONMENT}); returns its exit code.
     */
    public static int run(Class<?> main, List<String> jvmOptions, String[] args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setsid", ManagedProcess.javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(JvmMemory.ENVIRONMENT);
        pb.environment().put(CHILD, "1");
        Process child = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-child"));
        return child.waitFor();
    }

    /** Whether this process is the child {@link #run} started. */
    static boolean isChild() {
        return System.getenv(CHILD) != null;
    }

    /** In the child: exits with {@code exitCode} (running the shutdown hooks, an ordered stop) when the parent is gone. */
    public static void exitWithParent(int exitCode) {
        if (!isChild()) {
            return;
        }
        Thread t = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() != -1) {
                    // the parent never writes
                }
            } catch (IOException ignored) {
                // same as end of stream
            }
            System.exit(exitCode);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The project's root (the folder holding deploy/keycloak/par-realm.json): the current folder or one of its
     * parents, else the one the launcher's jar ({@code deploy/<module>/target/<jar>}) is in.
     */
    public static Path projectRoot(Class<?> launcher) throws URISyntaxException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/keycloak/par-realm.json"))) {
                return p;
            }
        }
        Path jar = Path.of(launcher.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent().getParent().getParent();
    }
}
