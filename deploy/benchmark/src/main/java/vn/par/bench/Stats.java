package vn.par.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Percentiles of a sample (nearest rank), in milliseconds. */
final class Stats {

    private Stats() {
    }

    /** {n, p50, p90, p99, max, min, mean} of durations in nanoseconds, written in ms; {n: 0} when empty. */
    static ObjectNode millis(Collection<Long> nanos) {
        ObjectNode o = Api.JSON.createObjectNode();
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        o.put("n", sorted.size());
        if (sorted.isEmpty()) {
            return o;
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        o.put("p50", ms(rank(sorted, 0.50)));
        o.put("p90", ms(rank(sorted, 0.90)));
        o.put("p99", ms(rank(sorted, 0.99)));
        o.put("max", ms(sorted.get(sorted.size() - 1)));
        o.put("min", ms(sorted.get(0)));
        o.put("mean", ms((long) (sum / sorted.size())));
        return o;
    }

    private static long rank(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
