package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderLockTest {

    @TempDir
    Path folder;

    @Test
    void aSecondAcquisitionInThisJvmIsRefusedWithTheHolderNamed() {
        try (DataFolderLock first = DataFolderLock.acquire(folder)) {
            long self = ProcessHandle.current().pid();
            assertEquals(self, first.holder().pid());
            DataFolderInUseException e = assertThrows(DataFolderInUseException.class, () -> DataFolderLock.acquire(folder));
            assertEquals(self, e.holder().pid());
            assertTrue(e.getMessage().contains("kill " + self), e.getMessage());
            assertThrows(DataFolderInUseException.class, () -> DataFolderLock.requireFree(folder));
        }
    }

    @Test
    void anotherProcessHoldingTheFolderIsNamedAndTheRefusalChangesNothing() throws Exception {
        Process holder = ChildJvm.start(List.of(), "hold", folder.toString());
        try {
            Map<String, FileTime> before = listing(folder);
            DataFolderInUseException e = assertThrows(DataFolderInUseException.class, () -> DataFolderLock.acquire(folder));
            assertEquals(holder.pid(), e.holder().pid());
            assertTrue(e.holder().commandLine().contains(ChildJvm.class.getName()), e.holder().commandLine());
            assertTrue(e.getMessage().contains("tiến trình " + holder.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("`kill " + holder.pid() + "`"), e.getMessage());
            DataFolderInUseException probe = assertThrows(DataFolderInUseException.class,
                    () -> DataFolderLock.requireFree(folder));
            assertEquals(holder.pid(), probe.holder().pid());
            assertEquals(before, listing(folder));
            assertTrue(holder.isAlive(), "the holder keeps its lock and runs on");
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void closingReleasesTheFolderCleanly() {
        DataFolderLock.acquire(folder).close();
        DataFolderLock.requireFree(folder);
        try (DataFolderLock again = DataFolderLock.acquire(folder)) {
            assertTrue(again.stale().isEmpty(), "a clean release leaves no stale lock");
        }
    }

    @Test
    void theLockOfAKilledHolderIsTakenOverAsStale() throws Exception {
        Process holder = ChildJvm.start(List.of(), "hold", folder.toString());
        holder.destroyForcibly().waitFor(); // SIGKILL: the system drops its lock, the file still names it
        DataFolderLock.requireFree(folder);
        try (DataFolderLock lock = DataFolderLock.acquire(folder)) {
            assertEquals(holder.pid(), lock.stale().orElseThrow().pid());
            assertEquals(ProcessHandle.current().pid(), lock.holder().pid());
        }
    }

    @Test
    void aLockFileThatNobodyHoldsIsTakenOverWithItsFormerHolder() throws IOException {
        // What a launcher killed while holding the folder leaves: the file names it, nobody holds the lock.
        Files.writeString(folder.resolve(DataFolderLock.FILE_NAME),
                "pid=999999999\nstarted=2026-12-01 08\\:00\\:00\ncommand=java -jar par-stack.jar\n");
        try (DataFolderLock lock = DataFolderLock.acquire(folder)) {
            DataFolderLock.Holder stale = lock.stale().orElseThrow();
            assertEquals(999_999_999L, stale.pid());
            assertEquals("2026-12-01 08:00:00", stale.startedAt());
            assertEquals("java -jar par-stack.jar", stale.commandLine());
        }
    }

    @Test
    void askingWhetherAFolderIsFreeCreatesNothing() {
        Path missing = folder.resolve("not-yet");
        DataFolderLock.requireFree(missing);
        assertFalse(Files.exists(missing));
    }

    private static Map<String, FileTime> listing(Path dir) throws IOException {
        Map<String, FileTime> files = new TreeMap<>();
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                files.put(dir.relativize(p) + " " + Files.size(p), Files.getLastModifiedTime(p));
            }
        }
        return files;
    }
}
