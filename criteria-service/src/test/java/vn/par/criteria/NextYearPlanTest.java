package vn.par.criteria;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import vn.par.criteria.ScoresFixture.Leaf;
import vn.par.criteria.ScoresFixture.Points;
import vn.par.stack.testing.TestInfra;

/**
 * {@code POST /api/plans/{id}/next-year} through HTTP against a stub of scoring-service's scores: the known answers
 * (last year's points from the final points of a closed appraisal, or from the projection with a warning), what is
 * carried over, the targets, the audit trail on both plans, and the refusals, after which nothing exists.
 */
@QuarkusTest
@TestProfile(ServiceStubs.Profile.class)
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class NextYearPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final BigDecimal TWO = new BigDecimal("2");
    private static final BigDecimal FOUR = new BigDecimal("4");
    private static final String PROJECTED_WARNING = "Điểm năm trước lấy từ điểm dự kiến, chưa có kết quả thẩm định"
            + " chính thức năm ";

    @BeforeAll
    static void startStubs() {
        ServiceStubs.start();
    }

    @AfterEach
    void stubsBackToNormal() {
        ServiceStubs.reset();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void fromAClosedAppraisalLastYearsPointsAreTheFinalPoints() throws Exception {
        String old = TestPlans.importSeedAndPublish(2032);
        given().contentType("application/json").post("/api/plans/" + old + "/close").then().statusCode(200);
        List<Leaf> leaves = ScoresFixture.leaves(old);
        // The appraisal contract's known answer: every leaf final at its baseline but 6.1.2 = 2 and 7.2 = 4 (90.96).
        // The projection says something else, so taking the wrong figure shows.
        ServiceStubs.SCORING.answer(ScoresFixture.answer(leaves, "FINAL", l -> new Points(l.target(), l.target(),
                l.baseline(), finalPoints(l))));
        ServiceStubs.SCORING.authorizations.clear();

        Response created = given().contentType("application/json").post("/api/plans/" + old + "/next-year");
        created.then().statusCode(201).header("Location", endsWith("/api/plans/" + created.path("id")))
                .body("year", equalTo(2033)).body("baselineYear", equalTo(2032)).body("status", equalTo("DRAFT"))
                .body("version", equalTo(0)).body("agency.name", equalTo(TestPlans.AGENCY))
                .body("source", equalTo("Kế hoạch năm 2032 (mã " + old + ")"));
        JsonNode draft = JSON.readTree(created.asString());
        assertEquals(0, new BigDecimal("90.96").compareTo(draft.at("/derivedTotals/baselinePoints").decimalValue()),
                "the draft's derived baseline is the final total: " + draft.at("/derivedTotals"));
        assertEquals(0, TWO.compareTo(criterion(draft, "6.1.2").get("baselinePoints").decimalValue()));
        assertEquals(0, FOUR.compareTo(criterion(draft, "7.2").get("baselinePoints").decimalValue()));
        assertEquals(List.of(), messages(draft), "final points: nothing to warn about");
        assertEquals(List.of("/api/plans/" + old + "/scores"), ServiceStubs.SCORING.paths);
        assertTrue(ServiceStubs.SCORING.authorizations.get(0).matches("Bearer \\S{20,}"),
                "the caller's access token goes along: " + ServiceStubs.SCORING.authorizations);

        String id = created.path("id");
        given().get("/api/plans/" + id + "/history").then().statusCode(200)
                .body("[0].action", equalTo("CREATED_FROM_PLAN")).body("[0].target", equalTo(old))
                .body("[0].newValue", equalTo("tạo từ kế hoạch năm 2032 (mã " + old
                        + "), điểm năm trước = điểm chính thức"))
                .body("[0].actor", equalTo("admin")).body("[0].planVersion", equalTo(0));
        given().get("/api/plans/" + old + "/history").then().statusCode(200)
                .body("[0].action", equalTo("NEXT_YEAR_DRAFTED")).body("[0].target", equalTo(id))
                .body("[0].newValue", equalTo("tạo bản nháp kế hoạch năm 2033 (mã " + id
                        + "), điểm năm trước = điểm chính thức"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void fromAnOpenPlanLastYearsPointsAreTheProjectedPointsWithAWarning() throws Exception {
        String old = TestPlans.importSeedAndPublish(2034);
        List<Leaf> leaves = ScoresFixture.leaves(old);
        // The known answer: the only report is 6.1.2 DONE, so 6.1.2 projects to its target 2 (90.29). The
        // self-assessment and the appraisal say something else.
        ServiceStubs.SCORING.answer(ScoresFixture.answer(leaves, "PROJECTED", l -> new Points(
                l.code().equals("6.1.2") ? TWO : l.baseline(), l.max(), l.target(), null)));

        Response created = given().contentType("application/json").post("/api/plans/" + old + "/next-year");
        created.then().statusCode(201).body("year", equalTo(2035)).body("baselineYear", equalTo(2034));
        JsonNode draft = JSON.readTree(created.asString());
        assertEquals(0, new BigDecimal("90.29").compareTo(draft.at("/derivedTotals/baselinePoints").decimalValue()),
                draft.at("/derivedTotals").toString());
        assertEquals(0, TWO.compareTo(criterion(draft, "6.1.2").get("baselinePoints").decimalValue()));
        assertEquals(List.of("-: " + PROJECTED_WARNING + "2034: hãy cập nhật khi có kết quả."), messages(draft));
        given().get("/api/plans/" + created.path("id") + "/history").then().statusCode(200)
                .body("[0].newValue", endsWith("điểm năm trước = điểm dự kiến"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void theTreeRulesFlagsUnitsAndTasksAreCarriedOverWithDueDatesAYearLater() throws Exception {
        String old = TestPlans.importSeedAndPublish(2036);
        String plan = "/api/plans/" + old;
        given().contentType("application/json").post(plan + "/criteria/6.1.1/rule/accept-proposal").then().statusCode(200);
        given().contentType("application/json").body(Map.of("applicable", false, "reason", "Sở không có đơn vị sự nghiệp"))
                .patch(plan + "/criteria/6.3.2").then().statusCode(200);
        given().contentType("application/json").body(Map.of("description", "Quyết toán năm", "leadUnits", List.of("KHTC"),
                "coordinatingUnits", List.of("VP", "LDVL"), "dueDate", "2036-02-29")).post(plan + "/criteria/6.1.2/tasks")
                .then().statusCode(201);
        given().contentType("application/json").body(Map.of("description", "Báo cáo 6 tháng", "leadUnits", List.of("VP"),
                "dueDate", "2036-06-30")).post(plan + "/criteria/1.1/tasks").then().statusCode(201);
        List<Leaf> leaves = ScoresFixture.leaves(old);
        ServiceStubs.SCORING.answer(ScoresFixture.answer(leaves, "FINAL", l -> l.code().equals("6.3.2") ? null
                : new Points(l.baseline(), l.baseline(), l.baseline(), l.baseline())));

        JsonNode before = JSON.readTree(given().get(plan).then().statusCode(200).extract().asString());
        JsonNode draft = JSON.readTree(given().contentType("application/json").post(plan + "/next-year").then()
                .statusCode(201).extract().asString());

        List<JsonNode> was = flat(before);
        List<JsonNode> now = flat(draft);
        assertEquals(was.size(), now.size());
        for (int i = 0; i < was.size(); i++) {
            JsonNode a = was.get(i);
            JsonNode b = now.get(i);
            String code = a.get("code").asText();
            for (String field : List.of("code", "title", "leaf", "maxPoints", "note", "rule", "applicable",
                    "notApplicableReason", "proposedRule", "proposedRuleSource", "leadUnits")) {
                assertEquals(a.get(field), b.get(field), code + " " + field);
            }
            assertEquals(a.get("tasks").size(), b.get("tasks").size(), code + " tasks");
            for (int t = 0; t < a.get("tasks").size(); t++) {
                JsonNode ta = a.get("tasks").get(t);
                JsonNode tb = b.get("tasks").get(t);
                assertEquals(ta.get("description"), tb.get("description"));
                assertEquals(ta.get("leadUnits"), tb.get("leadUnits"));
                assertEquals(ta.get("coordinatingUnits"), tb.get("coordinatingUnits"));
                assertTrue(!ta.get("id").equals(tb.get("id")), "a task of its own, without the old one's progress");
            }
            if (!a.get("leaf").asBoolean()) {
                assertTrue(b.get("baselinePoints").isNull() && b.get("targetPoints").isNull(),
                        code + ": a parent's baseline and target are derived from its children");
            }
        }
        assertEquals(before.get("units"), draft.get("units"));
        assertEquals("TIERS", criterion(draft, "6.1.1").at("/rule/type").asText());
        assertTrue(criterion(draft, "6.3.2").get("baselinePoints").isNull(), "not applicable: no points last year");
        assertEquals(List.of("6.3.2: Tiêu chí 6.3.2 không áp dụng trong năm 2036 (lý do: Sở không có đơn vị sự nghiệp):"
                + " hãy xác nhận tiêu chí này vẫn không áp dụng trong năm 2037, hoặc bỏ đánh dấu để chấm điểm."),
                messages(draft));
        assertEquals(List.of("2037-02-28"), dueDates(criterion(draft, "6.1.2")), "29 February becomes 28 February");
        assertEquals(List.of("2037-06-30"), dueDates(criterion(draft, "1.1")));
        // derived from the copied maxima: the import's findings are still there (1.3's maximum 2 against 5)
        assertTrue(draft.get("findings").toString().contains("\"code\":\"1.3\",\"field\":\"maxPoints\""),
                draft.get("findings").toString());
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void targetsStartAtTheHigherOfThisYearsTargetAndLastYearsPointsAndAMissingFigureIsLeftEmpty() throws Exception {
        String old = TestPlans.importSeedAndPublish(2038);
        List<Leaf> leaves = ScoresFixture.leaves(old);
        // 1.3.2 (target 1) ends at 3; 7.3 (target 2) at 1; 6.3.3 (maximum 1) is sent 1.5; 6.3.5 is not sent at all
        ServiceStubs.SCORING.answer(ScoresFixture.answer(leaves, "FINAL", l -> switch (l.code()) {
            case "1.3.2" -> new Points(null, null, null, new BigDecimal("3"));
            case "7.3" -> new Points(null, null, null, new BigDecimal("1"));
            case "6.3.3" -> new Points(null, null, null, new BigDecimal("1.5"));
            case "6.3.5" -> null;
            default -> new Points(null, null, null, l.baseline());
        }));
        JsonNode draft = JSON.readTree(given().contentType("application/json").post("/api/plans/" + old + "/next-year")
                .then().statusCode(201).extract().asString());

        assertFigures(draft, "1.3.2", "3", "3");
        assertFigures(draft, "7.3", "1", "2");
        assertFigures(draft, "6.3.3", null, "0.25");
        assertFigures(draft, "6.3.5", null, "0");
        assertFigures(draft, "6.1.2", "1.33", "2");
        assertEquals(List.of(
                "6.3.3: Điểm chính thức năm 2038 của tiêu chí 6.3.3 mà hệ thống chấm điểm trả về lớn hơn điểm tối đa 1:"
                        + " điểm năm trước để trống, hãy nhập.",
                "6.3.5: Hệ thống chấm điểm không có điểm chính thức năm 2038 của tiêu chí 6.3.5: điểm năm trước để"
                        + " trống, hãy nhập."), messages(draft));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void aSecondPlanForNextYearIsAConflictAndScoringIsNotAsked() {
        String old = TestPlans.importSeedAndPublish(2044);
        String existing = TestPlans.importSeed(TestPlans.AGENCY, 2045).then().statusCode(201).extract().path("planId");
        given().contentType("application/json").post("/api/plans/" + old + "/next-year").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Đã có kế hoạch năm 2045 của " + TestPlans.AGENCY + " (mã " + existing
                        + "); không tạo thêm được."));
        String draft = TestPlans.importSeed(TestPlans.AGENCY, 2046).then().statusCode(201).extract().path("planId");
        given().contentType("application/json").post("/api/plans/" + draft + "/next-year").then().statusCode(409)
                .body("detail", containsString("còn là bản nháp"));
        assertEquals(List.of(), ServiceStubs.SCORING.paths);
        given().contentType("application/json").post("/api/plans/" + java.util.UUID.randomUUID() + "/next-year").then()
                .statusCode(404);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void withoutScoresNothingIsCreated() {
        String old = TestPlans.importSeedAndPublish(2047);
        String next = "/api/plans/" + old + "/next-year";
        ServiceStubs.stop();
        given().contentType("application/json").post(next).then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", equalTo("Chưa tạo được kế hoạch năm 2048: không kết nối được hệ thống chấm điểm, nên chưa"
                        + " có điểm năm trước. Không có gì được tạo; hãy thử lại sau."));
        ServiceStubs.start();
        ServiceStubs.SCORING.mode = ServiceStubs.Mode.ERROR;
        given().contentType("application/json").post(next).then().statusCode(503)
                .body("detail", containsString("hệ thống chấm điểm trả lời lỗi (HTTP 503)"));
        ServiceStubs.SCORING.mode = ServiceStubs.Mode.NOT_FOUND;
        given().contentType("application/json").post(next).then().statusCode(409)
                .body("detail", containsString("hệ thống chấm điểm chưa có kế hoạch này"));

        given().get("/api/plans").then().statusCode(200).body("findAll { it.year == 2048 }.size()", equalTo(0));
        given().get("/api/plans/" + old + "/history").then().statusCode(200).body("[0].action", equalTo("PUBLISHED"));
    }

    @Test
    @TestSecurity(user = "pvb", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = ScopeFixture.AGENCY_B))
    void anotherAgencysAdministratorIsRefused() {
        given().contentType("application/json").post("/api/plans/" + ScopeFixture.plans().aPublished() + "/next-year")
                .then().statusCode(403).body("detail", containsString("tài khoản của bạn chỉ quản trị "
                        + ScopeFixture.AGENCY_B));
        // its own agency's plan is its to continue: here next year (2096) already has a draft
        given().contentType("application/json").post("/api/plans/" + ScopeFixture.plans().bPublished() + "/next-year")
                .then().statusCode(409);
        assertEquals(List.of(), ServiceStubs.SCORING.paths);
    }

    @Test
    @TestSecurity(user = "snv", roles = { "appraiser", "reporter", "viewer" })
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void onlyAdministratorsMakeNextYearsPlan() {
        given().contentType("application/json").post("/api/plans/" + ScopeFixture.plans().aPublished() + "/next-year")
                .then().statusCode(403);
    }

    @Test
    void withoutATokenItIsUnauthorized() {
        given().contentType("application/json").post("/api/plans/" + java.util.UUID.randomUUID() + "/next-year").then()
                .statusCode(401);
    }

    private static BigDecimal finalPoints(Leaf l) {
        return switch (l.code()) {
            case "6.1.2" -> TWO;
            case "7.2" -> FOUR;
            default -> l.baseline();
        };
    }

    private static void assertFigures(JsonNode draft, String code, String baseline, String target) {
        JsonNode c = criterion(draft, code);
        if (baseline == null) {
            assertTrue(c.get("baselinePoints").isNull(), code + " baseline " + c.get("baselinePoints"));
        } else {
            assertEquals(0, new BigDecimal(baseline).compareTo(c.get("baselinePoints").decimalValue()), code);
        }
        assertEquals(0, new BigDecimal(target).compareTo(c.get("derived").get("targetPoints").decimalValue()),
                code + " target " + c.get("targetPoints"));
    }

    /** "code: message" of each warning, "-" for the whole plan. */
    private static List<String> messages(JsonNode plan) {
        List<String> messages = new ArrayList<>();
        plan.get("warnings").forEach(w -> messages.add((w.get("code").isNull() ? "-" : w.get("code").asText()) + ": "
                + w.get("message").asText()));
        return messages;
    }

    private static List<String> dueDates(JsonNode criterion) {
        List<String> dates = new ArrayList<>();
        criterion.get("tasks").forEach(t -> {
            if (!t.get("dueDate").isNull()) {
                dates.add(t.get("dueDate").asText());
            }
        });
        return dates;
    }

    static JsonNode criterion(JsonNode plan, String code) {
        return flat(plan).stream().filter(c -> c.get("code").asText().equals(code)).findFirst().orElseThrow();
    }

    private static List<JsonNode> flat(JsonNode plan) {
        List<JsonNode> all = new ArrayList<>();
        plan.get("criteria").forEach(c -> walk(c, all));
        return all;
    }

    private static void walk(JsonNode c, List<JsonNode> all) {
        all.add(c);
        c.get("children").forEach(child -> walk(child, all));
    }
}
