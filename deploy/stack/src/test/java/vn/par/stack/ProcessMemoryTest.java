package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void aRunningJvmHoldsMegabytesAndAGoneProcessIsUnknown() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/smaps_rollup")), "Linux only");
        long self = ProcessMemory.pssBytes(ProcessHandle.current().pid());
        assertTrue(self > 10L << 20, "a JVM holds more than 10 MB: " + self);

        Process child = ChildJvm.start(List.of("-Xmx32m"));
        long pid = child.pid();
        try {
            long alone = ProcessMemory.pssBytes(pid);
            assertTrue(alone > 0, "the child's PSS: " + alone);
            // The tree of this JVM counts the child too; the set counts each process once.
            long tree = ProcessMemory.treePssBytes(ProcessHandle.current().pid());
            assertTrue(tree >= ProcessMemory.pssBytes(ProcessHandle.current().pid()) + alone / 2,
                    "tree " + tree + " with a child of " + alone);
            long both = ProcessMemory.sum(Set.of(pid, ProcessHandle.current().pid()));
            assertTrue(both > alone, both + " > " + alone);
        } finally {
            child.getOutputStream().close();
            child.waitFor();
        }
        assertEquals(-1, ProcessMemory.pssBytes(pid));
        assertEquals(-1, ProcessMemory.pssBytes(0));
        assertEquals(-1, ProcessMemory.sum(Set.of(pid)));
    }
}
