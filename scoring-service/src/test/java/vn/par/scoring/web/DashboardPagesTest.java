package vn.par.scoring.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.scoring.testing.SeedPlan.taskOf;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import vn.par.scoring.testing.Events;
import vn.par.scoring.testing.Scores;
import vn.par.scoring.testing.SeedPlan;
import vn.par.scoring.testing.SseClient;
import vn.par.stack.testing.TestInfra;

/**
 * The provincial dashboard's pages and the feeds their scripts read, through HTTP as a signed-in browser gets them,
 * after publishing plans and reports as events on the real broker.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class DashboardPagesTest {

    private static final Instant FEBRUARY = Instant.parse("2024-02-01T02:00:00Z");
    private static final Instant MAY = Instant.parse("2024-05-02T03:04:05Z");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LEAD_72 = "Phòng Lao động - Việc làm và GDNN";

    @TestHTTPResource("/")
    URL root;

    // ---- One plan (/ui/plans/{id}) ---------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    @OidcSecurity(claims = @Claim(key = "name", value = "Cán bộ theo dõi"))
    void planPageShowsTheTotalLargeWithTargetBaselineAndEveryAreaBeforeProgress() {
        UUID plan = publish(SeedPlan.json(UUID.randomUUID()));

        String html = given().get("/ui/plans/{plan}", plan).then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Bảng điều hành")) // the shared header
                .body(containsString("Cán bộ theo dõi"))
                .body(containsString("/par-ui/par.css"))
                .body(containsString("/dashboard/plan.js"))
                .extract().asString();

        assertTrue(html.contains("<div class=\"big\" id=\"plan-projected\">89,62</div>"), html);
        assertTrue(html.contains("<dd id=\"plan-target\">93,25</dd>"), html);
        assertTrue(html.contains("<dd id=\"plan-baseline\">89,62</dd>"), html);
        assertTrue(html.contains("<span id=\"plan-max\">100</span>"), html);
        assertTrue(html.contains("<strong id=\"plan-percent\">89,62%</strong>"), html);
        assertTrue(html.contains("<span id=\"plan-group\" class=\"badge badge-B\">B</span>"), html);
        assertTrue(html.contains("<span id=\"plan-agency\">Sở Lao động - Thương binh và Xã hội</span>"), html);
        assertTrue(html.contains("Kế hoạch năm 2024"), html);
        assertTrue(html.contains("<dd id=\"plan-as-of\">01/02/2024 09:00</dd>"), "the event's time, in Vietnam: " + html);
        assertTrue(html.contains("id=\"live-status\""), html);

        for (String area : List.of("1", "2", "3", "4", "5", "6", "7")) {
            assertTrue(html.contains("data-area=\"" + area + "\""), "area " + area);
        }
        String area7 = areaOf(html, "7");
        assertTrue(area7.contains("7. XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"), area7);
        assertTrue(area7.contains("<span class=\"value\" data-field=\"projected\">17,04</span>"), area7);
        assertTrue(area7.contains("<span data-field=\"max\">20</span>"), area7);
        assertTrue(area7.contains("<strong data-field=\"target\">18</strong>"), area7);
        assertTrue(area7.contains("<strong data-field=\"baseline\">17,04</strong>"), area7);
        assertTrue(area7.contains("<span data-field=\"percent\">85,2%</span>"), area7);
        // The bar: projected as a width, last year and the target as markers, in percent of the area's maximum.
        assertTrue(area7.contains("data-field=\"bar-projected\" style=\"width: 85.2%\""), area7);
        assertTrue(area7.contains("data-field=\"bar-baseline\" style=\"left: 85.2%\""), area7);
        assertTrue(area7.contains("data-field=\"bar-target\" style=\"left: 90%\""), area7);
        assertTrue(area7.contains("data-field=\"at-risk\" hidden"), "no risk yet: " + area7);

        assertTrue(html.contains("Không có tiêu chí nào có nguy cơ"), html);
        assertFalse(html.contains("id=\"at-risk-none\" class=\"muted\" hidden"), "the 'no risk' line is shown");
        // The criteria table, grouped by area: 32 rows, leaves with their completion, parents without.
        assertEquals(32, count(html, "<tr data-criterion=\""));
        String row72 = criterionRow(html, "7.2");
        assertTrue(row72.contains("Dịch vụ công trực tuyến toàn trình"), row72);
        assertTrue(row72.contains("<td class=\"num\" data-field=\"projected\">3,33</td>"), row72);
        assertTrue(row72.contains("<td class=\"num\" data-field=\"target\">4</td>"), row72);
        assertTrue(row72.contains("<td class=\"num\" data-field=\"completion\">0%</td>"), row72);
        assertTrue(criterionRow(html, "1.3.1").contains("depth-2"), "a sub-criterion is indented twice");
        assertTrue(criterionRow(html, "7").contains("<td class=\"num\" data-field=\"completion\">—</td>"));
        assertTrue(html.contains("data-area-criteria=\"7\""), html);
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void planPageAfterAReportShowsTheNewValues() {
        UUID plan = publish(SeedPlan.json(UUID.randomUUID()));
        Events.lead(plan, 1, taskOf("7.2"), "IN_PROGRESS", 50, MAY);
        Scores.awaitSequence(plan, 2);

        String html = given().get("/ui/plans/{plan}", plan).then().statusCode(200).extract().asString();
        assertTrue(html.contains("id=\"plan-projected\">89,96<"), html);
        assertTrue(areaOf(html, "7").contains("data-field=\"projected\">17,38<"));
        assertTrue(areaOf(html, "7").contains("<span data-field=\"percent\">86,88%</span>"));
        String row72 = criterionRow(html, "7.2");
        assertTrue(row72.contains("data-field=\"projected\">3,67<"), row72);
        assertTrue(row72.contains("data-field=\"completion\">50%<"), row72);
        assertTrue(html.contains("data-sequence=\"2\""), html);
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void atRiskListShowsABlockedLeafWithItsLeadUnitsAndWhyAndAnOverdueOne() {
        ObjectNode snapshot = SeedPlan.json(UUID.randomUUID());
        SeedPlan.task(snapshot, taskOf("6.1.2")).put("dueDate", "2024-03-01"); // past and not done: overdue
        UUID plan = publish(snapshot);
        Events.lead(plan, 1, taskOf("7.2"), "BLOCKED", 30, MAY);
        Scores.awaitSequence(plan, 2);

        String html = given().get("/ui/plans/{plan}", plan).then().statusCode(200).extract().asString();
        String list = between(html, "<ul id=\"at-risk\" class=\"risks\">", "</section>");
        String blocked = itemOf(list, "7.2");
        assertTrue(blocked.contains("<strong>7.2</strong> Dịch vụ công trực tuyến toàn trình"), blocked);
        assertTrue(blocked.contains("Lĩnh vực 7"), blocked);
        assertTrue(blocked.contains("data-reason=\"BLOCKED\">Vướng mắc</span>"), blocked);
        assertTrue(blocked.contains("<span class=\"unit\" data-unit=\"LDVL\">" + LEAD_72 + "</span>"), blocked);
        assertTrue(blocked.contains("<span class=\"unit\" data-unit=\"TTDVVL\">Trung tâm Dịch vụ việc làm</span>"), blocked);
        assertTrue(blocked.contains("Khuyến nghị tổ chức công dân thực hiện DVC TT toàn trình"), "the task: " + blocked);
        assertTrue(blocked.contains("Vướng mắc</div>") || blocked.contains("· Vướng mắc"), "its latest status: " + blocked);

        String overdue = itemOf(list, "6.1.2");
        assertTrue(overdue.contains("data-reason=\"OVERDUE\">Quá hạn</span>"), overdue);
        assertTrue(overdue.contains("Phòng Kế hoạch - Tài chính"), overdue);
        assertTrue(overdue.contains("hạn 01/03/2024"), overdue);
        assertTrue(overdue.contains("Lĩnh vực 6"), overdue);

        assertTrue(html.contains("<span id=\"at-risk-count\" class=\"badge badge-risk\">2</span>"), html);
        assertTrue(html.contains("id=\"at-risk-none\" class=\"muted\" hidden"), "the 'no risk' line is hidden");
        assertTrue(areaOf(html, "7").contains("data-field=\"at-risk\">1 có nguy cơ</span>"), areaOf(html, "7"));
        assertTrue(criterionRow(html, "7.2").contains("<span class=\"badge badge-risk\">Có nguy cơ</span>"));
        assertTrue(criterionRow(html, "7").contains("Có nguy cơ"), "a parent of an at-risk leaf says so");
        assertFalse(criterionRow(html, "7.1").contains("Có nguy cơ"));
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void textFromImportedFilesIsShownAsTextOnBothPages() {
        ObjectNode snapshot = SeedPlan.json(UUID.randomUUID());
        snapshot.with("agency").put("name", "<script>alert(1)</script> Sở \"Thử\" & 'Con'");
        SeedPlan.criterion(snapshot, "7.2").put("title", "<script>alert('tiêu chí')</script>");
        SeedPlan.criterion(snapshot, "7").put("title", "<b>Lĩnh vực</b> <img src=x onerror=alert(2)>");
        SeedPlan.task(snapshot, taskOf("7.2")).put("description", "<script>alert('nhiệm vụ')</script>");
        for (JsonNode unit : snapshot.get("units")) {
            if (unit.get("code").asText().equals("LDVL")) {
                ((ObjectNode) unit).put("name", "<script>alert('đơn vị')</script>");
            }
        }
        UUID plan = publish(snapshot);
        Events.lead(plan, 1, taskOf("7.2"), "BLOCKED", 10, MAY);
        Scores.awaitSequence(plan, 2);

        String page = given().get("/ui/plans/{plan}", plan).then().statusCode(200).extract().asString();
        assertFalse(page.contains("<script>alert"), "no script from data: " + page);
        assertFalse(page.contains("<b>Lĩnh vực</b>"));
        assertFalse(page.contains("<img"));
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Sở &quot;Thử&quot; &amp; &#39;Con&#39;"), page);
        assertTrue(page.contains("&lt;script&gt;alert(&#39;tiêu chí&#39;)&lt;/script&gt;"), page);
        assertTrue(page.contains("&lt;b&gt;Lĩnh vực&lt;/b&gt; &lt;img src=x onerror=alert(2)&gt;"), page);
        String risk = itemOf(between(page, "<ul id=\"at-risk\" class=\"risks\">", "</section>"), "7.2");
        assertTrue(risk.contains("&lt;script&gt;alert(&#39;nhiệm vụ&#39;)&lt;/script&gt;"), risk);
        assertTrue(risk.contains("data-unit=\"LDVL\">&lt;script&gt;alert(&#39;đơn vị&#39;)&lt;/script&gt;</span>"), risk);

        String list = given().get("/").then().statusCode(200).extract().asString();
        assertFalse(list.contains("<script>alert"), "no script from data on the list");
        String row = rankingRow(list, plan);
        assertTrue(row.contains("data-agency=\"&lt;script&gt;alert(1)&lt;/script&gt; Sở &quot;Thử&quot; &amp; &#39;Con&#39;\""), row);
        assertTrue(row.contains(">&lt;script&gt;alert(1)&lt;/script&gt; Sở &quot;Thử&quot; &amp; &#39;Con&#39;</a>"), row);
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void unknownPlanIsAPageSayingSo() {
        UUID unknown = UUID.randomUUID();
        given().get("/ui/plans/{plan}", unknown).then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("Không tìm thấy"))
                .body(containsString(unknown.toString()));
        given().get("/ui/plans/{plan}/history.json", unknown).then().statusCode(404);
    }

    // ---- All plans (/) ---------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void listRanksThePlansOfAYearByPercentWithSharedRanksAndLinksEachToItsPage() {
        int year = 2092; // a year no other test uses
        UUID ahead = publish(withYear(year));
        UUID level = publish(withYear(year));
        UUID behind = publish(withYear(year));
        for (UUID plan : List.of(ahead, level)) { // area 3 done: 89.62 + 2 = 91.62
            Events.lead(plan, 1, SeedPlan.tasksOf("3").get(0), "DONE", 100, MAY);
            Events.lead(plan, 2, SeedPlan.tasksOf("3").get(1), "DONE", 100, MAY);
            Scores.awaitPlan(plan, s -> s.get("projected").asText().equals("91.62"));
        }

        String html = given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Chỉ số CCHC của các cơ quan"))
                .body(containsString("/dashboard/ranking.js"))
                .body(containsString("id=\"live-status\""))
                .extract().asString();

        String first = rankingRow(html, ahead);
        String second = rankingRow(html, level);
        String third = rankingRow(html, behind);
        assertTrue(first.contains("data-rank=\"1\""), first);
        assertTrue(second.contains("data-rank=\"1\""), "equal percents share a rank: " + second);
        assertTrue(third.contains("data-rank=\"3\""), third);
        assertTrue(third.contains("<td class=\"num rank\" data-field=\"rank\">3</td>"), third);
        assertTrue(first.contains("<span data-field=\"headline\">91,62</span>"), first);
        assertTrue(first.contains("data-field=\"basis\">dự kiến</span>"), "ranked on the projection: " + first);
        assertTrue(first.contains("<td class=\"num\" data-field=\"percent\">91,62%</td>"), first);
        assertTrue(first.contains("<span class=\"badge badge-A\">A</span>"), first);
        assertTrue(third.contains("<span data-field=\"headline\">89,62</span>"), third);
        assertTrue(third.contains("<td class=\"num hide-small\" data-field=\"target\">93,25</td>"), third);
        assertTrue(third.contains("<td class=\"num hide-small\" data-field=\"baseline\">89,62</td>"), third);
        assertTrue(third.contains("<span class=\"badge badge-B\">B</span>"), third);
        assertTrue(third.contains("<a href=\"/ui/plans/" + behind + "\">Sở Lao động - Thương binh và Xã hội</a>"), third);
        assertTrue(third.contains("data-field=\"year\">" + year + "<"), third);
        // Sorted by rank, as GET /api/scores: the two leaders (in the API's order), then the third.
        List<String> api = Scores.parse(given().queryParam("year", year).get("/api/scores").then().extract().asString())
                .findValuesAsText("planId");
        assertEquals(3, api.size());
        assertTrue(html.indexOf("data-plan=\"" + api.get(0) + "\"") < html.indexOf("data-plan=\"" + api.get(1) + "\""));
        assertTrue(html.indexOf("data-plan=\"" + api.get(1) + "\"") < html.indexOf("data-plan=\"" + behind + "\""));
        assertEquals(behind.toString(), api.get(2));
        // Newest year first: this year's plans come before the seed's 2024 ones.
        int anyOf2024 = html.indexOf("data-year=\"2024\"");
        assertTrue(anyOf2024 < 0 || html.indexOf("data-plan=\"" + behind + "\"") < anyOf2024);
    }

    // ---- Who may see them ------------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "x", roles = "other")
    void aUserWithNoneOfTheRolesIsForbiddenEverywhere() {
        UUID plan = UUID.randomUUID();
        given().get("/").then().statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("Không có quyền"));
        given().get("/ui/plans/{plan}", plan).then().statusCode(403).body(containsString("Không có quyền"));
        given().get("/ui/plans/{plan}/history.json", plan).then().statusCode(403);
        given().get("/ui/plans/{plan}/stream", plan).then().statusCode(403);
        given().get("/ui/stream").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ldvl", roles = "reporter")
    void aReporterSeesTheDashboard() {
        given().get("/").then().statusCode(200).body(containsString("Chỉ số CCHC của các cơ quan"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdminSeesTheDashboard() {
        given().get("/").then().statusCode(200).body(containsString("Chỉ số CCHC của các cơ quan"));
    }

    // ---- What the scripts read -------------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void thePlanStreamUnderTheWebPathsSendsTheCurrentStateFirstThenEachChange() throws Exception {
        UUID plan = publish(SeedPlan.json(UUID.randomUUID()));

        try (SseClient client = new SseClient(uri("ui/plans/" + plan + "/stream"))) {
            SseClient.Event current = client.next(WAIT);
            assertNotNull(current, "the current state on connect");
            assertTrue(client.contentType().startsWith("text/event-stream"), client.contentType());
            assertEquals("score", current.name());
            assertEquals("1", current.id());
            JsonNode first = Scores.parse(current.data());
            assertEquals("89.62", first.get("projected").asText());
            assertEquals(32, first.get("criteria").size(), "the whole score, criteria included");

            Events.lead(plan, 1, taskOf("7.2"), "BLOCKED", 50, MAY);
            SseClient.Event change = client.next(WAIT);
            assertNotNull(change, "the change");
            assertEquals("score", change.name());
            assertEquals("2", change.id());
            JsonNode second = Scores.parse(change.data());
            assertEquals("89.96", second.get("projected").asText());
            assertEquals("17.38", Scores.area(second, "7").get("projected").asText());
            assertEquals("[\"7.2\"]", Scores.area(second, "7").get("atRisk").toString());
            JsonNode risk = Scores.criterion(second, "7.2").get("risks").get(0);
            assertEquals("BLOCKED", risk.get("reasons").get(0).asText());
            assertEquals(LEAD_72, risk.get("leadUnits").get(0).get("name").asText());
            assertEquals(second, Scores.plan(plan), "the same as the API's GET");
        }
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void theAllPlansStreamUnderTheWebPathsSendsEveryPlanThenEachChange() throws Exception {
        UUID plan = publish(SeedPlan.json(UUID.randomUUID()));

        try (SseClient client = new SseClient(uri("ui/stream"))) {
            SseClient.Event initial = nextOf(client, plan);
            assertEquals("score", initial.name());
            assertEquals(plan + ":1", initial.id());
            assertEquals("89.62", Scores.parse(initial.data()).get("percent").asText());

            Events.lead(plan, 1, taskOf("7.2"), "IN_PROGRESS", 50, MAY);
            SseClient.Event change = nextOf(client, plan);
            assertEquals(plan + ":2", change.id());
            JsonNode summary = Scores.parse(change.data());
            assertEquals("89.96", summary.get("projected").asText());
            assertEquals("B", summary.get("group").asText());
        }
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void timelineDataReflectsAReport() {
        UUID plan = publish(SeedPlan.json(UUID.randomUUID()));
        JsonNode before = Scores.parse(given().get("/ui/plans/{plan}/history.json", plan).then().statusCode(200)
                .contentType(containsString("application/json")).extract().asString());
        assertEquals(1, before.size());
        assertEquals("89.62", before.get(0).get("projected").asText());
        assertEquals(FEBRUARY, Instant.parse(before.get(0).get("asOf").asText()));

        Events.lead(plan, 1, taskOf("7.2"), "IN_PROGRESS", 50, MAY);
        Scores.awaitSequence(plan, 2);

        JsonNode after = Scores.parse(given().get("/ui/plans/{plan}/history.json", plan).then().statusCode(200)
                .extract().asString());
        assertEquals(2, after.size());
        assertEquals(2, after.get(1).get("sequence").asLong());
        assertEquals("89.96", after.get(1).get("projected").asText());
        assertEquals("89.96", after.get(1).get("percent").asText());
        assertEquals(MAY, Instant.parse(after.get(1).get("asOf").asText()), "x is the time of the report");
        assertEquals(after, Scores.parse(given().get("/api/plans/{plan}/scores/history", plan).then().extract().asString()),
                "the same as the API's history");
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void theScriptsAndStyleAreServedByTheServiceAndBuildNoMarkupFromData() {
        for (String asset : List.of("/dashboard/dashboard.js", "/dashboard/ranking.js", "/dashboard/plan.js")) {
            String js = given().get(asset).then().statusCode(200).contentType(containsString("javascript"))
                    .extract().asString();
            assertFalse(js.contains("innerHTML"), asset + " builds DOM with textContent only");
            assertFalse(js.contains("insertAdjacentHTML"), asset);
            assertFalse(Pattern.compile("https?://(?!www\\.w3\\.org/2000/svg)").matcher(js).find(),
                    asset + " loads nothing from elsewhere");
        }
        given().get("/dashboard/dashboard.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/par-ui/par.js").then().statusCode(200);
    }

    @Test
    void thePagesAndTheirFeedsAreNotPartOfTheApiDescription() {
        String openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertTrue(openapi.contains("/api/plans/{planId}/scores/stream"), "the API is described");
        assertFalse(openapi.contains("/ui/"), "the pages' paths are not");
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void planPageShowsEachLeafsRuleItsFactTheGapsAndAWhatIfPanel() {
        ObjectNode snapshot = SeedPlan.withKnownRules(UUID.randomUUID());
        SeedPlan.criterion(snapshot, "7.2").put("ruleDescription", "Tỷ lệ hồ sơ trực tuyến × điểm tối đa, đủ điểm khi đạt 70 %");
        UUID plan = publish(snapshot);
        Events.indicator(plan, 1, "7.2", "RATIO", "\"numerator\":31,\"denominator\":50", MAY);
        Scores.awaitSequence(plan, 2);

        String html = given().get("/ui/plans/{plan}", plan).then().statusCode(200).extract().asString();
        String row72 = criterionRow(html, "7.2");
        assertTrue(row72.contains("data-field=\"rule\">Tỷ lệ hồ sơ trực tuyến × điểm tối đa, đủ điểm khi đạt 70 %<"), row72);
        assertTrue(row72.contains("<td data-field=\"indicator\" class=\"measured\">31/50</td>"), row72);
        assertTrue(row72.contains("data-field=\"projected\">3,54<"), "4 × 62 / 70: " + row72);
        String row632 = criterionRow(html, "6.3.2");
        assertTrue(row632.contains("not-applicable"), row632);
        assertTrue(row632.contains("Không áp dụng"), row632);
        assertTrue(criterionRow(html, "6.1.1").contains("data-field=\"rule\">Theo mức<"), "no words given: the type");
        // 93.25 − 87.832857…: 7.2 short by 0.457143, the rest as before (3.63 − 0.67)
        assertTrue(html.contains("<dd id=\"plan-shortfall\">3,42</dd>"), html);
        assertTrue(html.contains("<span id=\"plan-survey\">2</span> / <span id=\"plan-survey-max\">2</span>"), html);
        assertTrue(areaOf(html, "7").contains("Điều tra XHH <strong data-field=\"survey\">2</strong> / 2"), areaOf(html, "7"));
        assertTrue(html.contains("<option value=\"7.2\" data-rule-type=\"RATIO\">"), "the what-if panel offers 7.2");
        assertFalse(html.contains("<option value=\"6.3.2\""), "but not a leaf that is not applicable");

        given().contentType("application/json").body("{\"indicators\":[{\"code\":\"7.2\",\"numerator\":45,\"denominator\":50}]}")
                .post("/ui/plans/{plan}/what-if", plan).then().statusCode(200)
                .body("projected", org.hamcrest.Matchers.equalTo(90.29f)); // 89.62 + 0.67: 7.2 at 4
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void theRankingDownloadsAsAWorkbookAndThePlanPageChartsEachArea() throws Exception {
        int year = 2093; // a year no other test uses (ScoringFlowTest ranks 2091, the list test 2092)
        UUID plan = publish(withYear(year));
        byte[] xlsx = given().queryParam("year", year).get("/api/scores/ranking.xlsx").then().statusCode(200)
                .header("Content-Disposition", containsString("xep-hang-chi-so-cchc-2093.xlsx"))
                .extract().asByteArray();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx))) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("Xếp hạng");
            assertTrue(sheet.getRow(0).getCell(0).getStringCellValue().endsWith("năm 2093"));
            assertEquals("Cơ sở", sheet.getRow(3).getCell(3).getStringCellValue());
            org.apache.poi.ss.usermodel.Row line = sheet.getRow(4);
            assertEquals(1, (int) line.getCell(0).getNumericCellValue());
            assertEquals("Sở Lao động - Thương binh và Xã hội", line.getCell(1).getStringCellValue());
            assertEquals("Dự kiến", line.getCell(3).getStringCellValue(), "no appraisal closed yet");
            assertEquals(89.62, line.getCell(4).getNumericCellValue(), 1e-9);
            assertEquals("B", line.getCell(7).getStringCellValue());
            assertEquals(null, sheet.getRow(5), "one plan in 2093");
        }
        given().get("/ui/ranking.xlsx").then().statusCode(200).contentType(containsString("spreadsheetml"));

        String html = given().get("/ui/plans/{plan}", plan).then().statusCode(200).extract().asString();
        String bars = between(html, "<g data-chart-area=\"7\"", "</g>");
        // area 7: 17.04 of 20 → 85.2 % of the 600-unit frame = 511.2; target 18 → 540; final none yet → 0
        assertTrue(bars.contains("width=\"511.2\" class=\"chart-projected\""), bars);
        assertTrue(bars.contains("width=\"540\" class=\"chart-target\""), bars);
        assertTrue(bars.contains("width=\"0\" class=\"chart-final\""), bars);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static UUID publish(ObjectNode snapshot) {
        UUID plan = UUID.fromString(snapshot.get("planId").asText());
        Events.plan(plan, 1, snapshot, FEBRUARY);
        Scores.awaitSequence(plan, 1);
        return plan;
    }

    private static ObjectNode withYear(int year) {
        ObjectNode json = SeedPlan.json(UUID.randomUUID());
        json.put("year", year);
        return json;
    }

    private URI uri(String path) throws Exception {
        return root.toURI().resolve(path);
    }

    private static SseClient.Event nextOf(SseClient client, UUID plan) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Event event = client.next(Duration.ofMillis(500));
            if (event != null && event.id().startsWith(plan.toString())) {
                return event;
            }
        }
        throw new AssertionError("no event of plan " + plan);
    }

    /** The section of an area on the plan page. */
    private static String areaOf(String html, String code) {
        return between(html, "<section class=\"area\" data-area=\"" + code + "\">", "</section>");
    }

    /** The row of a criterion in the plan page's criteria table. */
    private static String criterionRow(String html, String code) {
        return between(html, "<tr data-criterion=\"" + code + "\"", "</tr>");
    }

    /** The row of a plan in the list. */
    private static String rankingRow(String html, UUID plan) {
        return between(html, "<tr data-plan=\"" + plan + "\"", "</tr>");
    }

    /** An at-risk criterion's item, up to the next criterion's. */
    private static String itemOf(String list, String code) {
        Matcher m = Pattern.compile("<li data-criterion=\"" + Pattern.quote(code) + "\">(.*?)</ul>\\s*</li>", Pattern.DOTALL)
                .matcher(list);
        assertTrue(m.find(), "no at-risk item " + code + " in " + list);
        return m.group(1);
    }

    private static String between(String html, String start, String end) {
        int from = html.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in the page");
        int to = html.indexOf(end, from + start.length());
        assertTrue(to >= 0, "no " + end + " after " + start);
        return html.substring(from, to);
    }

    private static int count(String html, String part) {
        int n = 0;
        for (int i = html.indexOf(part); i >= 0; i = html.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
