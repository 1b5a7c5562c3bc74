package vn.par.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.infra.events.Topics;

/**
 * Plans put straight on par.plans by the benchmark (ce_source {@code /benchmark}), in criteria-service's snapshot
 * format: copies of a loaded seed plan with new plan and task ids, or generated trees of a chosen size.
 */
final class Synthetic {

    /** A task a report can be made on: on a leaf, with a lead unit. */
    record Task(String id, String criterion, String unit) {
    }

    record Plan(UUID id, String snapshot, List<Task> tasks, int criteria) {
    }

    private Synthetic() {
    }

    /** A copy of {@code template} (a published snapshot) for a new plan of a new agency, every task id new. */
    static Plan copyOf(ObjectNode template, String agencyName) {
        ObjectNode s = template.deepCopy();
        UUID id = UUID.randomUUID();
        s.put("planId", id.toString());
        s.put("version", 1);
        s.put("status", "PUBLISHED");
        s.putObject("agency").put("id", UUID.randomUUID().toString()).put("name", agencyName);
        Map<String, Boolean> leaf = new HashMap<>();
        for (JsonNode c : s.get("criteria")) {
            leaf.put(c.get("code").asText(), c.path("leaf").asBoolean(false));
        }
        List<Task> tasks = new ArrayList<>();
        for (JsonNode t : s.get("tasks")) {
            String taskId = UUID.randomUUID().toString();
            ((ObjectNode) t).put("id", taskId);
            String criterion = t.get("criterionCode").asText();
            JsonNode leads = t.get("leadUnits");
            if (Boolean.TRUE.equals(leaf.get(criterion)) && leads != null && !leads.isEmpty()) {
                tasks.add(new Task(taskId, criterion, leads.get(0).asText()));
            }
        }
        return new Plan(id, s.toString(), tasks, s.get("criteria").size());
    }

    /**
     * A generated plan: {@code areas} areas × {@code criteriaPerArea} criteria × {@code leavesPerCriterion} leaves,
     * one task per leaf (led by one unit); each leaf worth {@code leafMax}, baseline {@code leafBaseline}, target
     * {@code leafTarget}; parents carry the sums, as criteria-service derives them.
     */
    static Plan tree(String agencyName, int areas, int criteriaPerArea, int leavesPerCriterion, String leafMax,
            String leafBaseline, String leafTarget) {
        UUID id = UUID.randomUUID();
        ObjectNode s = Api.JSON.createObjectNode();
        s.put("planId", id.toString()).put("version", 1).put("status", "PUBLISHED");
        s.putObject("agency").put("id", UUID.randomUUID().toString()).put("name", agencyName);
        s.put("year", 2024).put("baselineYear", 2023);
        ArrayNode criteria = s.putArray("criteria");
        ArrayNode taskNodes = s.putArray("tasks");
        List<Task> tasks = new ArrayList<>();
        BigDecimal max = new BigDecimal(leafMax);
        BigDecimal baseline = new BigDecimal(leafBaseline);
        BigDecimal target = new BigDecimal(leafTarget);
        BigDecimal perCriterion = BigDecimal.valueOf(leavesPerCriterion);
        BigDecimal perArea = perCriterion.multiply(BigDecimal.valueOf(criteriaPerArea));
        for (int a = 1; a <= areas; a++) {
            criterion(criteria, "" + a, null, "Lĩnh vực " + a, false, max.multiply(perArea), baseline.multiply(perArea),
                    target.multiply(perArea));
            for (int c = 1; c <= criteriaPerArea; c++) {
                String parent = a + "." + c;
                criterion(criteria, parent, "" + a, "Tiêu chí " + parent, false, max.multiply(perCriterion),
                        baseline.multiply(perCriterion), target.multiply(perCriterion));
                for (int l = 1; l <= leavesPerCriterion; l++) {
                    String code = parent + "." + l;
                    criterion(criteria, code, parent, "Tiêu chí thành phần " + code, true, max, baseline, target);
                    String taskId = UUID.randomUUID().toString();
                    ObjectNode t = taskNodes.addObject();
                    t.put("id", taskId).put("criterionCode", code).put("description", "Nhiệm vụ " + code);
                    t.putArray("leadUnits").add("SC-VP");
                    t.putArray("coordinatingUnits");
                    t.putNull("dueDate");
                    tasks.add(new Task(taskId, code, "SC-VP"));
                }
            }
        }
        s.putArray("units").addObject().put("code", "SC-VP").put("name", "Văn phòng");
        return new Plan(id, s.toString(), tasks, criteria.size());
    }

    private static void criterion(ArrayNode into, String code, String parent, String title, boolean leaf, BigDecimal max,
            BigDecimal baseline, BigDecimal target) {
        ObjectNode c = into.addObject();
        c.put("code", code);
        if (parent == null) {
            c.putNull("parentCode");
        } else {
            c.put("parentCode", parent);
        }
        c.put("title", title).put("leaf", leaf).put("maxPoints", max).put("baselinePoints", baseline)
                .put("targetPoints", target);
        c.putObject("derived").put("maxPoints", max).put("baselinePoints", baseline).put("targetPoints", target);
        c.putNull("note");
    }

    /** Publishes version 1 of each plan on par.plans and waits for the broker's acknowledgements. */
    static void publish(KafkaProducer<String, String> producer, Collection<Plan> plans) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Plan p : plans) {
            acks.add(producer.send(Kafka.record(Topics.PLANS, Kafka.planEvent(p.id(), 1, p.snapshot()))));
        }
        producer.flush();
        for (Future<RecordMetadata> f : acks) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new BenchmarkException("publishing a synthetic plan failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchmarkException("interrupted");
            }
        }
    }

    static List<UUID> ids(Collection<Plan> plans) {
        return plans.stream().map(Plan::id).toList();
    }
}
