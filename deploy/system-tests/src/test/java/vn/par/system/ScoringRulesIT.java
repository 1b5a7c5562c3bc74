package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.Stack;

/**
 * Issue 22's known answers over the whole real system: the administrator sets the criteria set's rules on a published
 * copy of the sample plan (criteria-service → par.plans), the lead units report what happened (progress-service →
 * par.progress), and scoring-service pushes each new index to an SSE stream opened before the first report. The import
 * has already offered 6.1.1's rule from the appendix's own words.
 */
@ExtendWith(SystemStack.class)
class ScoringRulesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void eachIndicatorMovesTheIndexByItsRuleFromTheUnitToTheScoreStream() {
        Stack stack = SystemStack.stack();
        UUID plan = Scenario.publishedPlan(stack, 2062).id();
        String criteria = stack.url("criteria-service") + "/api/plans/" + plan;
        String admin = stack.token("admin", "admin");

        // The import read "… = 1 - … = 0" in 6.1.1's tasks cell and offers it, without applying it.
        JsonNode c611 = find(Http.get(criteria, admin).json().get("criteria"), "6.1.1");
        JsonNode proposal = c611.get("proposedRule");
        assertEquals("TIERS", proposal.get("type").asText(), c611.toString());
        List<String> points = new ArrayList<>();
        proposal.get("options").forEach(o -> points.add(o.get("points").asText()));
        assertEquals(List.of("1", "0"), points, proposal.toString());
        assertEquals("MANUAL", c611.get("rule").get("type").asText(), "a proposal is never applied by itself");

        setRule(criteria, admin, "6.1.1", """
                {"type":"TIERS","options":[{"key":"NO_VIOLATION","label":"Không có sai phạm","points":1},
                 {"key":"VIOLATION","label":"Có sai phạm","points":0}]}""");
        setRule(criteria, admin, "1.3.1", """
                {"type":"BRACKETS","brackets":[{"min":8,"minInclusive":true,"points":2},
                 {"min":4,"minInclusive":true,"max":8,"maxInclusive":false,"points":1},
                 {"max":4,"maxInclusive":false,"points":0}]}""");
        setRule(criteria, admin, "7.2", "{\"type\":\"RATIO\",\"fullAt\":70,\"whenNoCases\":\"FULL\"}");
        setRule(criteria, admin, "6.3.4", "{\"type\":\"DEDUCTION\",\"perViolation\":0.5}");
        setRule(criteria, admin, "1.6", "{\"type\":\"COUNT\",\"perUnit\":1}");
        setRule(criteria, admin, "7.4", "{\"type\":\"SURVEY\"}");
        Http.Reply flagged = Http.send(HttpRequest.newBuilder(URI.create(criteria + "/criteria/6.3.2"))
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"applicable\":false,\"reason\":\"Sở không có đơn vị SNCL tự bảo đảm chi thường xuyên\"}")), admin);
        assertEquals(200, flagged.status(), flagged.body());
        int version = Http.get(criteria, admin).json().get("version").asInt();
        assertEquals(8, version, "published as version 1, then seven edits");

        String viewer = stack.token("viewer", "viewer");
        String scores = stack.url("scoring-service") + "/api/plans/" + plan + "/scores";
        Await.until("scoring-service scores version " + version, PATIENCE,
                () -> Http.get(scores, viewer).json().path("version").asInt() == version);
        String indicators = stack.url("progress-service") + "/api/plans/" + plan + "/indicators";
        Await.until("progress-service knows the rules of version " + version, PATIENCE, () -> {
            JsonNode leaves = Http.get(indicators, viewer).json();
            return "SURVEY".equals(leaf(leaves, "7.4").path("rule").path("type").asText())
                    && !leaf(leaves, "6.3.2").path("applicable").asBoolean(true);
        });

        try (SseClient stream = new SseClient(scores + "/stream", viewer)) {
            JsonNode before = json(stream.next(Duration.ofSeconds(15)));
            assertDecimal("89.62", before.get("projected"), "6.3.2 had 0 last year");
            assertDecimal("99", before.get("max"), "6.3.2's point leaves the maximum");
            assertDecimal("93.25", before.get("target"), "");
            assertDecimal("90.53", before.get("percent"), "89.62 / 99");
            assertEquals("A", before.get("group").asText());
            assertDecimal("3.63", before.get("shortfall"), "");

            String khtc = stack.token("khtc", "khtc");
            String vp = stack.token("vp", "vp");
            String ldvl = stack.token("ldvl", "ldvl");
            JsonNode after = report(stream, indicators, khtc, "6.1.1", Map.of("option", "VIOLATION"), "0", "88.62");
            assertDecimal("6.58", area(after, "6").get("projected"), "7.58 − 1");
            report(stream, indicators, vp, "1.3.1", Map.of("value", 9), "2", "88.62");
            report(stream, indicators, vp, "1.3.1", Map.of("value", 5), "1", "87.62");
            report(stream, indicators, ldvl, "7.2", Map.of("numerator", 45, "denominator", 50), "4", "88.29");
            after = report(stream, indicators, ldvl, "7.2", Map.of("numerator", 31, "denominator", 50), null, "87.83");
            assertDecimal("17.25", area(after, "7").get("projected"), "9.71 + 4 × 62 / 70 + 2 + 2");
            report(stream, indicators, khtc, "6.3.4", Map.of("violations", 1), "0.5", "87.33");
            report(stream, indicators, vp, "1.6", Map.of("count", 2), "2", "86.33");
            // SURVEY: entered by an administrator, never by a unit.
            Http.Reply refused = Http.post(indicators.replace("/indicators", "/criteria/7.4/indicators"), vp,
                    Map.of("percent", 82.35));
            assertEquals(403, refused.status(), refused.body());
            after = report(stream, indicators, admin, "7.4", Map.of("percent", 82.35), "1.647", "85.98");
            assertDecimal("16.9", area(after, "7").get("projected"), "");
            assertDecimal("1.65", after.get("survey").get("projected"), "2 × 82.35 %");
            assertDecimal("2", after.get("survey").get("max"), "");
            assertDecimal("7.27", after.get("shortfall"), "");
            report(stream, indicators, ldvl, "7.2", Map.of("numerator", 0, "denominator", 0), "4", "86.44");
        }
    }

    @Test
    void theTradeUnionIsNotInTheGroupOfDivisionsAndPublicServiceUnits() {
        Stack stack = SystemStack.stack();
        UUID plan = SystemStack.samplePlan();
        JsonNode tree = Http.get(stack.url("criteria-service") + "/api/plans/" + plan, stack.token("viewer", "viewer"))
                .json();
        UUID task = UUID.fromString(find(tree.get("criteria"), "6.1.2").get("tasks").get(0).get("id").asText());
        Http.Reply reply = Http.post(stack.url("progress-service") + "/api/tasks/" + task + "/reports",
                stack.token("cdcs", "cdcs"), Map.of("status", "IN_PROGRESS", "percentComplete", 10));
        assertEquals(403, reply.status(), "Công đoàn cơ sở neither leads nor coordinates 6.1.2: " + reply.body());
    }

    private static void setRule(String planUrl, String token, String code, String rule) {
        Http.Reply reply = Http.send(HttpRequest.newBuilder(URI.create(planUrl + "/criteria/" + code + "/rule"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"rule\":" + rule + ",\"reason\":\"Theo bộ tiêu chí của tỉnh\"}")),
                token);
        assertEquals(200, reply.status(), code + ": " + reply.body());
    }

    /**
     * Posts an indicator, checks the points the answer says it gives (when given), and waits for the stream's event
     * with the expected index.
     */
    private static JsonNode report(SseClient stream, String indicatorsUrl, String token, String code, Map<String, ?> fact,
            String points, String expectedIndex) {
        Http.Reply reply = Http.post(indicatorsUrl.replace("/indicators", "/criteria/" + code + "/indicators"), token, fact);
        assertEquals(201, reply.status(), code + " " + fact + ": " + reply.body());
        if (points != null) {
            assertDecimal(points, reply.json().get("points"), code + " " + fact);
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            SseClient.Event event = stream.next(Duration.ofSeconds(5));
            if (event == null) {
                continue;
            }
            last = json(event);
            if (last.get("projected").decimalValue().compareTo(new BigDecimal(expectedIndex)) == 0) {
                return last;
            }
        }
        throw new AssertionError("after " + code + " " + fact + " the stream never showed " + expectedIndex + "; last: "
                + (last == null ? "nothing" : last.get("projected")));
    }

    private static JsonNode leaf(JsonNode leaves, String code) {
        for (JsonNode leaf : leaves) {
            if (leaf.path("criterionCode").asText().equals(code)) {
                return leaf;
            }
        }
        return Http.JSON.createObjectNode();
    }

    private static JsonNode find(JsonNode criteria, String code) {
        for (JsonNode c : criteria) {
            if (c.get("code").asText().equals(code)) {
                return c;
            }
            if (code.startsWith(c.get("code").asText() + ".")) {
                JsonNode below = find(c.get("children"), code);
                if (below != null) {
                    return below;
                }
            }
        }
        return null;
    }

    private static JsonNode area(JsonNode score, String code) {
        for (JsonNode a : score.get("areas")) {
            if (a.get("code").asText().equals(code)) {
                return a;
            }
        }
        throw new AssertionError("no area " + code + " in " + score);
    }

    private static void assertDecimal(String expected, JsonNode actual, String why) {
        assertNotNull(actual, why);
        assertTrue(actual.isNumber(), actual + " " + why);
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), "expected " + expected + " but was "
                + actual + " " + why);
    }

    private static JsonNode json(SseClient.Event event) {
        assertNotNull(event, "no event on the stream");
        assertFalse(event.data().isBlank());
        try {
            return Http.JSON.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError("event data is not JSON: " + event.data(), e);
        }
    }
}
