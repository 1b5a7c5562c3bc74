package vn.par.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the quick configuration in-process, through the same code as the command, and checks that the results are
 * sane. It proves the benchmark works; it does not judge the speed (no target is asserted).
 */
class BenchmarkSmokeIT {

    @Test
    void theQuickConfigurationMeasuresEveryPhase() throws Exception {
        Path root = Path.of(System.getProperty("par.root", "../..")).toAbsolutePath().normalize();
        Path work = root.resolve("deploy/benchmark/target/run-it");
        Path out = root.resolve("deploy/benchmark/target/benchmark-it.json");
        Files.deleteIfExists(out);

        Benchmark.Outcome outcome = Benchmark.run(Options.quick(root, work, out),
                line -> System.out.println(LocalTime.now().withNano(0) + " [bench] " + line));
        JsonNode r = outcome.results();

        assertTrue(outcome.failures().isEmpty(), "phases failed: " + outcome.failures());
        assertTrue(outcome.resultLine().matches("RESULT throughput_rps=\\d+\\.\\d db_limit_tps=\\d+\\.\\d ratio=\\d+\\.\\d{2} "
                + "p50_ms=-?\\d+\\.\\d p99_ms=-?\\d+\\.\\d rebuild_eps=\\d+\\.\\d"), outcome.resultLine());
        assertTrue(Files.isRegularFile(out), "the JSON results are written");
        assertEquals(outcome.resultLine(), Api.JSON.readTree(out.toFile()).get("result").asText());

        assertTrue(r.at("/machine/cores").asInt() > 0);
        assertTrue(r.at("/limits/postgres/transactionsPerSecond").asDouble() > 0, "PostgreSQL limit");
        assertTrue(r.at("/limits/kafka/defaults/recordsPerSecond").asDouble() > 0, "Kafka limit");
        assertTrue(r.at("/limits/kafka/relaySettings/recordsPerSecond").asDouble() > 0, "Kafka limit, relay settings");

        assertTrue(r.at("/throughput/acceptedPerSecond").asDouble() > 0, "throughput");
        assertEquals(0, r.at("/throughput/errors").asLong(), "errors: " + r.at("/throughput/errorSamples"));
        assertTrue(r.at("/throughput/scoringKeptUp/secondsUntilAllApplied").isNumber(), "scoring applied every report");
        assertTrue(r.at("/throughput/scoringKeptUp/secondsUntilLagZero").isNumber(), "scoring's lag went back to 0");

        assertEquals(0, r.at("/freshness/errors").asLong(), "freshness errors: " + r.at("/freshness/errorSamples"));
        assertTrue(r.at("/freshness/toParScoresMillis/n").asLong() > 0, "freshness to par.scores measured");
        assertTrue(r.at("/freshness/toStreamMillis/p50").isNumber(), "p50 to the stream");
        assertTrue(r.at("/freshness/toStreamMillis/p99").isNumber(), "p99 to the stream");
        assertTrue(r.at("/freshness/warmUp/accepted").asLong() > 0, "the freshness warm-up sent reports");
        assertTrue(r.at("/freshness/warmUp/toStreamMillis/n").asLong() > 0, "the warm-up's reports were matched too");

        assertTrue(r.at("/rebuild/events").asLong() >= 20_000, "rebuild events: " + r.at("/rebuild/answer"));
        assertTrue(r.at("/rebuild/eventsPerSecond").asDouble() > 0, "rebuild events/s");

        assertTrue(r.at("/scale/criteria/ratio").asDouble() > 0, "criteria ratio");
        assertTrue(r.at("/scale/plans/ratio").asDouble() > 0, "plans ratio");

        for (String service : new String[] { "criteria-service", "progress-service", "scoring-service" }) {
            assertTrue(r.at("/footprint/restart/" + service + "/startToReadySeconds").asDouble() > 0, service + " start");
            if (Proc.linux()) {
                assertTrue(r.at("/footprint/restart/" + service + "/cpuSecondsToReady").asDouble() > 0, service + " start CPU");
                assertTrue(r.at("/footprint/rssIdleBeforeLoadMiB/" + service).asLong() > 0, service + " RSS after set-up");
                assertTrue(r.at("/footprint/rssQuietMiB/" + service).asLong() > 0, service + " RSS quiet");
                assertTrue(r.at("/footprint/rssUnderLoadMaxMiB/" + service).asLong() > 0, service + " RSS under load");
            }
        }
    }
}
