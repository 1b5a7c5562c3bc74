package vn.par.criteria;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.infra.events.EventEnvelope;
import vn.par.stack.testing.TestInfra;

/** Publishing and later edits reach par.plans as full snapshots, through the outbox, over the real broker. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "admin", roles = "admin")
class PlanPublishTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void publishingSendsTheWholePlanAndEveryEditSendsTheNextVersion() throws Exception {
        try (PlanEventsProbe probe = new PlanEventsProbe()) {
            String id = TestPlans.importSeedAndPublish(2051);
            EventEnvelope published = probe.await(id, Duration.ofSeconds(30), e -> !e.isEmpty()).get(0);
            assertEquals("PlanPublished", published.type());
            assertEquals("/criteria-service", published.source());
            assertEquals(1, published.sequence());
            JsonNode snapshot = JSON.readTree(published.data());
            assertEquals(1, snapshot.get("version").asInt());
            assertEquals("PUBLISHED", snapshot.get("status").asText());
            assertEquals(32, snapshot.get("criteria").size());
            assertEquals(29, snapshot.get("tasks").size());
            JsonNode c13 = criterion(snapshot, "1.3");
            assertEquals(new BigDecimal("2"), c13.get("maxPoints").decimalValue());
            assertEquals(new BigDecimal("5"), c13.get("derived").get("maxPoints").decimalValue());
            assertTrue(!c13.get("leaf").asBoolean() && criterion(snapshot, "1.3.1").get("leaf").asBoolean());
            // The group "Các PCM, ĐVSNCL thuộc Sở" is expanded, and the lead unit is not listed again.
            JsonNode task11 = task(snapshot, "1.1");
            assertEquals(List.of("VP"), texts(task11.get("leadUnits")));
            assertEquals(List.of("CDCS", "KHTC", "LDVL", "TTDVVL"), texts(task11.get("coordinatingUnits")));

            // Mid-year a target is revised: version 2, audited with the reason.
            given().contentType("application/json").body(Map.of("targetPoints", 1.5, "reason", "Điều chỉnh giữa năm"))
                    .patch("/api/plans/" + id + "/criteria/6.1.2").then().statusCode(200)
                    .body("version", equalTo(2));
            List<EventEnvelope> events = probe.await(id, Duration.ofSeconds(30), e -> e.size() >= 2);
            EventEnvelope changed = events.get(1);
            assertEquals("PlanChanged", changed.type());
            assertEquals(2, changed.sequence());
            JsonNode v2 = JSON.readTree(changed.data());
            assertEquals(2, v2.get("version").asInt());
            assertEquals(new BigDecimal("1.5"), criterion(v2, "6.1.2").get("targetPoints").decimalValue());
            assertEquals(new BigDecimal("3.5"), criterion(v2, "6.1").get("derived").get("targetPoints").decimalValue());

            given().get("/api/plans/" + id + "/history").then().statusCode(200)
                    .body("action", contains("CRITERION_UPDATED", "PUBLISHED", "IMPORTED"))
                    .body("[0].target", equalTo("6.1.2"))
                    .body("[0].field", equalTo("targetPoints"))
                    .body("[0].oldValue", equalTo("2"))
                    .body("[0].newValue", equalTo("1,5"))
                    .body("[0].reason", equalTo("Điều chỉnh giữa năm"))
                    .body("[0].planVersion", equalTo(2));
        }
    }

    @Test
    void aPublishWhileKafkaIsDownIsDeliveredWhenItComesBack() {
        try (PlanEventsProbe probe = new PlanEventsProbe()) {
            TestPlans.ensureSampleUnits();
            String id = TestPlans.importSeed(TestPlans.AGENCY, 2052).then().statusCode(201).extract().path("planId");
            TestInfra.kafka().stop();
            try {
                // The change commits with its outbox row; the broker is not needed for the answer.
                given().contentType("application/json").post("/api/plans/" + id + "/publish").then().statusCode(200)
                        .body("status", equalTo("PUBLISHED"));
            } finally {
                TestInfra.kafka().start(Duration.ofSeconds(90));
            }
            List<EventEnvelope> events = probe.await(id, Duration.ofSeconds(60), e -> !e.isEmpty());
            assertEquals("PlanPublished", events.get(0).type());
        }
    }

    @Test
    void invalidEditsAreRefusedAndChangeNothing() {
        String id = TestPlans.importSeedAndPublish(2053);
        given().contentType("application/json").body(Map.of("baselinePoints", 5))
                .patch("/api/plans/" + id + "/criteria/1.1").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("baselinePoints"))
                .body("detail", containsString("lớn hơn điểm tối đa"));
        given().contentType("application/json").body(Map.of("maxPoints", -1))
                .patch("/api/plans/" + id + "/criteria/1.1").then().statusCode(400).body("field", equalTo("maxPoints"));
        given().contentType("application/json").body(Map.of("maxPoints", "ba"))
                .patch("/api/plans/" + id + "/criteria/1.1").then().statusCode(400).body("field", equalTo("maxPoints"));
        given().contentType("application/json").body(Map.of("colour", "red"))
                .patch("/api/plans/" + id + "/criteria/1.1").then().statusCode(400).body("field", equalTo("colour"));
        given().contentType("application/json").body(Map.of("title", "x"))
                .patch("/api/plans/" + id + "/criteria/9.9").then().statusCode(404);
        given().contentType("application/json").body(Map.of("description", "Nhiệm vụ mới", "leadUnits", List.of("KHONGCO")))
                .post("/api/plans/" + id + "/criteria/1.1/tasks").then().statusCode(400).body("field", equalTo("leadUnits"));
        given().contentType("application/json").body(Map.of("leadUnits", List.of("VP")))
                .post("/api/plans/" + id + "/criteria/1.1/tasks").then().statusCode(400).body("field", equalTo("description"));
        given().get("/api/plans/" + id).then().body("version", equalTo(1));
        given().get("/api/plans/" + id + "/history").then().body("action", contains("PUBLISHED", "IMPORTED"));
    }

    @Test
    void tasksCanBeAddedChangedAndRemovedAfterPublishing() {
        String id = TestPlans.importSeedAndPublish(2054);
        String task = given().contentType("application/json")
                .body(Map.of("description", "Báo cáo quý về chi thường xuyên", "leadUnits", List.of("KHTC"),
                        "coordinatingUnits", List.of("PCM-DVSNCL"), "dueDate", "2054-09-30", "reason", "Bổ sung"))
                .post("/api/plans/" + id + "/criteria/6.3.2/tasks").then().statusCode(201)
                .body("leadUnits", contains("KHTC")).body("dueDate", equalTo("2054-09-30")).extract().path("id");
        given().contentType("application/json")
                .body(Map.of("description", "Báo cáo quý về chi thường xuyên", "leadUnits", List.of("KHTC", "VP")))
                .put("/api/plans/" + id + "/tasks/" + task).then().statusCode(200).body("leadUnits", contains("KHTC", "VP"));
        given().queryParam("reason", "Trùng").delete("/api/plans/" + id + "/tasks/" + task).then().statusCode(204);
        given().get("/api/plans/" + id).then().body("version", equalTo(4));
        given().get("/api/plans/" + id + "/history").then()
                .body("action", contains("TASK_REMOVED", "TASK_UPDATED", "TASK_ADDED", "PUBLISHED", "IMPORTED"));
    }

    private static JsonNode criterion(JsonNode snapshot, String code) {
        for (JsonNode c : snapshot.get("criteria")) {
            if (c.get("code").asText().equals(code)) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + code);
    }

    private static JsonNode task(JsonNode snapshot, String code) {
        for (JsonNode t : snapshot.get("tasks")) {
            if (t.get("criterionCode").asText().equals(code)) {
                return t;
            }
        }
        throw new AssertionError("no task on " + code);
    }

    private static List<String> texts(JsonNode array) {
        java.util.ArrayList<String> result = new java.util.ArrayList<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }
}
