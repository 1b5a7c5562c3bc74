package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {

    @TempDir
    Path data;

    @Test
    void aStackTakesItsDataFolderAndASecondStackThereIsRefused() {
        try (Stack first = new Stack(StackOptions.forTests(data, data, line -> { }))) {
            first.takeDataFolder();
            Stack second = new Stack(StackOptions.forTests(data, data, line -> { }));
            DataFolderInUseException e = assertThrows(DataFolderInUseException.class, second::start);
            assertEquals(ProcessHandle.current().pid(), e.holder().pid());
        }
        try (Stack after = new Stack(StackOptions.forTests(data, data, line -> { }))) {
            after.takeDataFolder();
        }
    }

    @Test
    void takingOverFromAKilledLauncherStopsWhatItLeftRunning() throws Exception {
        assumeTrue(ProcFs.available(), "Linux only: /proc");
        Process killedLauncher = ChildJvm.start(List.of(), "hold", data.toString());
        Process service = ChildJvm.start(List.of(ServiceProcess.LOG_PROPERTY + data.resolve("logs/scoring-service.log")));
        try {
            killedLauncher.destroyForcibly().waitFor();
            List<String> said = new CopyOnWriteArrayList<>();
            try (Stack stack = new Stack(StackOptions.forTests(data, data, said::add))) {
                stack.takeDataFolder();
                assertTrue(service.waitFor(10, TimeUnit.SECONDS), "the leftover service was stopped");
                assertTrue(said.get(0).contains("pid " + killedLauncher.pid() + ") was killed"), said.toString());
                assertTrue(said.get(1).contains("stopped leftover scoring-service (pid " + service.pid() + ")"),
                        said.toString());
            }
        } finally {
            service.destroyForcibly();
        }
    }
}
