package vn.par.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.scoring.testing.Scores.area;
import static vn.par.scoring.testing.Scores.criterion;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.infra.events.EventEnvelope;
import vn.par.scoring.testing.Events;
import vn.par.scoring.testing.Scores;
import vn.par.scoring.testing.SeedPlan;
import vn.par.stack.testing.TestInfra;

/**
 * Scoring rules over the real broker and database: indicators in on par.progress, the rule's points out through
 * REST and on par.scores, and the what-if answer that stores nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "viewer", roles = "viewer")
class RulesFlowTest {

    private static final Instant SEPTEMBER = Instant.parse("2024-09-30T02:00:00Z");

    @Test
    void theKnownAnswersArriveOnParScoresOneIndicatorAfterAnother() {
        UUID plan = publish();
        JsonNode before = Scores.awaitSequence(plan, 1);
        assertAll(
                () -> assertEquals("89.62", before.get("projected").asText()),
                () -> assertEquals("99", before.get("max").asText()),
                () -> assertEquals("90.53", before.get("percent").asText()),
                () -> assertEquals("A", before.get("group").asText()),
                () -> assertEquals("3.63", before.get("shortfall").asText()),
                () -> assertFalse(criterion(before, "6.3.2").get("applicable").asBoolean()),
                () -> assertEquals("TIERS", criterion(before, "6.1.1").get("rule").get("type").asText()));

        long seq = 0;
        Events.indicator(plan, ++seq, "6.1.1", "TIERS", "\"option\":\"VIOLATION\"", SEPTEMBER);
        Events.indicator(plan, ++seq, "1.3.1", "BRACKETS", "\"value\":9", SEPTEMBER);
        Events.indicator(plan, ++seq, "1.3.1", "BRACKETS", "\"value\":5", SEPTEMBER);
        Events.indicator(plan, ++seq, "7.2", "RATIO", "\"numerator\":45,\"denominator\":50", SEPTEMBER);
        Events.indicator(plan, ++seq, "7.2", "RATIO", "\"numerator\":31,\"denominator\":50", SEPTEMBER);
        Events.indicator(plan, ++seq, "6.3.4", "DEDUCTION", "\"violations\":1", SEPTEMBER);
        Events.indicator(plan, ++seq, "1.6", "COUNT", "\"count\":2", SEPTEMBER);
        EventEnvelope survey = Events.indicator(plan, ++seq, "7.4", "SURVEY", "\"percent\":82.35", SEPTEMBER);
        EventEnvelope noCases = Events.indicator(plan, ++seq, "7.2", "RATIO", "\"numerator\":0,\"denominator\":0",
                SEPTEMBER);

        List<JsonNode> events = Scores.awaitPublishedCause(plan, noCases.id());
        List<String> projected = events.stream().map(e -> e.get("projected").asText()).toList();
        // Each indicator publishes: 1.3.1 = 9 keeps the points but is now measured (earned 2).
        assertEquals(List.of("89.62", "88.62", "88.62", "87.62", "88.29", "87.83", "87.33", "86.33", "85.98", "86.44"),
                projected);
        JsonNode afterSurvey = events.stream().filter(e -> e.get("causedBy").asText().equals(survey.id().toString()))
                .findFirst().orElseThrow();
        assertAll(
                () -> assertEquals("16.9", area(afterSurvey, "7").get("projected").asText()),
                () -> assertEquals("1.65", afterSurvey.get("survey").get("projected").asText()),
                () -> assertEquals("2", afterSurvey.get("survey").get("max").asText()),
                () -> assertEquals("7.27", afterSurvey.get("shortfall").asText()),
                () -> assertEquals("6.08", area(afterSurvey, "6").get("projected").asText(), "7.58 − 1 (6.1.1) − 0.5 (6.3.4)"));

        JsonNode after = Scores.awaitSequence(plan, 10);
        assertAll(
                () -> assertEquals("86.44", after.get("projected").asText()),
                () -> assertEquals("4", criterion(after, "7.2").get("projected").asText()),
                () -> assertEquals("0", criterion(after, "7.2").get("indicator").get("denominator").asText()),
                () -> assertTrue(criterion(after, "7.2").get("measured").asBoolean()),
                () -> assertEquals("VIOLATION", criterion(after, "6.1.1").get("indicator").get("option").asText()));
    }

    @Test
    void whatIfAnswersTheScoreAsItWouldBeAndStoresNothing() {
        UUID plan = publish();
        Scores.awaitSequence(plan, 1);
        given().contentType("application/json")
                .body("{\"indicators\":[{\"code\":\"7.2\",\"numerator\":45,\"denominator\":50}],"
                        + "\"reports\":[{\"taskId\":\"" + SeedPlan.taskOf("6.1.2") + "\",\"percentComplete\":100}]}")
                .post("/api/plans/{planId}/scores/what-if", plan)
                .then().statusCode(200)
                .body("projected", equalTo(90.96f)) // 89.62 + 0.67 (7.2 at 4) + 0.67 (6.1.2 done)
                .body("criteria.find { it.code == '7.2' }.measured", equalTo(true));
        given().get("/api/plans/{planId}/scores", plan).then().statusCode(200).body("projected", equalTo(89.62f))
                .body("sequence", equalTo(1));

        given().contentType("application/json")
                .body("{\"indicators\":[{\"code\":\"7.2\",\"count\":3}]}")
                .post("/api/plans/{planId}/scores/what-if", plan)
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("indicators[0].count"));
        given().contentType("application/json")
                .body("{\"reports\":[{\"taskId\":\"" + SeedPlan.taskOf("6.1.2") + "\",\"percentComplete\":50,"
                        + "\"status\":\"HALF\"}]}")
                .post("/api/plans/{planId}/scores/what-if", plan)
                .then().statusCode(400).body("field", equalTo("reports[0].status"));
        given().contentType("application/json").body("{}")
                .post("/api/plans/{planId}/scores/what-if", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static UUID publish() {
        UUID plan = UUID.randomUUID();
        Events.plan(plan, 1, SeedPlan.withKnownRules(plan), Instant.parse("2024-02-01T02:00:00Z"));
        return plan;
    }
}
