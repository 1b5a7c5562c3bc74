package vn.par.stack;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A stack's exclusive hold on its data folder, taken before anything in the folder is touched: two launchers on one
 * folder would run two Kafka brokers on one log directory, and two PostgreSQL servers on one cluster.
 * <p>
 * The hold is the operating system's lock on the file {@value #FILE_NAME} ({@link FileChannel#tryLock}), which the
 * system drops when the holding process ends, however it ends: a crash never leaves the folder locked. The file
 * names the holder (pid, start time, command line) for the message a second launcher gives, and is emptied when the
 * holder lets go cleanly; a file that still names a holder while nobody holds the lock is the stale lock of a
 * launcher that was killed, whose engines may still run ({@link Leftovers}).
 * <p>
 * POSIX file locks belong to a process, and closing any descriptor of the file drops them: the holding JVM never
 * opens the file a second time, and answers a second acquisition of the same folder from memory.
 */
public final class DataFolderLock implements AutoCloseable {

    public static final String FILE_NAME = "par-stack.lock";

    /**
     * The byte locked, far past the file's content: on Windows a lock also keeps other processes from reading the
     * bytes it covers, and the holder's name must stay readable for the second launcher's message.
     */
    private static final long LOCKED_BYTE = Long.MAX_VALUE - 1;

    /** The folders this JVM holds, by real path. */
    private static final Map<Path, DataFolderLock> HELD = new HashMap<>();

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** Who holds a folder, as its lock file says; {@code pid} is -1 when the file does not say. */
    public record Holder(long pid, String startedAt, String commandLine) {

        static Holder current() {
            ProcessHandle self = ProcessHandle.current();
            String started = self.info().startInstant().map(TIME::format).orElse("?");
            String command = ProcFs.commandLine(self.pid()).map(ProcFs::describe)
                    .or(() -> self.info().commandLine()).orElse("?");
            return new Holder(self.pid(), started, command);
        }

        byte[] toBytes() {
            Properties p = new Properties();
            p.setProperty("pid", Long.toString(pid));
            p.setProperty("started", startedAt);
            p.setProperty("command", commandLine);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                p.store(out, "The launcher that holds this data folder (par-stack)");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return out.toByteArray();
        }

        /** The holder a lock file names, or empty for an empty file (released cleanly, or just created). */
        static Optional<Holder> fromBytes(byte[] bytes) {
            if (bytes.length == 0) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try {
                p.load(new ByteArrayInputStream(bytes));
            } catch (IOException | IllegalArgumentException e) {
                return Optional.of(new Holder(-1, "?", "?"));
            }
            long pid;
            try {
                pid = Long.parseLong(p.getProperty("pid", "-1").trim());
            } catch (NumberFormatException e) {
                pid = -1;
            }
            return Optional.of(new Holder(pid, p.getProperty("started", "?"), p.getProperty("command", "?")));
        }
    }

    private final Path key;
    private final FileChannel channel;
    private final Holder holder;
    private final Holder stale;
    private boolean released;

    private DataFolderLock(Path key, FileChannel channel, Holder holder, Holder stale) {
        this.key = key;
        this.channel = channel;
        this.holder = holder;
        this.stale = stale;
    }

    /**
     * Takes {@code folder} (created if missing) for this process, or refuses with the holder named.
     *
     * @throws DataFolderInUseException when another process, or this JVM already, holds it
     */
    public static DataFolderLock acquire(Path folder) {
        synchronized (HELD) {
            Path key;
            FileChannel channel;
            try {
                Files.createDirectories(folder);
                key = folder.toRealPath();
                requireNotHeldHere(folder, key);
                channel = FileChannel.open(folder.resolve(FILE_NAME), READ, WRITE, CREATE);
            } catch (IOException e) {
                throw new StackException("cannot open the lock file in " + folder + ": " + e.getMessage(), e);
            }
            try {
                if (channel.tryLock(LOCKED_BYTE, 1, false) == null) {
                    throw new DataFolderInUseException(folder, read(channel).orElse(new Holder(-1, "?", "?")));
                }
                Holder stale = read(channel).orElse(null);
                Holder self = Holder.current();
                write(channel, self.toBytes());
                DataFolderLock lock = new DataFolderLock(key, channel, self, stale);
                HELD.put(key, lock);
                return lock;
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                if (e instanceof StackException s) {
                    throw s;
                }
                throw new StackException("cannot lock " + folder.resolve(FILE_NAME) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Refuses, as {@link #acquire} would, when another process or this JVM holds {@code folder}; otherwise returns,
     * having created, written and locked nothing (the lock file is only read).
     */
    public static void requireFree(Path folder) {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            synchronized (HELD) {
                requireNotHeldHere(folder, folder.toRealPath());
            }
            try (FileChannel channel = FileChannel.open(file, READ)) {
                // A shared lock needs no write access and is refused while anyone holds the exclusive one.
                if (channel.tryLock(LOCKED_BYTE, 1, true) == null) {
                    throw new DataFolderInUseException(folder, read(channel).orElse(new Holder(-1, "?", "?")));
                }
            }
        } catch (IOException e) {
            throw new StackException("cannot read the lock file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void requireNotHeldHere(Path folder, Path key) {
        DataFolderLock mine = HELD.get(key);
        if (mine != null) {
            throw new DataFolderInUseException(folder, mine.holder);
        }
    }

    /** The launcher this lock was taken over from: it was killed without letting go; empty after a clean stop. */
    public Optional<Holder> stale() {
        return Optional.ofNullable(stale);
    }

    public Holder holder() {
        return holder;
    }

    /** Empties the lock file (a clean release, not a stale lock) and lets go of the folder. Safe to call twice. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (released) {
                return;
            }
            released = true;
            HELD.remove(key);
            try {
                channel.truncate(0);
                channel.force(false);
            } catch (IOException e) {
                // the next launcher then takes the lock for a stale one and looks for leftovers: harmless
            } finally {
                closeQuietly(channel);
            }
        }
    }

    private static Optional<Holder> read(FileChannel channel) throws IOException {
        channel.position(0);
        return Holder.fromBytes(Channels.newInputStream(channel).readAllBytes());
    }

    private static void write(FileChannel channel, byte[] bytes) throws IOException {
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(false);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing drops the lock either way
        }
    }
}
