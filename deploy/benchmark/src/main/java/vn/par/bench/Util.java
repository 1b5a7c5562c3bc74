package vn.par.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;

final class Util {

    private Util() {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        }
    }

    /** Polls every {@code everyMillis} until the condition holds; fails naming {@code what} after the timeout. */
    static void await(String what, Duration timeout, long everyMillis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkException(what + " did not happen within " + timeout.toSeconds() + " s");
            }
            sleep(everyMillis);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1024.0 / 1024.0);
    }
}
