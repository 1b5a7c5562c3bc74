package vn.par.scoring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import vn.par.scoring.projection.PlanSnapshot;

/**
 * The seed plan (the 2024 plan of the Department of Labour, Invalids and Social Affairs) as criteria-service publishes
 * it on {@code par.plans}: 32 criteria, 29 tasks, written from {@code shared/seed/000_4dcf291dccb5df1a.txt} into
 * {@code src/test/resources/seed-plan.json}. Unit groups are expanded to codes; the seed has no due dates.
 */
public final class SeedPlan {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private static final ObjectNode SEED = load();

    private SeedPlan() {
    }

    /** A fresh, editable copy of the seed snapshot for the given plan id (version 1). */
    public static ObjectNode json(UUID planId) {
        ObjectNode copy = SEED.deepCopy();
        copy.put("planId", planId.toString());
        return copy;
    }

    public static PlanSnapshot snapshot() {
        return snapshot(json(UUID.fromString("00000000-0000-4000-8000-000000000000")));
    }

    public static PlanSnapshot snapshot(JsonNode json) {
        try {
            return JSON.treeToValue(json, PlanSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The seed with the known answers' rules: 6.1.1 TIERS, 1.3.1 BRACKETS, 7.2 RATIO (fullAt 70, FULL), 6.3.4
     * DEDUCTION 0.5, 1.6 COUNT 1, 7.4 SURVEY; 6.3.2 not applicable.
     */
    public static ObjectNode withKnownRules(UUID planId) {
        ObjectNode plan = json(planId);
        ObjectNode tiers = criterion(plan, "6.1.1").putObject("rule").put("type", "TIERS");
        tiers.putArray("options").addObject().put("key", "NO_VIOLATION").put("label", "Không có sai phạm")
                .put("points", 1);
        tiers.withArray("options").addObject().put("key", "VIOLATION").put("label", "Có sai phạm").put("points", 0);
        ObjectNode brackets = criterion(plan, "1.3.1").putObject("rule").put("type", "BRACKETS");
        brackets.putArray("brackets").addObject().put("min", 8).put("minInclusive", true).putNull("max")
                .put("maxInclusive", false).put("points", 2);
        brackets.withArray("brackets").addObject().put("min", 4).put("minInclusive", true).put("max", 8)
                .put("maxInclusive", false).put("points", 1);
        brackets.withArray("brackets").addObject().putNull("min").put("minInclusive", true).put("max", 4)
                .put("maxInclusive", false).put("points", 0);
        criterion(plan, "7.2").putObject("rule").put("type", "RATIO").put("fullAt", 70)
                .put("whenNoCases", "FULL");
        criterion(plan, "6.3.4").putObject("rule").put("type", "DEDUCTION").put("perViolation", 0.5);
        criterion(plan, "1.6").putObject("rule").put("type", "COUNT").put("perUnit", 1);
        criterion(plan, "7.4").putObject("rule").put("type", "SURVEY");
        criterion(plan, "6.3.2").put("applicable", false);
        return plan;
    }

    /** The ids of the tasks on a criterion, in plan order. */
    public static List<String> tasksOf(String criterionCode) {
        List<String> ids = new ArrayList<>();
        for (JsonNode task : SEED.get("tasks")) {
            if (task.get("criterionCode").asText().equals(criterionCode)) {
                ids.add(task.get("id").asText());
            }
        }
        return ids;
    }

    /** The only (or first) task of a criterion. */
    public static String taskOf(String criterionCode) {
        return tasksOf(criterionCode).get(0);
    }

    public static List<String> allTaskIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode task : SEED.get("tasks")) {
            ids.add(task.get("id").asText());
        }
        return ids;
    }

    /** The criterion node with this code in a snapshot being edited. */
    public static ObjectNode criterion(ObjectNode plan, String code) {
        for (JsonNode c : plan.get("criteria")) {
            if (c.get("code").asText().equals(code)) {
                return (ObjectNode) c;
            }
        }
        throw new IllegalArgumentException("no criterion " + code);
    }

    /** The task node with this id in a snapshot being edited. */
    public static ObjectNode task(ObjectNode plan, String taskId) {
        for (JsonNode t : plan.get("tasks")) {
            if (t.get("id").asText().equals(taskId)) {
                return (ObjectNode) t;
            }
        }
        throw new IllegalArgumentException("no task " + taskId);
    }

    public static ArrayNode tasks(ObjectNode plan) {
        return (ArrayNode) plan.get("tasks");
    }

    private static ObjectNode load() {
        try (InputStream in = SeedPlan.class.getResourceAsStream("/seed-plan.json")) {
            if (in == null) {
                throw new IllegalStateException("seed-plan.json is not on the test classpath");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
