package vn.par.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.UUID;

/**
 * The class-data archive a service starts with. The build's AppCDS archive ({@code app-cds.jsa}, written by
 * Quarkus while it only runs the static part of the start) holds about 8,800 of the 17,000 classes a service
 * loads until it is ready: Kafka's clients, Hibernate's runtime, Vert.x's HTTP and OIDC come after. So the first
 * start of a packaged service is a training run: it starts without an archive and records every class it loaded
 * ({@code -XX:ArchiveClassesAtExit}) when it stops gracefully; later starts map that archive
 * ({@code app-cds-trained.jsa}: about 16,700 classes from it, 400 loaded, with the services' aot-jar packaging, whose
 * jars are all on the JVM's class path; 12,300 with the fast-jar's own class loader). Measured on 2 cores, with
 * the aot-jar: progress-service ready in 3.1 s with it, 4.4 s with the fast-jar and its archive. The training run
 * itself starts about a second slower than with the build's archive (JDK 17 cannot record an archive on top of
 * another); it is made again when the package is newer than the trained archive. A JVM started with JFR does not
 * train (JFR would be off in it): it maps the trained archive if there is one, else the build's.
 * <p>
 * On a JDK 25 or later ({@link ServiceJava}), the training run writes an AOT cache instead
 * ({@code -XX:AOTCacheOutput}, JEP 514: the classes loaded and linked, and the methods' profiles) into
 * {@code app-trained.aot}, which later starts open with {@code -XX:AOTCache}. The build's archive, written by the
 * JDK that ran Maven, is not offered to it.
 * <p>
 * The JVM writes the archive at exit (about 5 s more to stop the training run), to a file of its own, which is
 * moved into place only if the JVM exited normally and the package was not rebuilt while it ran (its archive would
 * name the old jars): two instances of a service can train at once, and a crash leaves nothing half-written behind.
 * A JVM that cannot use an archive (another Java, a damaged file) starts without it, as it would with none.
 */
final class ClassArchive {

    static final String TRAINED = "app-cds-trained.jsa";
    static final String TRAINED_AOT = "app-trained.aot";
    static final String BUILT = "app-cds.jsa";

    /** How a JVM records and maps a trained archive. */
    enum Kind {
        /** JDK 17 to 24: a dynamic class-data archive. */
        DYNAMIC_CDS(TRAINED, "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=",
                List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off")),
        /** JDK 25 and later: an AOT cache. */
        AOT_CACHE(TRAINED_AOT, "-XX:AOTCacheOutput=", "-XX:AOTCache=", List.of("-Xlog:aot=off", "-Xlog:cds=off"));

        final String trainedFile;
        final String record;
        final String map;
        final List<String> quiet;

        Kind(String trainedFile, String record, String map, List<String> quiet) {
            this.trainedFile = trainedFile;
            this.record = record;
            this.map = map;
            this.quiet = quiet;
        }

        static Kind of(ServiceJava java) {
            return java.hasAotCache() ? AOT_CACHE : DYNAMIC_CDS;
        }
    }

    private final Path app;
    private final Kind kind;
    private final boolean mayTrain;
    private Path recording;
    private FileTime recordingSince;

    /** @param mayTrain false when the JVM could not record (JFR is off while a JVM records an archive) */
    ClassArchive(Path app, Kind kind, boolean mayTrain) {
        this.app = app;
        this.kind = kind;
        this.mayTrain = mayTrain;
    }

    /** The JVM options of the next start: map the trained archive, or train one. */
    synchronized List<String> optionsForStart() {
        Path trained = app.resolve(kind.trainedFile);
        if (isCurrent(trained)) {
            discardRecording();
            return List.of(kind.map + trained);
        }
        discardRecording();
        if (!mayTrain) {
            Path built = app.resolve(BUILT);
            return kind == Kind.DYNAMIC_CDS && Files.isRegularFile(built) ? List.of(kind.map + built) : List.of();
        }
        removeOrphans();
        // A dynamic archive cannot be recorded on top of another one (JDK 17): the training run maps none.
        recording = app.resolve(kind.trainedFile + "." + UUID.randomUUID() + ".tmp");
        recordingSince = FileTime.fromMillis(System.currentTimeMillis());
        List<String> options = new java.util.ArrayList<>(List.of(kind.record + recording));
        options.addAll(kind.quiet);
        return options;
    }

    /** After the JVM exited: keeps what a training run recorded if the JVM ended normally (0, or SIGTERM's 143). */
    synchronized void afterExit(int exitCode) {
        if (recording == null) {
            return;
        }
        Path recorded = recording;
        recording = null;
        try {
            // A package rebuilt while the JVM ran: the JVM recorded the classes of the jars it had opened, which the
            // next start would refuse (and start with no archive at all, every time, since the file looks newer).
            boolean packageUnchanged = newestJar().compareTo(recordingSince) <= 0;
            if ((exitCode == 0 || exitCode == 143) && packageUnchanged && Files.isRegularFile(recorded)
                    && Files.size(recorded) > 0) {
                Files.move(recorded, app.resolve(kind.trainedFile), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(recorded);
            }
        } catch (IOException e) {
            // Not fatal: the next start trains again.
            System.err.println("could not keep the class archive " + recorded + ": " + e.getMessage());
        }
    }

    private void discardRecording() {
        if (recording != null) {
            try {
                Files.deleteIfExists(recording);
            } catch (IOException ignored) {
                // a leftover temporary file; harmless
            }
            recording = null;
        }
    }

    /**
     * Recordings a JVM wrote at exit that no stop moved into place (the launcher itself was killed), and the
     * configuration a JDK 25 writes before it (.tmp.config). A recording exists only from its JVM's exit on and is
     * moved right after, so one older than a minute is an orphan.
     */
    private void removeOrphans() {
        long minuteAgo = System.currentTimeMillis() - 60_000;
        try (var files = Files.list(app)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(kind.trainedFile + ".") && (name.endsWith(".tmp") || name.endsWith(".tmp.config"))
                        && lastModified(p).toMillis() < minuteAgo) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException ignored) {
            // leftovers stay; harmless
        }
    }

    /** A trained archive newer than every file of the package it was recorded from. */
    private boolean isCurrent(Path trained) {
        if (!Files.isRegularFile(trained)) {
            return false;
        }
        return newestJar().compareTo(lastModified(trained)) <= 0;
    }

    /** The modification time of the package's newest jar (the far future if the package cannot be read). */
    private FileTime newestJar() {
        try (var files = Files.walk(app)) {
            return files.filter(p -> p.toString().endsWith(".jar")).map(ClassArchive::lastModified)
                    .max(FileTime::compareTo).orElse(FileTime.fromMillis(0));
        } catch (IOException | java.io.UncheckedIOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }
}
