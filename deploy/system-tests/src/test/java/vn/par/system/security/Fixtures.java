package vn.par.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.SampleData;
import vn.par.stack.Stack;
import vn.par.system.Await;

/**
 * Plans and tokens the security tests share. Plans are fresh copies of the sample appendix for years no other
 * test uses (2040 and later), so what these tests post never moves a score another test checks.
 */
final class Fixtures {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    /** A token of a demo user (password = user name), cached while it has more than a minute to live. */
    static String token(Stack stack, String user) {
        return TOKENS.compute(user, (u, cached) -> cached != null
                && Jwt.claims(cached).path("exp").asLong() * 1000 - System.currentTimeMillis() > 60_000 ? cached : stack.token(u, u));
    }

    static String agency() {
        return new SampleData().agency();
    }

    /** Imports the sample appendix for {@code year} as a DRAFT (not published); returns the import report. */
    static JsonNode draftPlan(Stack stack, int year) {
        Api.Answer imported = importText(stack, token(stack, "admin"), agency(), year, SampleData.planText());
        assertEquals(201, imported.status(), imported.describe());
        return imported.json();
    }

    static Api.Answer importText(Stack stack, String token, String agency, int year, byte[] text) {
        return Api.send("POST", stack.url("criteria-service") + "/api/plans/import?agency="
                + URLEncoder.encode(agency, StandardCharsets.UTF_8) + "&year=" + year, token,
                "text/tab-separated-values", text, Map.of());
    }

    /**
     * Scores 6.1.1 by TIERS, 7.2 by RATIO and 7.4 by SURVEY and flags 6.3.2 not applicable on a published plan, then
     * waits until progress-service and scoring-service hold the resulting version.
     */
    static void withRules(Stack stack, UUID plan) {
        String admin = token(stack, "admin");
        String criteria = stack.url("criteria-service") + "/api/plans/" + plan + "/criteria/";
        Map<String, String> rules = Map.of(
                "6.1.1", "{\"type\":\"TIERS\",\"options\":[{\"key\":\"NO_VIOLATION\",\"label\":\"Không có sai phạm\","
                        + "\"points\":1},{\"key\":\"VIOLATION\",\"label\":\"Có sai phạm\",\"points\":0}]}",
                "7.2", "{\"type\":\"RATIO\",\"fullAt\":70,\"whenNoCases\":\"FULL\"}",
                "7.4", "{\"type\":\"SURVEY\"}");
        for (Map.Entry<String, String> rule : rules.entrySet()) {
            Api.Answer set = Api.send("PUT", criteria + rule.getKey() + "/rule", admin, "application/json",
                    ("{\"rule\":" + rule.getValue() + "}").getBytes(StandardCharsets.UTF_8), Map.of());
            assertEquals(200, set.status(), set.describe());
        }
        Api.Answer flagged = Api.send("PATCH", criteria + "6.3.2", admin, "application/merge-patch+json",
                "{\"applicable\":false,\"reason\":\"Không có đơn vị SNCL tự bảo đảm chi\"}".getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertEquals(200, flagged.status(), flagged.describe());
        int version = flagged.json().get("version").asInt();
        String viewer = token(stack, "viewer");
        Await.until("scoring-service scores version " + version + " of plan " + plan, Duration.ofSeconds(60),
                () -> Api.get(stack.url("scoring-service") + "/api/plans/" + plan + "/scores", viewer).json()
                        .path("version").asInt() == version);
        Await.until("progress-service knows the rules of plan " + plan, Duration.ofSeconds(60), () -> {
            Api.Answer leaves = Api.get(stack.url("progress-service") + "/api/plans/" + plan + "/indicators", viewer);
            if (leaves.status() != 200) {
                return false;
            }
            for (JsonNode leaf : leaves.json()) {
                if (leaf.path("criterionCode").asText().equals("6.3.2")) {
                    return !leaf.path("applicable").asBoolean(true);
                }
            }
            return false;
        });
    }

    /** progress-service's view of a plan's tasks: each with its lead and (expanded) coordinating units. */
    static JsonNode progressTasks(Stack stack, UUID plan) {
        Api.Answer tasks = Api.get(stack.url("progress-service") + "/api/plans/" + plan + "/tasks", token(stack, "viewer"));
        assertEquals(200, tasks.status(), tasks.describe());
        return tasks.json().get("tasks");
    }

    /** The first task of a criterion, as progress-service knows it. */
    static JsonNode task(Stack stack, UUID plan, String criterion) {
        for (JsonNode t : progressTasks(stack, plan)) {
            if (t.get("criterionCode").asText().equals(criterion)) {
                return t;
            }
        }
        throw new AssertionError("plan " + plan + " has no task on criterion " + criterion);
    }

    /** A task by its id, as progress-service knows it now (with its latest state). */
    static JsonNode taskById(Stack stack, UUID plan, String taskId) {
        for (JsonNode t : progressTasks(stack, plan)) {
            if (t.get("taskId").asText().equals(taskId)) {
                return t;
            }
        }
        throw new AssertionError("plan " + plan + " has no task " + taskId);
    }

    static boolean hasUnit(JsonNode task, String role, String unit) {
        for (JsonNode u : task.get(role)) {
            if (u.asText().equals(unit)) {
                return true;
            }
        }
        return false;
    }

    /** A task where {@code unit} neither leads nor coordinates. */
    static JsonNode taskWithoutUnit(Stack stack, UUID plan, String unit) {
        for (JsonNode t : progressTasks(stack, plan)) {
            if (!hasUnit(t, "leadUnits", unit) && !hasUnit(t, "coordinatingUnits", unit) && !t.get("leadUnits").isEmpty()) {
                return t;
            }
        }
        throw new AssertionError("every task of plan " + plan + " involves " + unit);
    }

    /** A task that {@code unit} coordinates but does not lead. */
    static JsonNode taskCoordinatedBy(Stack stack, UUID plan, String unit) {
        for (JsonNode t : progressTasks(stack, plan)) {
            if (!hasUnit(t, "leadUnits", unit) && hasUnit(t, "coordinatingUnits", unit)) {
                return t;
            }
        }
        throw new AssertionError("no task of plan " + plan + " is coordinated by " + unit);
    }

    static void awaitProgressKnows(Stack stack, UUID plan) {
        Await.until("progress-service knows plan " + plan, Duration.ofSeconds(60),
                () -> Api.get(stack.url("progress-service") + "/api/plans/" + plan + "/tasks", token(stack, "viewer"))
                        .status() == 200);
    }
}
