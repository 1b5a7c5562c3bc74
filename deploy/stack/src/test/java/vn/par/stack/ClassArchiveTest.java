package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassArchiveTest {

    @TempDir
    Path app;

    @ParameterizedTest
    @CsvSource({
            "DYNAMIC_CDS, -XX:ArchiveClassesAtExit=, -XX:SharedArchiveFile=, app-cds-trained.jsa, app-trained.aot",
            "AOT_CACHE,   -XX:AOTCacheOutput=,       -XX:AOTCache=,          app-trained.aot,     app-cds-trained.jsa" })
    void theFirstStartTrainsAndAGracefulStopKeepsTheArchiveForTheNextStart(ClassArchive.Kind kind, String record,
            String map, String trainedFile, String otherJdksFile) throws IOException {
        packaged(Instant.parse("2026-11-27T08:00:00Z"));
        // Another JDK's archive and the build's (of the JDK that ran Maven) do not stop a training run.
        Files.writeString(app.resolve(otherJdksFile), "another JDK's archive");
        Files.writeString(app.resolve(ClassArchive.BUILT), "the build's archive");
        ClassArchive archive = new ClassArchive(app, kind, true);

        List<String> first = archive.optionsForStart();
        Path recording = recordingIn(first, record);
        assertTrue(recording.getFileName().toString().startsWith(trainedFile + "."), first.toString());
        Files.writeString(recording, "archive"); // what the JVM writes as it exits
        archive.afterExit(143);

        assertTrue(Files.isRegularFile(app.resolve(trainedFile)));
        assertFalse(Files.exists(recording));
        assertEquals(List.of(map + app.resolve(trainedFile)), archive.optionsForStart());
    }

    @Test
    void aCrashedTrainingRunLeavesNothingBehind() throws IOException {
        packaged(Instant.parse("2026-11-27T08:00:00Z"));
        ClassArchive archive = new ClassArchive(app, ClassArchive.Kind.DYNAMIC_CDS, true);
        Path recording = recordingIn(archive.optionsForStart());
        Files.writeString(recording, "half an archive");

        archive.afterExit(137);

        assertFalse(Files.exists(recording));
        assertFalse(Files.exists(app.resolve(ClassArchive.TRAINED)));
    }

    @Test
    void aPackageRebuiltWhileTheTrainingRunRanDiscardsItsRecording() throws IOException {
        packaged(Instant.parse("2026-11-27T08:00:00Z"));
        ClassArchive archive = new ClassArchive(app, ClassArchive.Kind.DYNAMIC_CDS, true);
        Path recording = recordingIn(archive.optionsForStart());
        packaged(Instant.now().plusSeconds(60)); // ./mvnw package while the service runs
        Files.writeString(recording, "archive of the jars the JVM had opened");

        archive.afterExit(143);

        assertFalse(Files.exists(recording));
        assertFalse(Files.exists(app.resolve(ClassArchive.TRAINED)));
        assertTrue(archive.optionsForStart().get(0).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aPackageNewerThanTheTrainedArchiveTrainsAgain() throws IOException {
        packaged(Instant.parse("2026-11-27T10:00:00Z"));
        Path trained = Files.writeString(app.resolve(ClassArchive.TRAINED), "archive of the old package");
        Files.setLastModifiedTime(trained, FileTime.from(Instant.parse("2026-11-27T09:00:00Z")));

        List<String> options = new ClassArchive(app, ClassArchive.Kind.DYNAMIC_CDS, true).optionsForStart();

        assertTrue(options.get(0).startsWith("-XX:ArchiveClassesAtExit="), options.toString());
    }

    @Test
    void aJvmThatCannotTrainMapsTheBuildsArchive() throws IOException {
        packaged(Instant.parse("2026-11-27T08:00:00Z"));
        Files.writeString(app.resolve(ClassArchive.BUILT), "the build's archive");

        assertEquals(List.of("-XX:SharedArchiveFile=" + app.resolve(ClassArchive.BUILT)),
                new ClassArchive(app, ClassArchive.Kind.DYNAMIC_CDS, false).optionsForStart());
    }

    @Test
    void aJdk25ThatCannotTrainStartsWithoutTheBuildsArchive() throws IOException {
        packaged(Instant.parse("2026-11-27T08:00:00Z"));
        Files.writeString(app.resolve(ClassArchive.BUILT), "the build's archive, of the JDK that ran Maven");

        assertEquals(List.of(), new ClassArchive(app, ClassArchive.Kind.AOT_CACHE, false).optionsForStart());
    }

    private void packaged(Instant at) throws IOException {
        Path lib = Files.createDirectories(app.resolve("lib"));
        for (Path jar : List.of(app.resolve("quarkus-run.jar"), lib.resolve("a.jar"))) {
            Files.writeString(jar, "jar");
            Files.setLastModifiedTime(jar, FileTime.from(at));
        }
    }

    private static Path recordingIn(List<String> options) {
        return recordingIn(options, "-XX:ArchiveClassesAtExit=");
    }

    private static Path recordingIn(List<String> options, String prefix) {
        return options.stream().filter(o -> o.startsWith(prefix)).map(o -> Path.of(o.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no training run: " + options));
    }
}
