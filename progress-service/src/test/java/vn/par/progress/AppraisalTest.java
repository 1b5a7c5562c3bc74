package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import vn.par.infra.events.EventEnvelope;
import vn.par.infra.problem.ProblemException;
import vn.par.progress.appraisal.AppraisalRequests.Explain;
import vn.par.progress.appraisal.AppraisalRequests.OpenRound;
import vn.par.progress.appraisal.AppraisalService;
import vn.par.progress.appraisal.RoundService;
import vn.par.progress.assessment.SelfAssessmentRequest;
import vn.par.progress.assessment.SelfAssessmentService;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.report.ReportRequest;
import vn.par.progress.report.ReportService;
import vn.par.progress.report.ReportStatus;
import vn.par.stack.testing.TestInfra;

/**
 * The year-end appraisal through the HTTP API (docs/contracts/appraisal.md): the rounds' order and deadlines, the
 * self-assessment deadline, appraisals and explanations, the contract's known answers on the seed and its
 * AppraisalClosed read back from Kafka, and a closed plan taking no write. The appraiser calls the API; what units and
 * administrators do in between goes through the same services the API calls.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class AppraisalTest {

    private static final Caller ADMIN = new Caller("admin", null, true);
    private static final Caller KHTC = new Caller("khtc", "KHTC", false);
    private static final Caller LDVL = new Caller("ldvl", "LDVL", false);
    private static final Caller SNV = new Caller("snv", null, false, null, true, false);

    @Inject
    PlanIndex index;
    @Inject
    TestClock clock;
    @Inject
    SelfAssessmentService assessments;
    @Inject
    AppraisalService appraisals;
    @Inject
    RoundService rounds;
    @Inject
    ReportService reports;

    @AfterEach
    void putTheClockBack() {
        clock.reset();
    }

    /** A deadline {@code from} now on the service's clock, with Vietnam's offset as a person would type it. */
    private String in(Duration from) {
        return clock.instant().plus(from).atOffset(ZoneOffset.ofHours(7)).withNano(0).toString();
    }

    private static ValidatableResponse open(UUID plan, String round, String deadline) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("round", round);
        if (deadline != null) {
            body.put("deadline", deadline);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/plans/{plan}/appraisal/rounds", plan).then();
    }

    private static ValidatableResponse appraise(UUID plan, String code, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/plans/{plan}/criteria/{code}/appraisals", plan, code)
                .then();
    }

    private static Map<String, Object> sheet(UUID plan) {
        return IndicatorTest.exact(given().get("/api/plans/{plan}/appraisal", plan).then().statusCode(200).extract().asString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> leaf(Map<String, Object> sheet, String code) {
        return ((List<Map<String, Object>>) sheet.get("leaves")).stream().filter(l -> l.get("code").equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no leaf " + code + " in " + sheet));
    }

    private static void assertNumber(String expected, Object actual) {
        assertEquals(expected, String.valueOf(actual));
    }

    private static void assertConflict(Runnable write) {
        ProblemException refused = assertThrows(ProblemException.class, write::run);
        assertEquals(409, refused.problem().status(), refused.problem().detail());
    }

    @Test
    @TestSecurity(user = "snv", roles = "appraiser")
    void theSeedsKnownAnswersAndItsFrozenFiguresOnKafka() {
        UUID plan = SeedPlan.publish(index);
        Map<String, BigDecimal> baselines = SeedPlan.leafBaselines();
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            for (String code : baselines.keySet()) {
                if (code.equals("6.3.2")) {
                    continue; // its baseline is 0: left "chưa tự chấm", it adds the same 0
                }
                BigDecimal points = code.equals("6.1.2") ? new BigDecimal("2") : code.equals("7.2") ? new BigDecimal("4")
                        : baselines.get(code);
                assessments.assess(ADMIN, plan, code, new SelfAssessmentRequest(points, null, null, null));
            }
            open(plan, "SELF_ASSESSMENT", in(Duration.ofDays(10))).statusCode(201);
            // 89.62 (the baselines) + 0.67 (6.1.2: 1.33 → 2) + 0.67 (7.2: 3.33 → 4).
            Map<String, Object> sheet = sheet(plan);
            assertNumber("90.96", sheet.get("selfAssessed"));
            assertNumber("90.96", sheet.get("appraised"));
            assertNull(leaf(sheet, "6.3.2").get("selfAssessed"));
            assertEquals(26, ((List<?>) sheet.get("leaves")).size());

            open(plan, "APPRAISAL", in(Duration.ofDays(10))).statusCode(201);
            appraise(plan, "6.1.2", "{\"points\": 1.5, \"note\": \"Thiếu tài liệu kiểm chứng\"}").statusCode(201)
                    .body("round", equalTo("APPRAISAL"));
            sheet = sheet(plan);
            assertNumber("90.46", sheet.get("appraised")); // 90.96 − 0.5; 7.2 not appraised: accepted at 4
            assertEquals(true, leaf(sheet, "6.1.2").get("adjusted"));
            assertEquals("Thiếu tài liệu kiểm chứng", leaf(sheet, "6.1.2").get("appraisalNote"));
            assertEquals(false, leaf(sheet, "7.2").get("adjusted"));

            open(plan, "EXPLANATION", in(Duration.ofDays(10))).statusCode(201);
            appraisals.explain(KHTC, plan, "6.1.2", new Explain("Đã bổ sung biên bản kiểm tra", null, null));
            assertConflict(() -> appraisals.explain(LDVL, plan, "7.2", new Explain("Đủ 100%", null, null)));
            Map<String, Object> explanation = (Map<String, Object>) leaf(sheet(plan), "6.1.2").get("explanation");
            assertEquals("Đã bổ sung biên bản kiểm tra", explanation.get("text"));
            assertEquals("KHTC", explanation.get("unit"));

            open(plan, "FINAL_APPRAISAL", in(Duration.ofDays(10))).statusCode(201);
            appraise(plan, "6.1.2", "{\"points\": 2}").statusCode(201).body("round", equalTo("FINAL_APPRAISAL"));
            open(plan, "CLOSED", null).statusCode(201).body("round", equalTo("CLOSED"));

            sheet = sheet(plan);
            assertEquals("CLOSED", sheet.get("round"));
            assertNumber("90.96", sheet.get("selfAssessed"));
            assertNumber("90.46", sheet.get("appraised"));
            assertNumber("90.96", sheet.get("final"));
            assertNumber("2", leaf(sheet, "6.1.2").get("final"));
            assertNumber("0", leaf(sheet, "6.3.2").get("final"));

            // 25 self-assessments, then 5 rounds opened, 2 appraisals, 1 explanation, the close.
            List<EventEnvelope> all = events.await(plan, 25 + 9, Duration.ofSeconds(30));
            for (int i = 1; i < all.size(); i++) {
                assertEquals(all.get(i - 1).sequence() + 1, all.get(i).sequence(), "one per-plan sequence");
            }
            List<EventEnvelope> published = all.subList(25, all.size());
            assertEquals(List.of("AppraisalRoundOpened", "AppraisalRoundOpened", "LeafAppraised", "AppraisalRoundOpened",
                    "ExplanationSubmitted", "AppraisalRoundOpened", "LeafAppraised", "AppraisalRoundOpened", "AppraisalClosed"),
                    published.stream().map(EventEnvelope::type).toList());
            Map<String, Object> closed = IndicatorTest.exact(published.get(8).data());
            assertNumber("90.96", closed.get("selfAssessed"));
            assertNumber("90.46", closed.get("appraised"));
            assertNumber("90.96", closed.get("final"));
            assertEquals("snv", closed.get("closedBy"));
            List<Map<String, Object>> leaves = (List<Map<String, Object>>) closed.get("leaves");
            assertEquals(26, leaves.size());
            Map<String, Object> adjusted = leaves.stream().filter(l -> l.get("criterionCode").equals("6.1.2")).findFirst()
                    .orElseThrow();
            assertNumber("2", adjusted.get("selfAssessed"));
            assertNumber("1.5", adjusted.get("appraised"));
            assertNumber("2", adjusted.get("finalAppraised"));
            assertNumber("2", adjusted.get("final"));
            Map<String, Object> unassessed = leaves.stream().filter(l -> l.get("criterionCode").equals("6.3.2")).findFirst()
                    .orElseThrow();
            assertTrue(unassessed.containsKey("selfAssessed") && unassessed.get("selfAssessed") == null, unassessed.toString());
            assertNull(unassessed.get("appraised"));
            assertNumber("0", unassessed.get("final"));
            Map<String, Object> opened = IndicatorTest.exact(published.get(0).data());
            assertEquals("SELF_ASSESSMENT", opened.get("round"));
            assertEquals("snv", opened.get("openedBy"));
            assertNull(IndicatorTest.exact(published.get(7).data()).get("deadline"), "CLOSED has no deadline");
        }

        // Read-only after CLOSED, every write of the plan.
        appraise(plan, "6.1.2", "{\"points\": 1, \"note\": \"x\"}").statusCode(409);
        open(plan, "CLOSED", null).statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("deadline", in(Duration.ofDays(1)), "reason", "gia hạn"))
                .patch("/api/plans/{plan}/appraisal/rounds/current", plan).then().statusCode(409);
        assertConflict(() -> assessments.assess(ADMIN, plan, "1.1", new SelfAssessmentRequest(BigDecimal.ONE, null, null, null)));
        assertConflict(() -> appraisals.explain(KHTC, plan, "6.1.2", new Explain("lại", null, null)));
        UUID task = UUID.fromString(given().get("/api/plans/{plan}/tasks", plan).then().statusCode(200)
                .extract().path("tasks[0].taskId"));
        assertConflict(() -> reports.submit(new Caller("vp", "VP", false), task,
                new ReportRequest(ReportStatus.DONE, 100, null, null, null), null));
    }

    @Test
    @TestSecurity(user = "snv", roles = "appraiser")
    void roundsOpenOneAfterTheOtherWithADeadlineThatCanBeMoved() {
        TestPlan plan = TestPlan.standard();
        Broker.publish(plan, 1, index);
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            open(plan.id, "APPRAISAL", in(Duration.ofDays(1))).statusCode(409)
                    .body("detail", containsString("vòng tiếp theo là Tự đánh giá, chấm điểm (SELF_ASSESSMENT)"));
            open(plan.id, "SELF_ASSESSMENT", null).statusCode(400).body("field", equalTo("deadline"));
            open(plan.id, "SELF_ASSESSMENT", "2030-01-15T17:00:00").statusCode(400).body("field", equalTo("deadline"));
            open(plan.id, "SELF_ASSESSMENT", in(Duration.ofMinutes(-1))).statusCode(400).body("field", equalTo("deadline"))
                    .body("detail", containsString("đã qua"));
            open(plan.id, "NEXT", in(Duration.ofDays(1))).statusCode(400).body("field", equalTo("round"));
            given().contentType(ContentType.JSON).body(Map.of("deadline", in(Duration.ofDays(1)), "reason", "sớm"))
                    .patch("/api/plans/{plan}/appraisal/rounds/current", plan.id).then().statusCode(409);

            String first = "2030-01-10T17:00:00+07:00";
            open(plan.id, "SELF_ASSESSMENT", first).statusCode(201)
                    .body("round", equalTo("SELF_ASSESSMENT")).body("deadline", equalTo("2030-01-10T10:00:00Z"))
                    .body("openedBy", equalTo("snv"));
            open(plan.id, "SELF_ASSESSMENT", in(Duration.ofDays(1))).statusCode(409);
            open(plan.id, "EXPLANATION", in(Duration.ofDays(1))).statusCode(409);

            String patch = "/api/plans/{plan}/appraisal/rounds/current";
            given().contentType(ContentType.JSON).body(Map.of("deadline", "2030-01-20T17:00:00+07:00"))
                    .patch(patch, plan.id).then().statusCode(400).body("field", equalTo("reason"));
            given().contentType(ContentType.JSON).body(Map.of("deadline", in(Duration.ofHours(-1)), "reason", "lùi"))
                    .patch(patch, plan.id).then().statusCode(400).body("field", equalTo("deadline"));
            given().contentType(ContentType.JSON)
                    .body(Map.of("deadline", "2030-01-20T17:00:00+07:00", "reason", "Nhiều đơn vị đề nghị gia hạn"))
                    .patch(patch, plan.id).then().statusCode(200)
                    .body("deadline", equalTo("2030-01-20T10:00:00Z"))
                    .body("deadlineChanges", hasSize(1))
                    .body("deadlineChanges[0].previousDeadline", equalTo("2030-01-10T10:00:00Z"))
                    .body("deadlineChanges[0].reason", equalTo("Nhiều đơn vị đề nghị gia hạn"));
            given().get("/api/plans/{plan}/appraisal", plan.id).then().statusCode(200)
                    .body("round", equalTo("SELF_ASSESSMENT"))
                    .body("deadline", equalTo("2030-01-20T10:00:00Z"))
                    .body("rounds", hasSize(1))
                    .body("rounds[0].deadlineChanges[0].movedBy", equalTo("snv"));

            open(plan.id, "APPRAISAL", in(Duration.ofDays(1))).statusCode(201);
            open(plan.id, "SELF_ASSESSMENT", in(Duration.ofDays(1))).statusCode(409);

            List<EventEnvelope> published = events.await(plan.id, 3, Duration.ofSeconds(30));
            Map<String, Object> opened = IndicatorTest.exact(published.get(0).data());
            assertEquals("AppraisalRoundOpened", published.get(0).type());
            assertEquals("2030-01-10T10:00:00Z", opened.get("deadline"));
            Map<String, Object> moved = IndicatorTest.exact(published.get(1).data());
            assertEquals("AppraisalDeadlineMoved", published.get(1).type());
            assertEquals("SELF_ASSESSMENT", moved.get("round"));
            assertEquals("2030-01-20T10:00:00Z", moved.get("deadline"));
            assertEquals("2030-01-10T10:00:00Z", moved.get("previousDeadline"));
            assertEquals("Nhiều đơn vị đề nghị gia hạn", moved.get("reason"));
            assertEquals("snv", moved.get("movedBy"));
            assertEquals("APPRAISAL", IndicatorTest.exact(published.get(2).data()).get("round"));
        }
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void selfAssessmentsAndIndicatorsStopAtTheSelfAssessmentDeadlineAndReportsGoOn() {
        TestPlan plan = TestPlan.withRules();
        Broker.publish(plan, 1, index);
        String assess = "/api/plans/" + plan.id + "/criteria/7.7/self-assessments";
        given().contentType(ContentType.JSON).body("{\"points\": 1}").post(assess).then().statusCode(201);
        rounds.open(SNV, plan.id, new OpenRound("SELF_ASSESSMENT", "2030-01-10T17:00:00+07:00"));
        given().contentType(ContentType.JSON).body("{\"points\": 2}").post(assess).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"numerator\": 31, \"denominator\": 50}")
                .post(IndicatorTest.path(plan, "7.2")).then().statusCode(201);

        // 10/01/2030 17:00 in Vietnam is 10:00 UTC: one minute after it.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2030-01-10T10:01:00Z")));
        given().contentType(ContentType.JSON).body("{\"points\": 3}").post(assess).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("Đã hết hạn tự chấm điểm lúc 17:00 ngày 10/01/2030 (giờ Việt Nam)"));
        given().contentType(ContentType.JSON).body("{\"option\": \"NO_VIOLATION\"}")
                .post(IndicatorTest.path(plan, "7.1")).then().statusCode(409)
                .body("detail", containsString("17:00 ngày 10/01/2030"));
        given().contentType(ContentType.JSON).body("{\"status\": \"IN_PROGRESS\", \"percentComplete\": 40}")
                .post("/api/tasks/{task}/reports", plan.taskId(0)).then().statusCode(201);
        clock.reset();

        rounds.open(SNV, plan.id, new OpenRound("APPRAISAL", in(Duration.ofDays(1))));
        given().contentType(ContentType.JSON).body("{\"points\": 3}").post(assess).then().statusCode(409)
                .body("detail", containsString("kế hoạch đang ở vòng Thẩm định"));
        given().get("/api/plans/{plan}/self-assessments", plan.id).then().statusCode(200)
                .body("find { it.criterionCode == '7.7' }.points", equalTo(2));
    }

    @Test
    @TestSecurity(user = "snv", roles = "appraiser")
    void appraisalsFollowTheRoundsAndTheirRules() {
        TestPlan plan = TestPlan.withRules();
        Broker.publish(plan, 1, index);
        assessments.assess(KHTC, plan.id, "7.7", new SelfAssessmentRequest(new BigDecimal("2"), null, null, null));
        appraise(plan.id, "7.7", "{\"points\": 2}").statusCode(409);
        open(plan.id, "SELF_ASSESSMENT", in(Duration.ofDays(1))).statusCode(201);
        appraise(plan.id, "7.7", "{\"points\": 2}").statusCode(409).body("detail", containsString("Tự đánh giá, chấm điểm"));
        open(plan.id, "APPRAISAL", in(Duration.ofDays(1))).statusCode(201);

        appraise(plan.id, "7", "{\"points\": 1, \"note\": \"x\"}").statusCode(400).body("field", equalTo("code"));
        appraise(plan.id, "7.8", "{\"points\": 0}").statusCode(409);
        appraise(plan.id, "9.9", "{\"points\": 0}").statusCode(404);
        appraise(plan.id, "7.7", "{\"points\": 3.5, \"note\": \"x\"}").statusCode(400).body("field", equalTo("points"));
        appraise(plan.id, "7.7", "{\"points\": 1.23456, \"note\": \"x\"}").statusCode(400).body("field", equalTo("points"));
        appraise(plan.id, "7.7", "{\"points\": -1, \"note\": \"x\"}").statusCode(400).body("field", equalTo("points"));
        appraise(plan.id, "7.7", "{\"points\": 1}").statusCode(400).body("field", equalTo("note"))
                .body("detail", containsString("khác điểm tự chấm (2)"));
        appraise(plan.id, "7.7", "{\"points\": 2}").statusCode(201).body("points", equalTo(2)).body("appraisedBy", equalTo("snv"));
        appraise(plan.id, "7.7", "{\"points\": 1.25, \"note\": \"Chưa đủ căn cứ\"}").statusCode(201);
        // No self-assessment counts 0: appraised at 0 it is not adjusted and needs no note.
        appraise(plan.id, "7.1", "{\"points\": 0}").statusCode(201);

        Map<String, Object> sheet = sheet(plan.id);
        assertNumber("1.25", leaf(sheet, "7.7").get("appraised"));
        assertEquals(true, leaf(sheet, "7.7").get("adjusted"));
        assertEquals("Chưa đủ căn cứ", leaf(sheet, "7.7").get("appraisalNote"));
        assertEquals(false, leaf(sheet, "7.1").get("adjusted"));
        assertTrue(((List<Map<String, Object>>) sheet.get("leaves")).stream().noneMatch(l -> l.get("code").equals("7.8")),
                "a leaf not applicable is not on the sheet");

        open(plan.id, "EXPLANATION", in(Duration.ofDays(1))).statusCode(201);
        appraise(plan.id, "7.7", "{\"points\": 2}").statusCode(409);
        assertConflict(() -> appraisals.explain(KHTC, plan.id, "7.1", new Explain("Không có sai phạm", null, null)));
        ProblemException other = assertThrows(ProblemException.class,
                () -> appraisals.explain(new Caller("vp", "VP", false), plan.id, "7.7", new Explain("VP", null, null)));
        assertEquals(403, other.problem().status(), "a coordinating unit does not explain");
        appraisals.explain(KHTC, plan.id, "7.7", new Explain("Đã có quyết định", null, null));

        open(plan.id, "FINAL_APPRAISAL", in(Duration.ofHours(1))).statusCode(201);
        clock.advance(Duration.ofHours(2));
        appraise(plan.id, "7.7", "{\"points\": 2}").statusCode(409).body("detail", containsString("Đã hết hạn vòng Thẩm định lại"));
    }
}
