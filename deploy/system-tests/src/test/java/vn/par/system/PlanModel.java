package vn.par.system;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A published plan as the test reads it from criteria-service's API: leaves with their derived figures and the
 * tasks on them. Built from the API's JSON, independently of the services' own models.
 */
public final class PlanModel {

    public record Leaf(String code, String area, BigDecimal max, BigDecimal baseline, BigDecimal target, List<Task> tasks) {
    }

    public record Task(UUID id, String criterionCode, List<String> leadUnits) {
    }

    private final UUID id;
    private final Map<String, Leaf> leaves = new LinkedHashMap<>();
    private final List<String> areas = new ArrayList<>();

    public PlanModel(JsonNode plan) {
        this.id = UUID.fromString(plan.get("id").asText());
        for (JsonNode area : plan.get("criteria")) {
            areas.add(area.get("code").asText());
            collect(area, area.get("code").asText());
        }
    }

    private void collect(JsonNode node, String area) {
        if (node.get("children").isEmpty()) {
            List<Task> tasks = new ArrayList<>();
            for (JsonNode t : node.get("tasks")) {
                List<String> lead = new ArrayList<>();
                t.get("leadUnits").forEach(u -> lead.add(u.asText()));
                tasks.add(new Task(UUID.fromString(t.get("id").asText()), node.get("code").asText(), lead));
            }
            JsonNode d = node.get("derived");
            leaves.put(node.get("code").asText(), new Leaf(node.get("code").asText(), area,
                    d.get("maxPoints").decimalValue(), d.get("baselinePoints").decimalValue(),
                    d.get("targetPoints").decimalValue(), tasks));
            return;
        }
        for (JsonNode child : node.get("children")) {
            collect(child, area);
        }
    }

    public UUID id() {
        return id;
    }

    public List<String> areas() {
        return areas;
    }

    public Iterable<Leaf> leaves() {
        return leaves.values();
    }

    /** Tasks of leaves (the ones that count), each with at least one lead unit. */
    public List<Task> scoredTasks() {
        List<Task> tasks = new ArrayList<>();
        for (Leaf leaf : leaves.values()) {
            leaf.tasks().stream().filter(t -> !t.leadUnits().isEmpty()).forEach(tasks::add);
        }
        return tasks;
    }
}
