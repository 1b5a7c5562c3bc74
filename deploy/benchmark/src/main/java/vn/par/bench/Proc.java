package vn.par.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import vn.par.stack.ProcessMemory;

/** Linux /proc readings: resident memory and CPU time of a process (and its descendants). Elsewhere: -1. */
final class Proc {

    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every mainstream Linux). */
    static final double TICKS = 100.0;

    private Proc() {
    }

    static boolean linux() {
        return Files.isDirectory(Path.of("/proc/self"));
    }

    /** VmRSS of one process in bytes, -1 if unknown. */
    static long rssBytes(long pid) {
        if (pid <= 0 || !linux()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** CPU seconds (user + system) used so far by the process and its living descendants; -1 if unknown. */
    static double cpuSeconds(long pid) {
        if (pid <= 0 || !linux()) {
            return -1;
        }
        long ticks = ProcessMemory.sumOver(ProcessMemory.withDescendants(pid), Proc::ticks);
        return ticks < 0 ? -1 : ticks / TICKS;
    }

    /** CPU seconds used so far by the process alone (not its children). */
    static double ownCpuSeconds(long pid) {
        long t = linux() ? ticks(pid) : -1;
        return t < 0 ? -1 : t / TICKS;
    }

    /** Whole-machine CPU seconds (all cores, busy time) and total time, from /proc/stat. */
    static double[] machineCpu() {
        if (!linux()) {
            return new double[] { -1, -1 };
        }
        try {
            String first = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.UTF_8).get(0);
            String[] f = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new double[] { (total - idle) / TICKS, total / TICKS };
        } catch (IOException | RuntimeException e) {
            return new double[] { -1, -1 };
        }
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
