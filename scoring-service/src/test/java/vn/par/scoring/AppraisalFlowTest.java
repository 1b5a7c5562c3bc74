package vn.par.scoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.scoring.testing.Scores.criterion;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * The year-end appraisal over the real broker and database (docs/contracts/appraisal.md, known answers): the claims,
 * the first appraisal, the close with its settled figures, and the ranking on the final figure.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "snv", roles = "appraiser")
class AppraisalFlowTest {

    private static final Instant JANUARY = Instant.parse("2025-01-10T02:00:00Z");

    @Test
    void theClaimedAppraisedAndFinalFiguresFollowTheRoundsAndTheFinalOneRanksThePlan() {
        UUID plan = UUID.randomUUID();
        ObjectNode snapshot = SeedPlan.json(plan);
        Events.plan(plan, 1, snapshot, Instant.parse("2024-02-01T02:00:00Z"));
        long seq = 0;
        ObjectNode closed = SeedPlan.JSON.createObjectNode();
        var leaves = closed.putArray("leaves");
        for (JsonNode c : snapshot.get("criteria")) {
            if (!c.get("leaf").asBoolean()) {
                continue;
            }
            String code = c.get("code").asText();
            String claimed = code.equals("6.1.2") ? "2" : code.equals("7.2") ? "4"
                    : c.get("derived").get("baselinePoints").decimalValue().toPlainString();
            Events.assessment(plan, ++seq, code, claimed, JANUARY);
            ObjectNode leaf = leaves.addObject().put("criterionCode", code);
            leaf.put("selfAssessed", SeedPlan.JSON.getNodeFactory().numberNode(new java.math.BigDecimal(claimed)));
            if (code.equals("6.1.2")) {
                leaf.put("appraised", 1.5).put("finalAppraised", 2).put("final", 2);
            } else {
                leaf.putNull("appraised").putNull("finalAppraised");
                leaf.set("final", leaf.get("selfAssessed"));
            }
        }
        closed.put("selfAssessed", 90.96).put("appraised", 90.46).put("final", 90.96);
        round(plan, ++seq, "AppraisalRoundOpened", "{\"round\":\"SELF_ASSESSMENT\",\"deadline\":\"2025-01-10T10:00:00Z\"}");
        round(plan, ++seq, "AppraisalRoundOpened", "{\"round\":\"APPRAISAL\",\"deadline\":\"2025-01-15T10:00:00Z\"}");
        round(plan, ++seq, "LeafAppraised", "{\"criterionCode\":\"6.1.2\",\"round\":\"APPRAISAL\",\"points\":1.5,"
                + "\"note\":\"Thiếu tài liệu kiểm chứng\"}");

        JsonNode appraised = Scores.awaitPlan(plan, s -> "APPRAISAL".equals(s.path("round").asText())
                && "90.46".equals(s.path("appraised").path("total").asText()));
        assertAll(
                () -> assertEquals("90.96", appraised.get("selfAssessed").get("total").asText(), "89.62 + 0.67 + 0.67"),
                () -> assertEquals("2025-01-15T10:00:00Z", appraised.get("deadline").asText()),
                () -> assertEquals("PROJECTED", appraised.get("basis").asText()),
                () -> assertTrue(appraised.get("final").isNull()),
                () -> assertTrue(criterion(appraised, "6.1.2").get("adjusted").asBoolean()),
                () -> assertEquals("1.5", criterion(appraised, "6.1.2").get("appraisedPoints").asText()),
                () -> assertEquals("4", criterion(appraised, "7.2").get("appraisedPoints").asText(), "accepted at 4"));

        round(plan, ++seq, "AppraisalRoundOpened", "{\"round\":\"EXPLANATION\",\"deadline\":\"2025-01-20T10:00:00Z\"}");
        round(plan, ++seq, "AppraisalRoundOpened", "{\"round\":\"FINAL_APPRAISAL\",\"deadline\":\"2025-01-25T10:00:00Z\"}");
        round(plan, ++seq, "LeafAppraised", "{\"criterionCode\":\"6.1.2\",\"round\":\"FINAL_APPRAISAL\",\"points\":2}");
        EventEnvelope close = round(plan, ++seq, "AppraisalClosed", closed.toString());

        JsonNode settled = Scores.awaitPlan(plan, s -> "FINAL".equals(s.path("basis").asText()));
        assertAll(
                () -> assertEquals("CLOSED", settled.get("round").asText()),
                () -> assertEquals("90.96", settled.get("final").get("total").asText()),
                () -> assertEquals("90.46", settled.get("appraised").get("total").asText()),
                () -> assertEquals("2", criterion(settled, "6.1.2").get("finalPoints").asText()));
        JsonNode published = Scores.awaitPublishedCause(plan, close.id()).stream()
                .filter(e -> e.get("causedBy").asText().equals(close.id().toString())).findFirst().orElseThrow();
        assertEquals("FINAL", published.get("basis").asText());
        assertEquals("90.96", published.get("final").get("total").asText());

        JsonNode line = ranked(plan);
        assertEquals("FINAL", line.get("basis").asText());
        assertEquals("90.96", line.get("headline").asText());
        assertEquals("A", line.get("group").asText(), "90.96 % of 100");

        // A late claim moves the projection, never the settled figures.
        Events.assessment(plan, ++seq, "7.2", "1", JANUARY.plusSeconds(86_400 * 30));
        JsonNode after = Scores.awaitPlan(plan, s -> "87.96".equals(s.path("projected").asText()));
        assertEquals("90.96", after.get("final").get("total").asText());
        assertEquals("90.96", after.get("selfAssessed").get("total").asText());
    }

    private static EventEnvelope round(UUID plan, long sequence, String type, String data) {
        String withPlan = data.replaceFirst("\\{", "{\"planId\":\"" + plan + "\",");
        return Events.send(Topics.PROGRESS, new EventEnvelope(UUID.randomUUID(), type, "/progress-service", JANUARY,
                plan.toString(), sequence, withPlan));
    }

    private static JsonNode ranked(UUID plan) {
        JsonNode lines = Scores.parse(given().get("/api/scores").then().statusCode(200).extract().asString());
        for (JsonNode line : lines) {
            if (line.get("planId").asText().equals(plan.toString())) {
                return line;
            }
        }
        throw new AssertionError("plan " + plan + " is not ranked: " + lines);
    }
}
