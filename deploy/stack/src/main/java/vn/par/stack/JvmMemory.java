package vn.par.stack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How the stack's JVMs (the services, Kafka, Keycloak) stay small enough to run together on one machine: the whole
 * local stack is meant to fit in 1.5 GiB after the benchmark's load (the benchmark prints its proportional set size).
 *
 * <p>Each engine gets the serial collector and a heap that starts small and grows only as far as its live data needs
 * (G1, which the engines' own scripts choose, is quick to claim its whole maximum); glibc is held to two malloc arenas
 * (by default it opens up to eight per core, one per thread that allocates at the same time, and a JVM's threads leave
 * each one partly used); and native memory the JVM frees is given back every two seconds
 * ({@link #TRIM_NATIVE_HEAP}, where the JVM has the option).
 */
final class JvmMemory {

    /**
     * Given back to the system: glibc keeps memory that the JVM's native allocations (class loading, the JIT, Kafka's
     * and Netty's buffers) freed (measured in deploy/benchmark/MEASUREMENTS.md). The option exists from JDK 17.0.9 and
     * 21.0.1 on; an older JVM starts without it.
     */
    static final String TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=2000";

    /** The environment of every JVM the stack starts. */
    static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    private static final Map<String, Boolean> TRIM_SUPPORTED = new ConcurrentHashMap<>();

    private JvmMemory() {
    }

    /**
     * An engine's JVM options: serial collector, {@code -Xms32m}, the given maximum heap, a young generation of at most
     * 24 MB, native memory trimmed. The young generation is resident as a whole once the engine has worked for a
     * while, and the serial collector gives it a third of the heap unless told otherwise; an engine's objects are
     * short-lived or few, so a small one only means more (short) young collections. For a {@code quiet} engine (one
     * that works little: Keycloak issues a token now and then, the mail server takes a few messages a day): C1 only,
     * whose C2 compilations would only cost memory; a young generation of at most 16 MB; and a heap that starts at
     * 8 MB (the serial collector keeps the initial heap resident once it was used, and never shrinks below it) and is
     * given back as soon as it is not needed.
     */
    static List<String> engineOptions(String maxHeap, boolean quiet) {
        List<String> options = new ArrayList<>(List.of("-XX:+UseSerialGC", quiet ? "-Xms8m" : "-Xms32m", "-Xmx" + maxHeap));
        if (quiet) {
            options.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:MaxNewSize=16m", "-XX:MinHeapFreeRatio=10",
                    "-XX:MaxHeapFreeRatio=20"));
        } else {
            options.add("-XX:MaxNewSize=24m");
        }
        if (trimSupported(ManagedProcess.javaExecutable())) {
            options.add(TRIM_NATIVE_HEAP);
        }
        return options;
    }

    /**
     * The launcher's own JVM (the child that runs the stack): it starts the engines, loads the sample plan and then
     * waits for Ctrl-C, so it is an engine that works little, with a heap of at most 64 MB.
     */
    static List<String> launcherOptions() {
        return engineOptions("64m", true);
    }

    /** Whether the Java at {@code executable} knows {@link #TRIM_NATIVE_HEAP}: asked once, by starting it. */
    static boolean trimSupported(String executable) {
        return TRIM_SUPPORTED.computeIfAbsent(executable, JvmMemory::startsWithTrim);
    }

    private static boolean startsWithTrim(String executable) {
        try {
            Process p = new ProcessBuilder(executable, TRIM_NATIVE_HEAP, "-version")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
