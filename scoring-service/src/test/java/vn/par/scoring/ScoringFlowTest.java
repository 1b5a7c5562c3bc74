package vn.par.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.scoring.testing.Scores.area;
import static vn.par.scoring.testing.Scores.criterion;
import static vn.par.scoring.testing.SeedPlan.taskOf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.scoring.testing.Events;
import vn.par.scoring.testing.Scores;
import vn.par.scoring.testing.SeedPlan;
import vn.par.stack.testing.TestInfra;

/**
 * The service end to end over the real broker and database: events in on par.plans and par.progress, scores out
 * through REST and on par.scores. Every test works on plans of its own.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "viewer", roles = "viewer")
class ScoringFlowTest {

    private static final Instant FEBRUARY = Instant.parse("2024-02-01T02:00:00Z");
    private static final Instant MAY = Instant.parse("2024-05-02T03:04:05.123Z");
    private static final Instant JUNE = Instant.parse("2024-06-03T08:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPublishedSeedPlanScoresItsDerivedBaseline() {
        UUID plan = UUID.randomUUID();
        EventEnvelope published = Events.plan(plan, 1, SeedPlan.json(plan), FEBRUARY);

        JsonNode score = Scores.awaitSequence(plan, 1);
        assertAll(
                () -> assertEquals(plan.toString(), score.get("planId").asText()),
                () -> assertEquals("Sở Lao động - Thương binh và Xã hội", score.get("agency").asText()),
                () -> assertEquals(2024, score.get("year").asInt()),
                () -> assertEquals(1, score.get("version").asInt()),
                () -> assertEquals(FEBRUARY.toString(), score.get("asOf").asText()),
                () -> assertEquals("89.62", score.get("projected").asText()),
                () -> assertEquals("89.62", score.get("baseline").asText()),
                () -> assertEquals("93.25", score.get("target").asText()),
                () -> assertEquals("100", score.get("max").asText()),
                () -> assertEquals("89.62", score.get("percent").asText()),
                () -> assertEquals(7, score.get("areas").size()),
                () -> assertEquals(32, score.get("criteria").size()),
                () -> assertEquals("7.58", area(score, "6").get("projected").asText()),
                () -> assertEquals("68.91", area(score, "6").get("percent").asText()), // 7.58 / 11
                () -> assertEquals("17.04", area(score, "7").get("baseline").asText()),
                () -> assertEquals("3.33", criterion(score, "6.1").get("projected").asText()),
                () -> assertEquals("6.1", criterion(score, "6.1.2").get("parentCode").asText()),
                () -> assertTrue(criterion(score, "6.1.2").get("leaf").asBoolean()));

        List<JsonNode> events = Scores.awaitPublishedCause(plan, published.id());
        assertEquals(1, events.size());
        JsonNode first = events.get(0);
        assertEquals(1, first.get("sequence").asLong());
        assertEquals("89.62", first.get("projected").asText());
        assertTrue(first.get("previousProjected").isNull(), "no score before the first");
        assertEquals(7, first.get("areas").size());
        assertNull(first.get("criteria"), "the event stays small: areas only");
    }

    @Test
    void aLeadReportMovesTheLeafTheAreaAndThePlanByTheHandComputedAmount() {
        UUID plan = publishSeed();
        EventEnvelope report = Events.lead(plan, 1, taskOf("7.2"), "IN_PROGRESS", 50, MAY);

        // 7.2: 3.33 + (4 − 3.33) × 0.5 = 3.665 → 3.67; area 7: 17.04 + 0.335 = 17.375 → 17.38 (86.875 % → 86.88);
        // plan: 89.62 + 0.335 = 89.955 → 89.96.
        JsonNode score = Scores.awaitSequence(plan, 2);
        assertAll(
                () -> assertEquals("3.67", criterion(score, "7.2").get("projected").asText()),
                () -> assertEquals("50", criterion(score, "7.2").get("completion").asText()),
                () -> assertEquals("17.38", area(score, "7").get("projected").asText()),
                () -> assertEquals("86.88", area(score, "7").get("percent").asText()),
                () -> assertEquals("89.96", score.get("projected").asText()),
                () -> assertEquals("89.96", score.get("percent").asText()),
                () -> assertEquals(MAY.toString(), score.get("asOf").asText()));

        JsonNode changed = Scores.awaitPublishedCause(plan, report.id()).get(1);
        assertEquals(2, changed.get("sequence").asLong());
        assertEquals("89.62", changed.get("previousProjected").asText());
        assertEquals("89.96", changed.get("projected").asText());
        assertEquals("17.38", changed.get("areas").get(6).get("projected").asText());
        assertEquals(MAY.toString(), changed.get("asOf").asText());
    }

    @Test
    void aCoordinatingReportChangesNothing() {
        UUID plan = publishSeed();
        EventEnvelope coordinating = Events.report(plan, 1, taskOf("7.2"), "COORDINATING", "DONE", 100, MAY);
        EventEnvelope barrier = Events.lead(plan, 2, taskOf("7.3"), "IN_PROGRESS", 50, MAY);

        List<JsonNode> events = Scores.awaitPublishedCause(plan, barrier.id());
        assertEquals(2, events.size(), "the plan, then the lead report; nothing for the coordinating one");
        assertFalse(events.stream().anyMatch(e -> e.get("causedBy").asText().equals(coordinating.id().toString())));
        JsonNode score = Scores.awaitSequence(plan, 2);
        assertEquals("3.33", criterion(score, "7.2").get("projected").asText());
        assertEquals("0", criterion(score, "7.2").get("completion").asText());
        assertEquals("50", criterion(score, "7.3").get("completion").asText(), "7.3 keeps 2 points: baseline = target");
        assertEquals("89.62", score.get("projected").asText());
    }

    @Test
    void theSameEventTwiceChangesNothing() {
        UUID plan = publishSeed();
        EventEnvelope half = Events.lead(plan, 1, taskOf("7.2"), "IN_PROGRESS", 50, MAY);
        Events.lead(plan, 2, taskOf("7.2"), "DONE", 100, MAY.plusSeconds(60));
        Events.send(Topics.PROGRESS, half); // redelivered after a newer report: must not take 7.2 back to 50 %
        Events.send(Topics.PLANS, new EventEnvelope(UUID.randomUUID(), "PlanPublished", "/criteria-service", FEBRUARY,
                plan.toString(), 1, SeedPlan.json(plan).toString())); // the plan again, same sequence
        EventEnvelope barrier = Events.lead(plan, 3, taskOf("7.3"), "IN_PROGRESS", 50, MAY.plusSeconds(120));

        List<JsonNode> events = Scores.awaitPublishedCause(plan, barrier.id());
        assertEquals(List.of(1L, 2L, 3L, 4L), events.stream().map(e -> e.get("sequence").asLong()).toList(),
                "plan, 50 %, DONE, barrier: one ScoreChanged each, none for the repeats");
        JsonNode score = Scores.awaitSequence(plan, 4);
        assertEquals("4", criterion(score, "7.2").get("projected").asText());
        assertEquals("90.29", score.get("projected").asText());
    }

    @Test
    void reportsThatArriveTogetherEachGetTheirScoreInOrder() {
        UUID plan = publishSeed();
        UUID other = publishSeed();
        Scores.awaitSequence(plan, 1);
        Scores.awaitSequence(other, 1);
        // Sent without waiting for each, two plans interleaved, so that the consumer takes several of both in one
        // batch: their ScoreChanged events go to the outbox in one statement (Outbox.appendAll) and must keep one
        // sequence number each, per plan, in the reports' order.
        Map<UUID, List<UUID>> reports = Map.of(plan, new ArrayList<>(), other, new ArrayList<>());
        for (int percent = 1; percent <= 20; percent++) {
            for (UUID p : List.of(plan, other)) {
                EventEnvelope report = Events.reportEnvelope(p, percent, taskOf("7.2"), "LEAD", "IN_PROGRESS",
                        percent, MAY.plusSeconds(percent));
                Events.sendWithoutWaiting(Topics.PROGRESS, report);
                reports.get(p).add(report.id());
            }
        }
        Events.producer().flush();

        for (UUID p : List.of(plan, other)) {
            List<JsonNode> events = Scores.awaitPublishedCause(p, reports.get(p).get(19));
            assertEquals(21, events.size(), "the plan's score, then one per report");
            for (int i = 1; i <= 20; i++) {
                JsonNode e = events.get(i);
                assertEquals(i + 1, e.get("sequence").asLong());
                assertEquals(reports.get(p).get(i - 1).toString(), e.get("causedBy").asText(), "score " + (i + 1));
                assertTrue(new java.math.BigDecimal(e.get("projected").asText())
                        .compareTo(new java.math.BigDecimal(events.get(i - 1).get("projected").asText())) >= 0,
                        "7.2 only moves up: " + e);
            }
            assertEquals("20", criterion(Scores.awaitSequence(p, 21), "7.2").get("completion").asText());
        }
    }

    @Test
    void progressThatArrivesBeforeItsPlanIsAppliedWhenThePlanArrives() throws SQLException {
        UUID plan = UUID.randomUUID();
        Events.lead(plan, 1, taskOf("7.2"), "DONE", 100, FEBRUARY);
        Events.assessment(plan, 2, "7.3", "3", FEBRUARY.plusSeconds(60));
        Scores.await(() -> progressSequence(plan), s -> s == 2, "the early progress to be stored");
        given().get("/api/plans/{planId}/scores", plan).then().statusCode(404)
                .contentType("application/problem+json");

        EventEnvelope published = Events.plan(plan, 1, SeedPlan.json(plan), MAY);
        JsonNode score = Scores.awaitSequence(plan, 1);
        assertEquals("4", criterion(score, "7.2").get("projected").asText());
        assertEquals("3", criterion(score, "7.3").get("projected").asText());
        assertTrue(criterion(score, "7.3").get("selfAssessed").asBoolean());
        assertEquals("91.29", score.get("projected").asText()); // 89.62 + 0.67 + 1
        List<JsonNode> events = Scores.awaitPublishedCause(plan, published.id());
        assertEquals(1, events.size(), "one score, when the plan arrived");
        assertEquals("91.29", events.get(0).get("projected").asText());
    }

    @Test
    void aPlanVersionChangeMidStreamRecomputesKeepingTheReportsThatStillApply() throws SQLException {
        UUID plan = publishSeed();
        String added = UUID.randomUUID().toString();
        Events.lead(plan, 1, taskOf("7.2"), "DONE", 100, MAY);
        Events.lead(plan, 2, taskOf("6.1.2"), "DONE", 100, MAY);
        Events.lead(plan, 3, added, "DONE", 100, MAY); // on a task only the next version has
        Scores.await(() -> progressSequence(plan), s -> s == 3, "the three reports");
        assertEquals("90.96", Scores.awaitSequence(plan, 3).get("projected").asText()); // 89.62 + 0.67 + 0.67

        ObjectNode v2 = SeedPlan.json(plan);
        v2.put("version", 2);
        SeedPlan.criterion(v2, "7.3").with("derived").put("targetPoints", 3);
        SeedPlan.tasks(v2).remove(indexOf(v2, taskOf("7.2")));
        SeedPlan.tasks(v2).addObject().put("id", added).put("criterionCode", "6.1.2")
                .put("description", "Rà soát kiến nghị kiểm toán").put("dueDate", "2024-01-31")
                .putArray("leadUnits").add("KHTC");
        SeedPlan.tasks(v2).addObject().put("id", UUID.randomUUID().toString()).put("criterionCode", "7.4")
                .put("description", "Đánh giá an toàn thông tin").put("dueDate", "2024-03-01")
                .putArray("leadUnits").add("VP");
        EventEnvelope changed = Events.plan(plan, 2, v2, JUNE);

        JsonNode score = Scores.awaitPlan(plan, s -> s.get("version").asInt() == 2);
        assertAll(
                () -> assertEquals("3.33", criterion(score, "7.2").get("projected").asText(), "its task is gone"),
                () -> assertEquals("2", criterion(score, "6.1.2").get("projected").asText(), "both tasks DONE"),
                () -> assertEquals("100", criterion(score, "6.1.2").get("completion").asText()),
                () -> assertEquals("2", criterion(score, "7.3").get("projected").asText(), "target 3, F = 0"),
                () -> assertEquals("3", criterion(score, "7.3").get("target").asText()),
                () -> assertEquals("94.25", score.get("target").asText()),
                () -> assertEquals("90.29", score.get("projected").asText()));
        // The task added to 7.4 was due on 1 March and nobody reported: overdue today (the added 6.1.2 task is DONE).
        assertEquals(List.of("7.4"), codes(area(score, "7").get("atRisk")));
        assertEquals(List.of(), codes(area(score, "6").get("atRisk")));
        JsonNode risk = criterion(score, "7.4").get("risks").get(0);
        assertEquals("OVERDUE", risk.get("reasons").get(0).asText());
        assertEquals("VP", risk.get("leadUnits").get(0).get("code").asText());
        assertEquals("Văn phòng Sở", risk.get("leadUnits").get(0).get("name").asText());

        JsonNode event = Scores.awaitPublishedCause(plan, changed.id()).stream()
                .filter(e -> e.get("causedBy").asText().equals(changed.id().toString())).findFirst().orElseThrow();
        assertEquals(2, event.get("version").asInt());
        assertEquals("90.96", event.get("previousProjected").asText());
        assertEquals(List.of("7.4"), codes(event.get("areas").get(6).get("atRisk")), "judged on the event's day");

        Events.lead(plan, 4, taskOf("7.3"), "IN_PROGRESS", 50, JUNE.plusSeconds(60));
        JsonNode after = Scores.awaitPlan(plan, s -> s.get("projected").asText().equals("90.79"));
        assertEquals("2.5", criterion(after, "7.3").get("projected").asText()); // 2 + (3 − 2) × 0.5
    }

    @Test
    void asOfAnswersWithTheScoreAsItStoodThen() {
        UUID plan = publishSeed();
        Events.lead(plan, 1, taskOf("7.2"), "DONE", 100, MAY);
        Scores.awaitSequence(plan, 2);

        JsonNode march = Scores.parse(given().queryParam("asOf", "2024-03-01T00:00:00Z")
                .get("/api/plans/{planId}/scores", plan).then().statusCode(200).extract().asString());
        assertEquals("89.62", march.get("projected").asText());
        assertEquals(1, march.get("sequence").asLong());
        assertEquals(7, march.get("areas").size());
        assertNull(march.get("criteria"), "a past score has the index and the areas");
        JsonNode june = Scores.parse(given().queryParam("asOf", "2024-06-01T00:00:00+07:00")
                .get("/api/plans/{planId}/scores", plan).then().statusCode(200).extract().asString());
        assertEquals("90.29", june.get("projected").asText());
        assertEquals("17.71", area(june, "7").get("projected").asText());

        given().queryParam("asOf", "2024-01-01T00:00:00Z").get("/api/plans/{planId}/scores", plan)
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("asOf", "yesterday").get("/api/plans/{planId}/scores", plan)
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("asOf"));

        JsonNode history = Scores.parse(given().get("/api/plans/{planId}/scores/history", plan)
                .then().statusCode(200).extract().asString());
        assertEquals(2, history.size());
        assertEquals(FEBRUARY.toString(), history.get(0).get("asOf").asText());
        assertEquals("89.62", history.get(0).get("projected").asText());
        assertEquals(2, history.get(1).get("sequence").asLong());
        assertEquals("90.29", history.get(1).get("percent").asText());
        assertEquals(1, Scores.parse(given().queryParam("from", "2024-04-01T00:00:00Z")
                .get("/api/plans/{planId}/scores/history", plan).then().extract().asString()).size());
    }

    @Test
    void plansWithTheSamePercentShareARank() {
        int year = 2091; // a year no other test uses, so the ranking holds these four plans only
        UUID a1 = publish(withYear(year, UUID.randomUUID()));
        UUID a2 = publish(withYear(year, UUID.randomUUID()));
        UUID b = publish(withYear(year, UUID.randomUUID()));
        ObjectNode lower = withYear(year, UUID.randomUUID());
        SeedPlan.criterion(lower, "7.1").with("derived").put("baselinePoints", 0); // 89.62 − 9.71 = 79.91
        UUID c = publish(lower);
        for (UUID plan : List.of(a1, a2)) { // area 3 done: 89.62 + 2 = 91.62
            Events.lead(plan, 1, SeedPlan.tasksOf("3").get(0), "DONE", 100, MAY);
            Events.lead(plan, 2, SeedPlan.tasksOf("3").get(1), "DONE", 100, MAY);
            Scores.awaitPlan(plan, s -> s.get("projected").asText().equals("91.62"));
        }
        Scores.awaitSequence(c, 1);

        JsonNode ranking = Scores.parse(given().queryParam("year", year).get("/api/scores")
                .then().statusCode(200).extract().asString());
        assertEquals(4, ranking.size());
        assertEquals(List.of(1, 1, 3, 4), ints(ranking, "rank"));
        assertEquals(List.of("A", "A", "B", "C"), texts(ranking, "group"));
        assertEquals(List.of("91.62", "91.62", "89.62", "79.91"), texts(ranking, "percent"));
        assertEquals(b.toString(), ranking.get(2).get("planId").asText());
        assertEquals(c.toString(), ranking.get(3).get("planId").asText());
        assertEquals("79.91", ranking.get(3).get("baseline").asText());
    }

    @Test
    void anUnknownPlanIsNotFound() {
        given().get("/api/plans/{planId}/scores", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/api/plans/{planId}/scores/history", UUID.randomUUID()).then().statusCode(404);
    }

    private static UUID publishSeed() {
        UUID plan = UUID.randomUUID();
        Events.plan(plan, 1, SeedPlan.json(plan), FEBRUARY);
        return plan;
    }

    private static UUID publish(ObjectNode snapshot) {
        UUID plan = UUID.fromString(snapshot.get("planId").asText());
        Events.plan(plan, 1, snapshot, FEBRUARY);
        return plan;
    }

    private static ObjectNode withYear(int year, UUID plan) {
        ObjectNode json = SeedPlan.json(plan);
        json.put("year", year);
        return json;
    }

    private long progressSequence(UUID plan) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT progress_sequence FROM scored_plan WHERE plan_id = ?")) {
            ps.setObject(1, plan);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(ObjectNode plan, String taskId) {
        for (int i = 0; i < plan.get("tasks").size(); i++) {
            if (plan.get("tasks").get(i).get("id").asText().equals(taskId)) {
                return i;
            }
        }
        throw new IllegalArgumentException(taskId);
    }

    private static List<String> codes(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    private static List<Integer> ints(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asInt()).toList();
    }
}
