package vn.par.scoring;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.scoring.testing.Events;
import vn.par.scoring.testing.Scores;
import vn.par.scoring.testing.SeedPlan;
import vn.par.stack.testing.TestInfra;

/**
 * Rebuild speed over a large history (issue 8 target: ≥ 50,000 events/s over 1,000,000 progress events). The live
 * consumer is off so that it does not compete for the machine. A measurement, not a check: run it alone with
 * {@code -Dpar.bench=true -Dtest=RebuildBenchmarkTest} (optionally {@code -Dpar.bench.events=…}).
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestProfile(RebuildBenchmarkTest.WithoutLiveConsumer.class)
@TestSecurity(user = "admin", roles = "admin")
@EnabledIfSystemProperty(named = "par.bench", matches = "true")
class RebuildBenchmarkTest {

    public static class WithoutLiveConsumer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("par.scoring.inputs.enabled", "false");
        }
    }

    @Test
    void rebuildAMillionProgressEvents() {
        int plans = 200;
        long events = Long.getLong("par.bench.events", 1_000_000);
        Instant time = Instant.parse("2024-04-01T00:00:00Z");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < plans; i++) {
            UUID plan = UUID.randomUUID();
            ids.add(plan);
            Events.plan(plan, 1, SeedPlan.json(plan), time);
        }
        List<String> tasks = SeedPlan.allTaskIds();
        long[] sequences = new long[plans];
        Random random = new Random(1);
        KafkaProducer<String, String> producer = Events.producer();
        long started = System.nanoTime();
        for (long n = 0; n < events; n++) {
            int p = random.nextInt(plans);
            UUID plan = ids.get(p);
            String data = "{\"reportId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + plan + "\",\"taskId\":\""
                    + tasks.get(random.nextInt(tasks.size())) + "\",\"criterionCode\":\"7.2\",\"unit\":\"LDVL\","
                    + "\"role\":\"LEAD\",\"status\":\"IN_PROGRESS\",\"percentComplete\":" + random.nextInt(101)
                    + ",\"reportedBy\":\"ldvl\",\"reportedAt\":\"" + time + "\",\"changesTaskState\":true}";
            EventEnvelope e = new EventEnvelope(UUID.randomUUID(), "ProgressReported", "/progress-service",
                    time.plusMillis(n), plan.toString(), ++sequences[p], data);
            producer.send(new ProducerRecord<>(Topics.PROGRESS, null, e.key(), e.data(), e.headers()));
        }
        producer.flush();
        System.out.printf("produced %d progress events for %d plans in %d ms%n", events, plans,
                (System.nanoTime() - started) / 1_000_000);

        JsonNode report = Scores.parse(given().contentType("application/json").post("/api/admin/rebuild")
                .then().statusCode(200).extract().asString());
        System.out.println("REBUILD " + report);
        JsonNode again = Scores.parse(given().contentType("application/json").post("/api/admin/rebuild")
                .then().statusCode(200).extract().asString());
        System.out.println("REBUILD (again, nothing changed) " + again);
    }
}
