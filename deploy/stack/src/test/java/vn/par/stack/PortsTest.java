package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

class PortsTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void theOwnerOfAListeningPortIsFoundThroughProc() throws IOException {
        assumeTrue(ProcFs.available(), "Linux only: /proc");
        try (ServerSocket server = listening()) {
            assertEquals(SELF, ProcFs.listenerOf(server.getLocalPort()).orElseThrow());
        }
    }

    @Test
    void aHeldPortIsRefusedWithItsProcessNamed() throws IOException {
        assumeTrue(ProcFs.available(), "Linux only: /proc");
        try (ServerSocket server = listening()) {
            int port = server.getLocalPort();
            assertFalse(Ports.isFree(port));
            StackException e = assertThrows(StackException.class, () -> Ports.requireFree("Kafka", List.of(port)));
            assertTrue(e.getMessage().contains("Cổng " + port + " cần cho Kafka đang bị tiến trình " + SELF + " ("),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Port " + port + " needed by Kafka is held by process " + SELF + " ("),
                    e.getMessage());
        }
    }

    @Test
    void aPortNobodyListensOnIsFree() throws IOException {
        int port;
        try (ServerSocket server = listening()) {
            port = server.getLocalPort();
        }
        assertTrue(Ports.isFree(port));
        Ports.requireFree("Kafka", List.of(port));
    }

    private static ServerSocket listening() throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }
}
