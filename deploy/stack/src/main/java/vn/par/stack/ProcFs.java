package vn.par.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What Linux's {@code /proc} tells about other processes: their command lines, and which process listens on a TCP
 * port. Elsewhere (no {@code /proc}) every answer is empty, and messages say "a process" instead of naming it.
 */
final class ProcFs {

    private static final Path PROC = Path.of("/proc");
    /** {@code st} of a listening socket in /proc/net/tcp and tcp6. */
    private static final String LISTEN = "0A";

    private ProcFs() {
    }

    static boolean available() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The ids of every process this user may look at. */
    static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        if (!available()) {
            return pids;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            // an empty answer: nothing can be named
        }
        return pids;
    }

    /** The arguments the process was started with (program first), if it still runs and may be read. */
    static Optional<List<String>> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            if (raw.length == 0) {
                return Optional.empty(); // a kernel thread, or a process that is exiting
            }
            // NUL-separated, with a NUL after the last argument (except where a process rewrote its own).
            String all = new String(raw, StandardCharsets.UTF_8);
            if (all.endsWith("\0")) {
                all = all.substring(0, all.length() - 1);
            }
            return Optional.of(List.of(all.split("\0", -1)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The process that listens on {@code port} (any local address, IPv4 or IPv6), if it can be found. */
    static OptionalLong listenerOf(int port) {
        Set<String> sockets = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            sockets.addAll(listeningInodes(PROC.resolve("net").resolve(table), port));
        }
        if (sockets.isEmpty()) {
            return OptionalLong.empty();
        }
        for (long pid : pids()) {
            if (holdsAny(pid, sockets)) {
                return OptionalLong.of(pid);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The socket inodes listening on {@code port} in one of the kernel's tables, whose lines read
     * {@code sl local_address rem_address st ... inode}, addresses as {@code HEXADDR:HEXPORT}.
     */
    private static Set<String> listeningInodes(Path table, int port) {
        Set<String> inodes = new HashSet<>();
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        try {
            for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(portHex) && LISTEN.equals(f[3]) && !"0".equals(f[9])) {
                    inodes.add(f[9]);
                }
            }
        } catch (IOException e) {
            // no such table (no IPv6) or not readable: nothing found there
        }
        return inodes;
    }

    private static boolean holdsAny(long pid, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                String target = readLink(fd);
                if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                    return true;
                }
            }
        } catch (IOException e) {
            // another user's process, or gone: not this one as far as we can tell
        }
        return false;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A command line for a message: arguments joined by spaces, each very long one (a class path of a hundred jars)
     * cut in the middle, so the main class and the arguments after it stay readable.
     */
    static String describe(List<String> commandLine) {
        StringBuilder sb = new StringBuilder();
        for (String arg : commandLine) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(arg.length() > 120 ? arg.substring(0, 50) + "…" + arg.substring(arg.length() - 50) : arg);
        }
        return sb.length() > 1000 ? sb.substring(0, 1000) + "…" : sb.toString();
    }

    /** "process 123 (its command line)", or as much of it as can be read. */
    static String describe(long pid) {
        return commandLine(pid).map(c -> pid + " (" + describe(c) + ")").orElse(Long.toString(pid));
    }
}
