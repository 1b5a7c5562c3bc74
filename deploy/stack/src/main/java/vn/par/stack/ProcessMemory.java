package vn.par.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.LongUnaryOperator;

/**
 * The memory processes hold, as Linux's {@code /proc} gives it: the proportional set size, in which each page shared
 * by several processes (the JDK's class archive and libraries every JVM maps, PostgreSQL's shared buffers) counts as
 * its share, so that a sum over processes is what they hold together. Elsewhere every answer is -1 (unknown).
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** {@code Pss} of /proc/pid/smaps_rollup in bytes; -1 if the process is gone or cannot be read. */
    public static long pssBytes(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The PSS of the process and its descendants (Keycloak's java under kc.sh, PostgreSQL's backends); -1 if unknown. */
    public static long treePssBytes(long pid) {
        return sum(withDescendants(pid));
    }

    /** The process and every process below it, if it runs; else none. */
    public static Set<Long> withDescendants(long pid) {
        Set<Long> pids = new LinkedHashSet<>();
        ProcessHandle.of(pid).ifPresent(h -> {
            pids.add(h.pid());
            h.descendants().forEach(d -> pids.add(d.pid()));
        });
        return pids;
    }

    /** The PSS of the given processes together, each counted once; -1 if none could be read. */
    static long sum(Set<Long> pids) {
        return sumOver(pids, ProcessMemory::pssBytes);
    }

    /**
     * A reading of each process ({@code /proc} memory, CPU ticks) summed over the given ones, skipping those it is
     * unknown for (-1); -1 if it is unknown for all.
     */
    public static long sumOver(Set<Long> pids, LongUnaryOperator reading) {
        long total = 0;
        boolean any = false;
        for (long p : pids) {
            long v = reading.applyAsLong(p);
            if (v >= 0) {
                total += v;
                any = true;
            }
        }
        return any ? total : -1;
    }
}
