package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.Stack;

/**
 * Every hop of the system, real: an admin's token from Keycloak imports and publishes the sample plan
 * (criteria-service → par.plans), progress-service and scoring-service learn it from Kafka, the lead unit of
 * 6.1.2 (Phòng Kế hoạch - Tài chính) reports progress with its own token (progress-service → par.progress),
 * and scoring-service pushes the new projected score to an SSE stream opened before the report.
 *
 * <p>The stack loads the sample plan for 2024 through the API when it starts; this test imports its own copy
 * (year 2061) the same way, so that other tests' reports on the 2024 plan cannot move its starting point.
 */
@ExtendWith(SystemStack.class)
class WalkingSkeletonIT {

    @Test
    void aProgressReportTravelsFromTheUnitToTheScoreStream() {
        Stack stack = SystemStack.stack();
        UUID plan = Scenario.publishedPlan(stack, 2061).id();
        String criteria = stack.url("criteria-service");
        String progress = stack.url("progress-service");
        String scoring = stack.url("scoring-service");
        String viewer = stack.token("viewer", "viewer");
        String khtc = stack.token("khtc", "khtc");

        Await.until("scoring-service knows the sample plan", Duration.ofSeconds(60),
                () -> Http.get(scoring + "/api/plans/" + plan + "/scores", viewer).status() == 200);
        JsonNode before = Http.get(scoring + "/api/plans/" + plan + "/scores", viewer).json();
        // Before any progress the projection is the derived baseline of the plan.
        assertEquals(0, new BigDecimal("89.62").compareTo(before.get("projected").decimalValue()), before.toString());

        UUID task = taskOf(Http.get(criteria + "/api/plans/" + plan, viewer).json(), "6.1.2");
        Await.until("progress-service knows task " + task, Duration.ofSeconds(60),
                () -> Http.get(progress + "/api/tasks/" + task + "/reports", khtc).status() == 200);

        try (SseClient stream = new SseClient(scoring + "/api/plans/" + plan + "/scores/stream", viewer)) {
            SseClient.Event current = stream.next(Duration.ofSeconds(15));
            assertEquals("score", current.name());
            assertEquals(0, new BigDecimal("89.62").compareTo(json(current).get("projected").decimalValue()));

            Http.Reply posted = Http.post(progress + "/api/tasks/" + task + "/reports", khtc,
                    Map.of("status", "IN_PROGRESS", "percentComplete", 60, "comment", "Đã thực hiện 3/5 kiến nghị"));
            assertEquals(201, posted.status(), posted.body());
            assertEquals("KHTC", posted.json().get("unit").asText());

            // 6.1.2: baseline 1,33 + (target 2 − 1,33) × 0,6 = 1,732; area 6: 7,58 + 0,402 = 7,982;
            // plan: 89,62 + 0,402 = 90,022 → 90,02.
            JsonNode after = json(stream.next(Duration.ofSeconds(30)));
            assertEquals(0, new BigDecimal("90.02").compareTo(after.get("projected").decimalValue()), after.toString());
            JsonNode area6 = area(after, "6");
            assertEquals(0, new BigDecimal("7.98").compareTo(area6.get("projected").decimalValue()), area6.toString());
        }
    }

    private static UUID taskOf(JsonNode plan, String code) {
        JsonNode node = find(plan.get("criteria"), code);
        return UUID.fromString(node.get("tasks").get(0).get("id").asText());
    }

    private static JsonNode find(JsonNode criteria, String code) {
        for (JsonNode c : criteria) {
            if (c.get("code").asText().equals(code)) {
                return c;
            }
            JsonNode inChildren = code.startsWith(c.get("code").asText() + ".") ? find(c.get("children"), code) : null;
            if (inChildren != null) {
                return inChildren;
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

    private static JsonNode json(SseClient.Event event) {
        try {
            return Http.JSON.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError("event data is not JSON: " + event.data(), e);
        }
    }
}
