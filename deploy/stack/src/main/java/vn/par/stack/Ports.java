package vn.par.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.OptionalLong;

/** Loopback ports. */
public final class Ports {

    private Ports() {
    }

    /**
     * Ports are picked below Linux's ephemeral range (32768-60999 by default): a port the kernel hands out for
     * "any free port" is also what it hands out as the local port of outgoing connections, so between the probe and
     * the server's bind a client could take it (a test run failed once with Kafka's "Address already in use").
     */
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    /** Handed out by this JVM already: two servers started side by side never get the same port. */
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A port nobody listens on right now, not handed out before by this JVM. */
    public static int free() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(LOWEST, HIGHEST);
            if (GIVEN.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            } catch (IOException taken) {
                continue;
            }
            if (GIVEN.add(port)) {
                return port;
            }
        }
        throw new StackException("no free port between " + LOWEST + " and " + HIGHEST + " after 200 attempts");
    }

    /**
     * Refuses to go on when another process listens on one of {@code ports}: the engine about to start there would
     * fail to bind, and a readiness check could be answered by that other process instead.
     *
     * @param what the engine that needs the ports, for the message
     */
    public static void requireFree(String what, List<Integer> ports) {
        for (int port : ports) {
            if (!isFree(port)) {
                OptionalLong owner = ProcFs.listenerOf(port);
                String who = owner.isPresent() ? ProcFs.describe(owner.getAsLong()) : null;
                throw new StackException(String.format(
                        "Cổng %d cần cho %s đang bị %s chiếm; hãy dừng tiến trình đó (hoặc chọn cổng khác) rồi chạy lại."
                                + "%nPort %d needed by %s is held by %s; stop it (or choose another port) and start again.",
                        port, what, who == null ? "một tiến trình khác" : "tiến trình " + who,
                        port, what, who == null ? "another process" : "process " + who));
            }
        }
    }

    /**
     * Whether no process listens on {@code port}: a bind to the wildcard address conflicts with a listener on any
     * local address. Address reuse is on, as the engines have it, so connections of a stopped server that linger in
     * TIME_WAIT do not count.
     */
    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
