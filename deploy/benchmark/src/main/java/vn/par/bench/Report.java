package vn.par.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.stack.Stack;

/** The table (what, value, target, ok?) and the RESULT line, from the results. */
final class Report {

    private record Row(String what, String value, String target, String ok) {
    }

    private final ObjectNode r;

    Report(ObjectNode results) {
        this.r = results;
    }

    double throughput() {
        return num(r.path("throughput").path("acceptedPerSecond"));
    }

    double dbLimit() {
        return num(r.path("limits").path("postgres").path("transactionsPerSecond"));
    }

    /** The stream's figures: the later of the two places a score shows up. */
    double p50() {
        return num(r.path("freshness").path("toStreamMillis").path("p50"));
    }

    double p99() {
        return num(r.path("freshness").path("toStreamMillis").path("p99"));
    }

    double rebuildEps() {
        return num(r.path("rebuild").path("eventsPerSecond"));
    }

    String resultLine() {
        double ratio = throughput() / dbLimit();
        return String.format(Locale.ROOT, "RESULT throughput_rps=%.1f db_limit_tps=%.1f ratio=%.2f p50_ms=%.1f p99_ms=%.1f "
                + "rebuild_eps=%.1f", throughput(), dbLimit(), ratio, p50(), p99(), rebuildEps());
    }

    String table() {
        List<Row> rows = new ArrayList<>();
        JsonNode pg = r.path("limits").path("postgres");
        rows.add(new Row("PostgreSQL limit: report-shaped tx/s (8 conns, sync commit)", num0(pg.path("transactionsPerSecond")),
                "(ceiling)", "-"));
        JsonNode kafka = r.path("limits").path("kafka");
        rows.add(new Row("Kafka limit: records/s acks=all (defaults / relay settings)",
                num0(kafka.path("defaults").path("recordsPerSecond")) + " / "
                        + num0(kafka.path("relaySettings").path("recordsPerSecond")), "(ceiling)", "-"));
        JsonNode t = r.path("throughput");
        double tp = throughput();
        double half = dbLimit() / 2;
        rows.add(new Row("Throughput: accepted reports/s", num1(t.path("acceptedPerSecond")),
                Double.isNaN(half) ? "≥ 50 % of PG limit" : "≥ " + Util.f0(half) + " (50 % of PG)",
                ok(!Double.isNaN(tp) && !Double.isNaN(half), tp >= half)));
        JsonNode series = t.path("rateSeries");
        List<String> inWindow = new ArrayList<>();
        series.forEach(x -> {
            if (!x.path("warmup").asBoolean()) {
                inWindow.add(Util.f0(x.path("reportsPerSecond").asDouble()));
            }
        });
        if (!inWindow.isEmpty()) {
            rows.add(new Row("  (reports/s through the window)", String.join(" → ", inWindow), "(steady?)", "-"));
        }
        rows.add(new Row("Throughput / PostgreSQL limit", Double.isNaN(tp / dbLimit()) ? "n/a" : Util.f2(tp / dbLimit()),
                "≥ 0.50", ok(!Double.isNaN(tp / dbLimit()), tp / dbLimit() >= 0.5)));
        long errors = t.path("errors").asLong(0) + r.path("freshness").path("errors").asLong(0);
        boolean anyLoad = t.has("errors") || r.path("freshness").has("errors");
        rows.add(new Row("Errors (throughput + freshness)", anyLoad ? Long.toString(errors) : "n/a", "0", ok(anyLoad, errors == 0)));
        JsonNode kept = t.path("scoringKeptUp");
        rows.add(new Row("Scoring lag at end → 0 after", kept.isMissingNode() ? "n/a"
                : kept.path("lagAtEnd").asText() + " records → " + secs(kept.path("secondsUntilLagZero")), "≤ 5 s",
                ok(!kept.isMissingNode(), kept.path("secondsUntilLagZero").isNumber()
                        && kept.path("secondsUntilLagZero").asDouble() <= 5)));
        rows.add(new Row("  (all reports applied by scoring after)", kept.isMissingNode() ? "n/a"
                : secs(kept.path("secondsUntilAllApplied")), "(info)", "-"));
        JsonNode f = r.path("freshness");
        for (String[] where : new String[][] { { "toParScoresMillis", "Freshness → par.scores p50 / p99 / max" },
                { "toStreamMillis", "Freshness → SSE stream p50 / p99 / max" } }) {
            JsonNode s = f.path(where[0]);
            boolean has = s.has("p50");
            rows.add(new Row(where[1], has ? s.path("p50").asText() + " / " + s.path("p99").asText() + " / "
                    + s.path("max").asText() + " ms" : "n/a", "p50 ≤ 50, p99 ≤ 250 ms",
                    ok(has, s.path("p50").asDouble() <= 50 && s.path("p99").asDouble() <= 250)));
        }
        JsonNode rb = r.path("rebuild");
        rows.add(new Row("Rebuild: events/s (service; wall clock)", rb.has("eventsPerSecond")
                ? num0(rb.path("eventsPerSecond")) + " (" + num0(rb.path("events")) + " events; wall "
                        + num0(rb.path("wallEventsPerSecond")) + "/s)" : "n/a", "≥ 50,000",
                ok(rb.has("eventsPerSecond"), rebuildEps() >= 50_000)));
        JsonNode sc = r.path("scale");
        JsonNode c = sc.path("criteria");
        rows.add(new Row("Scale: µs/event " + c.path("large").path("criteria").asText("3507") + " vs "
                + c.path("small").path("criteria").asText("35") + " criteria", c.has("ratio")
                ? num1(c.path("large").path("microsPerEvent")) + " vs " + num1(c.path("small").path("microsPerEvent"))
                        + " → ratio " + c.path("ratio").asText() : "n/a", "ratio ≤ 1.5",
                ok(c.has("ratio"), c.path("ratio").asDouble() <= 1.5)));
        JsonNode p = sc.path("plans");
        rows.add(new Row("Scale: µs/event " + p.path("many").path("plans").asText("2000") + " vs "
                + p.path("few").path("plans").asText("10") + " plans", p.has("ratio")
                ? num1(p.path("many").path("microsPerEvent")) + " vs " + num1(p.path("few").path("microsPerEvent"))
                        + " → ratio " + p.path("ratio").asText() : "n/a", "≈ 1 (no bound set)", "-"));
        JsonNode foot = r.path("footprint");
        for (String s : Stack.SERVICES) {
            JsonNode restart = foot.path("restart").path(s);
            String busy = restart.has("machineBusyPercentDuringStart")
                    ? " (machine " + Math.round(restart.path("machineBusyPercentDuringStart").asDouble()) + " % busy, "
                            + Math.round(restart.path("othersPercentOfMachineDuringStart").asDouble()) + " % by others)"
                    : "";
            rows.add(new Row(s + ": start to ready", restart.has("startToReadySeconds")
                    ? Util.f2(restart.path("startToReadySeconds").asDouble()) + " s" + busy : "n/a", "≤ 3 s",
                    ok(restart.has("startToReadySeconds"), restart.path("startToReadySeconds").asDouble() <= 3)));
            JsonNode afterSetup = foot.path("rssIdleBeforeLoadMiB").path(s);
            JsonNode quiet = foot.path("rssQuietMiB").path(s);
            JsonNode fresh = restart.path("rssMiB3sAfterReady");
            JsonNode load = foot.path("rssUnderLoadMaxMiB").path(s);
            rows.add(new Row(s + ": RSS after set-up / " + foot.path("quietSeconds").asInt(Benchmark.QUIET_SECONDS)
                    + " s quiet / restarted / max under load", mb(afterSetup) + " / " + mb(quiet) + " / " + mb(fresh)
                    + " / " + mb(load), "idle ≤ 200 MB", ok(quiet.isNumber(), quiet.asDouble() <= 200)));
        }

        JsonNode pss = foot.path("pssAfterLoadMiB");
        if (pss.isObject()) {
            StringBuilder parts = new StringBuilder();
            pss.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("stackTotal") && !e.getKey().startsWith("benchmark")) {
                    parts.append(parts.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(mb(e.getValue()));
                }
            });
            rows.add(new Row("Whole stack PSS after the load (" + parts + ")", mb(pss.path("stackTotal")),
                    "≤ 1,536 MB (1.5 GiB)", ok(pss.path("stackTotal").isNumber(), pss.path("stackTotal").asDouble() <= 1536)));
        }

        StringBuilder sb = new StringBuilder();
        JsonNode m = r.path("machine");
        sb.append("==== PAR Index benchmark").append(r.path("options").path("quick").asBoolean() ? " (quick configuration)" : "")
                .append(" ====").append(System.lineSeparator());
        sb.append("Machine: ").append(m.isObject() ? Machine.line((ObjectNode) m) : "?").append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "Run: %s plans, %s s throughput (+%s s warm-up, %s in flight), %s s freshness "
                + "(+%s s warm-up), %s rebuild events, K=%s; services %s, and their own %s%n",
                r.path("options").path("plans").asText(),
                r.path("options").path("seconds").asText(), r.path("options").path("warmupSeconds").asText(),
                r.path("options").path("concurrency").asText(), r.path("options").path("freshnessSeconds").asText(),
                r.path("options").path("freshnessWarmupSeconds").asText(),
                r.path("options").path("rebuildEvents").asText(), r.path("options").path("scaleEvents").asText(),
                r.path("stack").path("serviceJvmOptions").toString(), r.path("stack").path("serviceOwnJvmOptions")));
        JsonNode env = r.path("options").path("serviceEnvironment");
        if (env.isObject() && env.size() > 0) {
            sb.append("Service environment (experiment): ").append(env.toString()).append(System.lineSeparator());
        }
        JsonNode pgInfo = r.path("limits").path("postgres");
        sb.append("PostgreSQL: ").append(r.path("stack").path("postgres").asText("?"));
        if (pgInfo.has("fsync")) {
            sb.append(" [server: fsync=").append(pgInfo.path("fsync").asText()).append(", synchronous_commit=")
                    .append(pgInfo.path("serverSynchronousCommit").asText()).append("]");
        }
        sb.append(System.lineSeparator());
        int w0 = 4;
        int w1 = 5;
        int w2 = 6;
        for (Row row : rows) {
            w0 = Math.max(w0, row.what().length());
            w1 = Math.max(w1, row.value().length());
            w2 = Math.max(w2, row.target().length());
        }
        String format = "%-" + w0 + "s  %-" + w1 + "s  %-" + w2 + "s  %s%n";
        sb.append(String.format(Locale.ROOT, format, "what", "value", "target", "ok?"));
        sb.append(String.format(Locale.ROOT, format, "-".repeat(w0), "-".repeat(w1), "-".repeat(w2), "---"));
        for (Row row : rows) {
            sb.append(String.format(Locale.ROOT, format, row.what(), row.value(), row.target(), row.ok()));
        }
        cpu(sb, "throughput", t.path("cpu"));
        cpu(sb, "freshness", r.path("freshness").path("cpu"));
        return sb.toString();
    }

    private static void cpu(StringBuilder sb, String window, JsonNode cpu) {
        if (!cpu.has("processes")) {
            return;
        }
        sb.append(String.format(Locale.ROOT, "CPU during the %s window (%s s, machine %s %% busy, of which "
                + "%s %% outside the run's processes):%n", window, cpu.path("seconds").asText(),
                cpu.path("machineBusyPercent").asText("?"), cpu.path("othersPercentOfMachine").asText("?")));
        cpu.path("processes").fields().forEachRemaining(e -> sb.append(String.format(Locale.ROOT,
                "  %-20s %s%n", e.getKey(), e.getValue().isNull() ? "n/a"
                        : e.getValue().path("coresUsed").asText() + " cores (" + e.getValue().path("percentOfMachine")
                                .asText() + " % of the machine)")));
    }

    private static String ok(boolean known, boolean good) {
        return !known ? "n/a" : good ? "yes" : "NO";
    }

    private static String mb(JsonNode v) {
        return v.isNumber() ? v.asText() + " MB" : "n/a";
    }

    private static String secs(JsonNode v) {
        return v.isNumber() ? Util.f2(v.asDouble()) + " s" : "not within 120 s";
    }

    private static double num(JsonNode v) {
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static String num0(JsonNode v) {
        return v.isNumber() ? Util.f0(v.asDouble()) : "n/a";
    }

    private static String num1(JsonNode v) {
        return v.isNumber() ? Util.f1(v.asDouble()) : "n/a";
    }
}
