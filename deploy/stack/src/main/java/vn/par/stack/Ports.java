package vn.par.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

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

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean isOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
