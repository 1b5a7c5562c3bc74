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
 * with two leaves; task 0 is led by KHTC with VP helping, task 1 is led by VP with KHTC and LDVL helping. The plan
 * {@link #withRules()} has a leaf per scoring rule type.
 */
public final class TestPlan {

    /** Numbers of rules stay exact decimals on their way to the event. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Rules as criteria-service writes them (docs/contracts/scoring-rules.md). */
    public static final String TIERS = """
            {"type":"TIERS","options":[{"key":"NO_VIOLATION","label":"Không có sai phạm","points":1},
              {"key":"VIOLATION","label":"Có sai phạm","points":0}]}""";
    public static final String BRACKETS = """
            {"type":"BRACKETS","brackets":[{"min":8,"minInclusive":true,"max":null,"maxInclusive":false,"points":2},
              {"min":4,"minInclusive":true,"max":8,"maxInclusive":false,"points":1},
              {"min":null,"minInclusive":true,"max":4,"maxInclusive":false,"points":0}]}""";
    public static final String RATIO = "{\"type\":\"RATIO\",\"fullAt\":70,\"whenNoCases\":\"FULL\"}";
    public static final String COUNT = "{\"type\":\"COUNT\",\"perUnit\":1}";
    public static final String DEDUCTION = "{\"type\":\"DEDUCTION\",\"perViolation\":0.5}";
    public static final String SURVEY = "{\"type\":\"SURVEY\"}";
    public static final String MANUAL = "{\"type\":\"MANUAL\"}";

    public final UUID id = UUID.randomUUID();
    public String status = "PUBLISHED";
    private String agencyName = "Sở Lao động - Thương binh và Xã hội";
    /** The snapshot's agency.unitCodes; null leaves the member out, as snapshots from before the appraisal did. */
    private List<String> agencyUnitCodes;
    private List<Map<String, String>> units = List.of(
            Map.of("code", "VP", "name", "Văn phòng Sở"),
            Map.of("code", "KHTC", "name", "Phòng Kế hoạch - Tài chính"),
            Map.of("code", "LDVL", "name", "Phòng Lao động - Việc làm và GDNN"));
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

    /**
     * Area 7 with a leaf per rule type, each led by KHTC with VP helping; 7.8 is not applicable; 7.9 has no task and
     * names LDVL as lead on its own row.
     */
    public static TestPlan withRules() {
        return new TestPlan()
                .criterion("7", null, "THỰC HIỆN CÁC NHIỆM VỤ KHÁC", false, "19")
                .criterion("7.1", "7", "Thanh tra, kiểm tra", true, "1")
                .criterion("7.2", "7", "Tỷ lệ hồ sơ trực tuyến", true, "4")
                .criterion("7.3", "7", "Tin, bài viết về CCHC", true, "2")
                .criterion("7.4", "7", "Sáng kiến CCHC", true, "3")
                .criterion("7.5", "7", "Chấp hành kỷ luật", true, "1")
                .criterion("7.6", "7", "Mức độ hài lòng", true, "2")
                .criterion("7.7", "7", "Tự đánh giá", true, "3")
                .criterion("7.8", "7", "Cải cách tài chính công", true, "1")
                .criterion("7.9", "7", "Giải quyết việc làm", true, "2")
                .rule("7.1", TIERS, "Không có sai phạm: 1 điểm; Có sai phạm: 0 điểm")
                .rule("7.2", RATIO, "Tỷ lệ hồ sơ trực tuyến × 4 điểm, đủ điểm từ 70%")
                .rule("7.3", BRACKETS, "Từ 8 tin trở lên: 2 điểm; từ 4 đến dưới 8: 1 điểm; dưới 4: 0 điểm")
                .rule("7.4", COUNT, "Mỗi sáng kiến 1 điểm, tối đa 3 điểm")
                .rule("7.5", DEDUCTION, "Mỗi vi phạm trừ 0,5 điểm")
                .rule("7.6", SURVEY, "Điều tra xã hội học")
                .rule("7.7", MANUAL, "Tự chấm điểm")
                .rule("7.8", RATIO, "Tỷ lệ")
                .rule("7.9", COUNT, "Mỗi việc 1 điểm")
                .notApplicable("7.8", "Sở không có đơn vị sự nghiệp tự chủ tài chính")
                .rowLeads("7.9", List.of("LDVL"))
                .task("7.1", "Không để xảy ra sai phạm", List.of("KHTC"), List.of("VP"))
                .task("7.2", "Tăng tỷ lệ hồ sơ trực tuyến", List.of("KHTC"), List.of("VP"))
                .task("7.3", "Viết tin bài", List.of("KHTC"), List.of("VP"))
                .task("7.4", "Sáng kiến", List.of("KHTC"), List.of("VP"))
                .task("7.5", "Kỷ luật", List.of("KHTC"), List.of("VP"))
                .task("7.6", "Khảo sát", List.of("KHTC"), List.of("VP"))
                .task("7.7", "Tự đánh giá", List.of("KHTC"), List.of("VP"))
                .task("7.8", "Tài chính công", List.of("KHTC"), List.of("VP"));
    }

    /** The plan's agency and every unit code of it (null: the member left out). */
    public TestPlan agency(String name, List<String> unitCodes) {
        agencyName = name;
        agencyUnitCodes = unitCodes;
        return this;
    }

    /** The units the plan's tasks name, each {@code code} with {@code name} (the snapshot's {@code units}). */
    public TestPlan units(List<Map<String, String>> named) {
        units = named;
        return this;
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

    /** The task's due date. */
    public TestPlan dueDate(int index, java.time.LocalDate due) {
        tasks.get(index).put("dueDate", due.toString());
        return this;
    }

    /** The criterion's derived target points (this year's target; 0 unless set). */
    public TestPlan target(String code, String points) {
        Map<String, Object> c = criterion(code);
        c.put("derived", Map.of("maxPoints", c.get("maxPoints"), "baselinePoints", 0, "targetPoints", new BigDecimal(points)));
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
        Map<String, Object> agency = new LinkedHashMap<>();
        agency.put("id", UUID.randomUUID().toString());
        agency.put("name", agencyName);
        if (agencyUnitCodes != null) {
            agency.put("unitCodes", agencyUnitCodes);
        }
        s.put("agency", agency);
        s.put("year", 2024);
        s.put("baselineYear", 2023);
        s.put("criteria", criteria);
        s.put("tasks", tasks);
        s.put("units", units);
        return s;
    }
}
