package vn.par.progress;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plan as criteria-service publishes it on par.plans, built by the tests. The standard plan has one area
 * with two leaves; task 0 is led by KHTC with VP helping, task 1 is led by VP with KHTC and LDVL helping.
 */
public final class TestPlan {

    /** Numbers of rules stay exact decimals on their way to the event. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public final UUID id = UUID.randomUUID();
    public String status = "PUBLISHED";
    private final List<Map<String, Object>> criteria = new ArrayList<>();
    private final List<Map<String, Object>> tasks = new ArrayList<>();

    public static TestPlan standard() {
        return new TestPlan()
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", false, "10")
                .criterion("1.1", "1", "Thực hiện kế hoạch CCHC", true, "3")
                .criterion("1.2", "1", "Tuyên truyền CCHC", true, "7")
                .task("1.1", "Hoàn thành kế hoạch CCHC năm", List.of("KHTC"), List.of("VP"))
                .task("1.2", "Tuyên truyền về cải cách hành chính", List.of("VP"), List.of("KHTC", "LDVL"));
    }

    public TestPlan criterion(String code, String parent, String title, boolean leaf, String maxPoints) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("code", code);
        c.put("parentCode", parent);
        c.put("title", title);
        c.put("leaf", leaf);
        c.put("maxPoints", new BigDecimal(maxPoints));
        c.put("baselinePoints", null);
        c.put("targetPoints", null);
        c.put("derived", Map.of("maxPoints", new BigDecimal(maxPoints), "baselinePoints", 0, "targetPoints", 0));
        c.put("note", null);
        criteria.add(c);
        return this;
    }

    /** Gives the criterion a rule (canonical JSON, as criteria-service writes it) and its description. */
    public TestPlan rule(String code, String ruleJson, String description) {
        Map<String, Object> c = criterion(code);
        try {
            c.put("rule", JSON.readValue(ruleJson, Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(ruleJson, e);
        }
        c.put("ruleDescription", description);
        return this;
    }

    public TestPlan notApplicable(String code, String reason) {
        criterion(code).put("applicable", false);
        criterion(code).put("notApplicableReason", reason);
        return this;
    }

    /** The lead units named on the criterion's own row. */
    public TestPlan rowLeads(String code, List<String> units) {
        criterion(code).put("leadUnits", units);
        return this;
    }

    private Map<String, Object> criterion(String code) {
        return criteria.stream().filter(c -> c.get("code").equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no criterion " + code));
    }

    public TestPlan task(String criterionCode, String description, List<String> leads, List<String> coordinating) {
        return task(UUID.randomUUID(), criterionCode, description, leads, coordinating);
    }

    public TestPlan task(UUID id, String criterionCode, String description, List<String> leads, List<String> coordinating) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id.toString());
        t.put("criterionCode", criterionCode);
        t.put("description", description);
        t.put("leadUnits", leads);
        t.put("coordinatingUnits", coordinating);
        t.put("dueDate", "2024-12-31");
        tasks.add(t);
        return this;
    }

    /** The appendix gives most tasks no due date: so does this one. */
    public TestPlan withoutDueDate(int index) {
        tasks.get(index).put("dueDate", null);
        return this;
    }

    public TestPlan withoutTask(UUID id) {
        tasks.removeIf(t -> t.get("id").equals(id.toString()));
        return this;
    }

    public UUID taskId(int index) {
        return UUID.fromString((String) tasks.get(index).get("id"));
    }

    /** The event data of this plan at {@code version}. */
    public Map<String, Object> snapshot(long version) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("planId", id.toString());
        s.put("version", version);
        s.put("status", status);
        s.put("agency", Map.of("id", UUID.randomUUID().toString(), "name", "Sở Lao động - Thương binh và Xã hội"));
        s.put("year", 2024);
        s.put("baselineYear", 2023);
        s.put("criteria", criteria);
        s.put("tasks", tasks);
        s.put("units", List.of(
                Map.of("code", "VP", "name", "Văn phòng Sở"),
                Map.of("code", "KHTC", "name", "Phòng Kế hoạch - Tài chính"),
                Map.of("code", "LDVL", "name", "Phòng Lao động - Việc làm và GDNN")));
        return s;
    }
}
