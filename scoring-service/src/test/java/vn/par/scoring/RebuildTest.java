package vn.par.scoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.scoring.testing.SeedPlan.taskOf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.infra.events.EventEnvelope;
import vn.par.scoring.testing.Events;
import vn.par.scoring.testing.Scores;
import vn.par.scoring.testing.SeedPlan;
import vn.par.stack.testing.TestInfra;

/**
 * Rebuilding the projection from the topics gives what the live path built, and repairs what it did not. Runs after
 * the other test classes, so the rebuild goes through all the plans and events they left behind.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "admin", roles = "admin")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildTest {

    private static final Instant MARCH = Instant.parse("2024-03-04T05:06:07Z");

    @Inject
    AgroalDataSource dataSource;

    @Test
    @Order(1)
    void aRebuildFromTheTopicsEqualsTheLiveProjection() {
        UUID busy = UUID.randomUUID();
        Events.plan(busy, 1, SeedPlan.json(busy), MARCH);
        Events.lead(busy, 1, taskOf("7.2"), "IN_PROGRESS", 50, MARCH);
        Events.lead(busy, 2, taskOf("7.2"), "BLOCKED", 60, MARCH.plusSeconds(1));
        Events.report(busy, 3, taskOf("7.1"), "COORDINATING", "DONE", 100, MARCH.plusSeconds(2));
        Events.assessment(busy, 4, "7.3", "3.25", MARCH.plusSeconds(3));
        Events.lead(busy, 5, SeedPlan.tasksOf("3").get(1), "DONE", 100, MARCH.plusSeconds(4));
        ObjectNode v2 = SeedPlan.json(busy);
        v2.put("version", 2);
        SeedPlan.criterion(v2, "6.1.2").with("derived").put("targetPoints", 1.9);
        Events.plan(busy, 2, v2, MARCH.plusSeconds(5));
        EventEnvelope last = Events.lead(busy, 6, taskOf("6.1.2"), "IN_PROGRESS", 33, MARCH.plusSeconds(6));
        UUID quiet = UUID.randomUUID();
        EventEnvelope published = Events.plan(quiet, 1, SeedPlan.json(quiet), MARCH);
        UUID early = UUID.randomUUID(); // progress only: its plan never came
        Events.lead(early, 1, taskOf("7.2"), "DONE", 100, MARCH);

        Scores.awaitPublishedCause(busy, last.id());
        Scores.awaitPublishedCause(quiet, published.id());
        List<String> before = bodies();
        assertTrue(before.size() > 10, "every plan the tests published: " + before.size());
        int publishedBefore = Scores.published(busy).size() + Scores.published(quiet).size();

        JsonNode report = rebuild();
        assertTrue(report.get("events").asLong() >= 10, report.toString());
        assertEquals(0, report.get("changedPlans").asInt(), "the live projection was right: " + report);
        assertEquals(before, bodies());
        assertEquals(publishedBefore, Scores.published(busy).size() + Scores.published(quiet).size(),
                "replaying history publishes nothing");

        // The live path goes on from the rebuilt state.
        EventEnvelope next = Events.lead(busy, 7, taskOf("7.2"), "DONE", 100, MARCH.plusSeconds(60));
        Scores.awaitPublishedCause(busy, next.id());
        JsonNode score = Scores.plan(busy);
        assertEquals("4", Scores.criterion(score, "7.2").get("projected").asText());
        assertEquals(List.of(), texts(Scores.area(score, "7").get("atRisk")), "no longer blocked");
        Events.plan(early, 1, SeedPlan.json(early), MARCH);
        assertEquals("90.29", Scores.awaitSequence(early, 1).get("projected").asText(), "the early report survived");
    }

    @Test
    @Order(2)
    void aRebuildRepairsADamagedProjectionAndPublishesOnceForIt() throws SQLException {
        UUID plan = UUID.randomUUID();
        Events.plan(plan, 1, SeedPlan.json(plan), MARCH);
        EventEnvelope done = Events.lead(plan, 1, taskOf("7.2"), "DONE", 100, MARCH.plusSeconds(1));
        Scores.awaitPublishedCause(plan, done.id());
        assertEquals("90.29", Scores.awaitSequence(plan, 2).get("projected").asText());

        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM task_progress WHERE plan_id = ?")) {
            ps.setObject(1, plan);
            assertEquals(1, ps.executeUpdate());
        }
        assertEquals("89.62", Scores.plan(plan).get("projected").asText(), "the damage shows");

        JsonNode report = rebuild();
        assertEquals(1, report.get("changedPlans").asInt(), report.toString());
        JsonNode repaired = Scores.plan(plan);
        assertEquals("90.29", repaired.get("projected").asText());
        assertEquals(3, repaired.get("sequence").asLong());
        List<JsonNode> events = Scores.await(() -> Scores.published(plan), e -> e.size() == 3, "the repair's event");
        JsonNode repair = events.get(2);
        assertEquals(3, repair.get("sequence").asLong());
        assertEquals("89.62", repair.get("previousProjected").asText());
        assertEquals("90.29", repair.get("projected").asText());
        assertEquals(done.id().toString(), repair.get("causedBy").asText(), "the last event it reflects");
    }

    private static JsonNode rebuild() {
        return Scores.parse(given().contentType("application/json").post("/api/admin/rebuild").then().statusCode(200)
                .extract().asString());
    }

    /** The ranking and, for every published plan, its score and timeline, as REST answers them. */
    private static List<String> bodies() {
        String ranking = given().get("/api/scores").then().statusCode(200).extract().asString();
        List<String> bodies = new ArrayList<>(List.of(ranking));
        for (JsonNode line : Scores.parse(ranking)) {
            String plan = line.get("planId").asText();
            bodies.add(given().get("/api/plans/{planId}/scores", plan).then().statusCode(200).extract().asString());
            bodies.add(given().get("/api/plans/{planId}/scores/history", plan).then().statusCode(200).extract().asString());
        }
        return bodies;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
