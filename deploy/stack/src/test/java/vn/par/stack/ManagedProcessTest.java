package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void itDoesNotStartWhileAnotherProcessHoldsItsPort() throws IOException {
        assumeTrue(ProcFs.available(), "Linux only: /proc");
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            ManagedProcess engine = new ManagedProcess("Kafka", List.of("sleep", "30"), Map.of(), dir,
                    dir.resolve("kafka.log"), List.of(other.getLocalPort()));
            StackException e = assertThrows(StackException.class, engine::start);
            assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
            assertFalse(engine.isAlive());
            assertFalse(Files.exists(dir.resolve("kafka.log")), "nothing written");
        }
    }

    @Test
    void itsReadinessSignalIsOnlyWhatThisRunWrote() throws IOException {
        Path log = dir.resolve("engine.log");
        Files.writeString(log, "Listening on: (a run before)\n");
        ManagedProcess engine = new ManagedProcess("Engine", List.of("sh", "-c", "sleep 1; echo Listening on: now; sleep 30"),
                Map.of(), dir, log, List.of());
        engine.start();
        try {
            assertFalse(engine.hasLogged("Listening on: "));
            engine.await("its start line", Duration.ofSeconds(20), () -> engine.hasLogged("Listening on: "));
        } finally {
            engine.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aProcessThatExitedIsNotReadyWhateverAnswered() {
        ManagedProcess engine = new ManagedProcess("Engine", List.of("sh", "-c", "sleep 0.3; exit 3"), Map.of(), dir,
                dir.resolve("engine.log"), List.of());
        engine.start();
        // The check answers yes only once the process is gone, as another process's port would.
        StackException e = assertThrows(StackException.class, () -> engine.await("it to answer", Duration.ofSeconds(20),
                () -> {
                    while (engine.isAlive()) {
                        ManagedProcess.sleep(50);
                    }
                    return true;
                }));
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
    }
}
