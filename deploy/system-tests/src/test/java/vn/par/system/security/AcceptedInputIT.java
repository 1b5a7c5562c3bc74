package vn.par.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.Stack;
import vn.par.system.Await;
import vn.par.system.PlanModel;
import vn.par.system.Scenario;
import vn.par.system.SystemStack;

/**
 * Input that looks odd but is valid (issue 7, "Bad input"): Vietnamese written in decomposed form (NFD, as some
 * Mac and Word exports write it) is the same name as the one stored in NFC; HTML and SQL-looking text is stored
 * and returned exactly as sent, as data, never executed (the tables are still there) nor turned into markup (the
 * API answers JSON; how pages escape it is checked by the services' page tests).
 */
@ExtendWith(SystemStack.class)
class AcceptedInputIT {

    private static final String KHTC_NAME = "Phòng Kế hoạch - Tài chính";
    private static final String HEADER = "STT\tLĩnh vực/Tiêu chí/Tiêu chí thành phần\tĐiểm theo bộ tiêu chí\tĐiểm đạt được năm trước"
            + "\tMục tiêu\tNhiệm vụ, giải pháp\tChủ trì\tPhối hợp\tGhi chú\n(1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\t(8)\t(9)\n";

    private static PlanModel plan;

    @BeforeAll
    static void createPlan() {
        plan = Scenario.publishedPlan(SystemStack.stack(), 2043);
    }

    @Test
    void aUnitNameInNfdIsTheUnitStoredInNfc() {
        Stack stack = SystemStack.stack();
        String nfd = Normalizer.normalize(KHTC_NAME, Normalizer.Form.NFD);
        assertNotEquals(KHTC_NAME, nfd, "NFD differs from NFC in its code points");
        long units = DatabaseSnapshot.count(stack, "criteria", "SELECT count(*) FROM unit");

        Api.Answer imported = Fixtures.importText(stack, Fixtures.token(stack, "admin"), Fixtures.agency(), 2042,
                smallPlan(nfd).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, imported.status(), imported.describe());
        JsonNode report = imported.json();
        assertEquals(1, report.get("units").size(), "one unit: " + report);
        JsonNode unit = report.get("units").get(0);
        assertEquals("KHTC", unit.get("code").asText(), report.toString());
        assertEquals(false, unit.get("created").asBoolean(), report.toString());
        assertEquals(KHTC_NAME, unit.get("name").asText(), "the name as stored (NFC)");
        assertTrue(report.get("warnings").toString().indexOf("đã tạo đơn vị mới") < 0, "no unit created: " + report);
        assertEquals(units, DatabaseSnapshot.count(stack, "criteria", "SELECT count(*) FROM unit"), "no new unit row");
        JsonNode stored = Api.get(stack.url("criteria-service") + "/api/plans/" + report.get("planId").asText(),
                Fixtures.token(stack, "admin")).json();
        JsonNode task = stored.get("criteria").get(0).get("children").get(0).get("tasks").get(0);
        assertEquals("[\"KHTC\"]", task.get("leadUnits").toString(), task.toString());
    }

    @Test
    void anAgencyNameInNfdIsTheAgencyStoredInNfc() {
        Stack stack = SystemStack.stack();
        String nfd = Normalizer.normalize(Fixtures.agency(), Normalizer.Form.NFD);
        assertNotEquals(Fixtures.agency(), nfd);
        long agencies = DatabaseSnapshot.count(stack, "criteria", "SELECT count(*) FROM agency");
        Api.Answer imported = Fixtures.importText(stack, Fixtures.token(stack, "admin"), nfd, 2045,
                smallPlan(KHTC_NAME).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, imported.status(), imported.describe());
        assertEquals(Fixtures.agency(), imported.json().get("agency").asText(), imported.describe());
        assertEquals(false, imported.json().get("units").get(0).get("created").asBoolean(), imported.describe());
        assertEquals(agencies, DatabaseSnapshot.count(stack, "criteria", "SELECT count(*) FROM agency"), "no new agency");
    }

    @Test
    void htmlAndSqlInAReportAreStoredAndReturnedVerbatim() {
        Stack stack = SystemStack.stack();
        String progress = stack.url("progress-service");
        UUID task = plan.scoredTasks().stream().filter(t -> t.criterionCode().equals("6.1.2")).findFirst().orElseThrow().id();
        String comment = "<script>alert('x')</script>'; DROP TABLE progress_report; --";
        String title = "<img src=x onerror=alert(1)> Biên bản \"số 1\"";
        String url = "https://example.org/tai-lieu?id=1'%20OR%20'1'='1&q=<b>x</b>";
        Map<String, Object> body = Map.of("status", "IN_PROGRESS", "percentComplete", 35, "comment", comment,
                "evidence", List.of(Map.of("title", title, "url", url)));

        Api.Answer posted = Api.postJson(progress + "/api/tasks/" + task + "/reports", Fixtures.token(stack, "khtc"), body);
        assertEquals(201, posted.status(), posted.describe());
        assertTrue(posted.contentType().startsWith("application/json"), posted.describe());
        String id = posted.json().get("id").asText();
        assertEquals(comment, posted.json().get("comment").asText());

        Api.Answer history = Api.get(progress + "/api/tasks/" + task + "/reports", Fixtures.token(stack, "viewer"));
        assertEquals(200, history.status(), history.describe());
        assertTrue(history.contentType().startsWith("application/json"), "JSON, never markup: " + history.describe());
        JsonNode stored = null;
        for (JsonNode r : history.json()) {
            if (r.get("id").asText().equals(id)) {
                stored = r;
            }
        }
        assertNotNull(stored, "the report is in the history: " + history.describe());
        assertEquals(comment, stored.get("comment").asText(), "the comment byte for byte");
        assertEquals(title, stored.get("evidence").get(0).get("title").asText());
        assertEquals(url, stored.get("evidence").get(0).get("url").asText());
        JsonNode one = Api.get(progress + "/api/tasks/" + task + "/reports/" + id, Fixtures.token(stack, "viewer")).json();
        assertEquals(comment, one.get("comment").asText());

        // Stored as data; the statement inside it was never run: the table is there, with the row.
        assertEquals(comment, DatabaseSnapshot.text(stack, "progress", "SELECT comment FROM progress_report WHERE id = ?",
                UUID.fromString(id)));
        assertEquals("progress_report", DatabaseSnapshot.text(stack, "progress", "SELECT to_regclass('public.progress_report')::text"));
        assertTrue(DatabaseSnapshot.count(stack, "progress", "SELECT count(*) FROM progress_report") >= 1);
    }

    @Test
    void htmlAndSqlInATaskDescriptionAreStoredAndReturnedVerbatim() {
        Stack stack = SystemStack.stack();
        String criteria = stack.url("criteria-service");
        String description = "<b onmouseover=\"alert(1)\">Rà soát</b><script>alert('x')</script>'; DROP TABLE task; --";
        Api.Answer added = Api.postJson(criteria + "/api/plans/" + plan.id() + "/criteria/6.1.2/tasks",
                Fixtures.token(stack, "admin"), Map.of("description", description, "leadUnits", List.of("KHTC"),
                        "coordinatingUnits", List.of("VP"), "reason", "<i>kiểm thử</i>"));
        assertEquals(201, added.status(), added.describe());
        String taskId = added.json().get("id").asText();
        assertEquals(description, added.json().get("description").asText());

        Api.Answer read = Api.get(criteria + "/api/plans/" + plan.id(), Fixtures.token(stack, "viewer"));
        assertTrue(read.contentType().startsWith("application/json"), "JSON, never markup: " + read.describe());
        JsonNode found = findTask(read.json().get("criteria"), taskId);
        assertNotNull(found, "the new task is in the plan: " + read.body());
        assertEquals(description, found.get("description").asText(), "the description byte for byte");

        assertEquals(description, DatabaseSnapshot.text(stack, "criteria", "SELECT description FROM task WHERE id = ?",
                UUID.fromString(taskId)));
        assertEquals("task", DatabaseSnapshot.text(stack, "criteria", "SELECT to_regclass('public.task')::text"));

        // The new version reaches progress-service with the same text.
        Await.until("progress-service has the new task", Duration.ofSeconds(60), () -> {
            for (JsonNode t : Fixtures.progressTasks(stack, plan.id())) {
                if (t.get("taskId").asText().equals(taskId)) {
                    return true;
                }
            }
            return false;
        });
        assertEquals(description, Fixtures.taskById(stack, plan.id(), taskId).get("description").asText());
        assertEquals("task", DatabaseSnapshot.text(stack, "progress", "SELECT to_regclass('public.task')::text"));
    }

    /**
     * The workbook and the document the corpus truncates (bad-input/import-truncated-*.json) import when whole: those
     * cases are refused for the damage, not for the form.
     */
    @Test
    void theOfficeFilesTheCorpusDamagesImportWhenWhole() {
        Stack stack = SystemStack.stack();
        String url = stack.url("criteria-service") + "/api/plans/import?agency="
                + java.net.URLEncoder.encode(Fixtures.agency(), StandardCharsets.UTF_8) + "&year=";
        Api.Answer xlsx = Api.send("POST", url + 2050, Fixtures.token(stack, "admin"), Fixtures.XLSX, GeneratedFiles.xlsx(),
                Map.of("X-File-Name", "ke-hoach.xlsx"));
        assertEquals(201, xlsx.status(), xlsx.describe());
        assertEquals(2, xlsx.json().get("criteria").asInt(), xlsx.describe());
        Api.Answer docx = Api.send("POST", url + 2051, Fixtures.token(stack, "admin"), Fixtures.DOCX, GeneratedFiles.docx(),
                Map.of("X-File-Name", "ke-hoach.docx"));
        assertEquals(201, docx.status(), docx.describe());
        assertEquals(2, docx.json().get("criteria").asInt(), docx.describe());
    }

    /** One area (1) with one leaf (1.1) and one task led by the unit named {@code leadUnit}. */
    private static String smallPlan(String leadUnit) {
        return HEADER + "1\tCÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC\t10\t5\t8\t\t\t\t\n"
                + "1.1\tThực hiện kế hoạch CCHC\t10\t5\t8\tHoàn thành kế hoạch\t" + leadUnit + "\t\t\n";
    }

    private static JsonNode findTask(JsonNode criteria, String taskId) {
        for (JsonNode c : criteria) {
            for (JsonNode t : c.get("tasks")) {
                if (t.get("id").asText().equals(taskId)) {
                    return t;
                }
            }
            JsonNode inChildren = findTask(c.get("children"), taskId);
            if (inChildren != null) {
                return inChildren;
            }
        }
        return null;
    }
}
