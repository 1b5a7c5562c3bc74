package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import vn.par.infra.events.EventEnvelope;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

/** Indicators through the HTTP API: each rule type's points and event, the checks, who may report, idempotency. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class IndicatorTest {

    /** Numbers read back exactly: {@code 3.542857142857142857142857142857143} is not a double. */
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    PlanIndex index;

    private TestPlan published() {
        TestPlan plan = TestPlan.withRules();
        Broker.publish(plan, 1, index);
        return plan;
    }

    static String path(TestPlan plan, String code) {
        return "/api/plans/" + plan.id + "/criteria/" + code + "/indicators";
    }

    private static ExtractableResponse<Response> post(TestPlan plan, String code, String body, int status) {
        return given().contentType(ContentType.JSON).body(body).when().post(path(plan, code))
                .then().statusCode(status).extract();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> exact(String json) {
        try {
            return EXACT.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(json, e);
        }
    }

    /** A JSON number as written, compared digit for digit. */
    private static void assertNumber(String expected, Object actual) {
        assertEquals(expected, String.valueOf(actual));
    }

    private static final Set<String> ENVELOPE = Set.of("indicatorId", "planId", "criterionCode", "unit", "ruleType",
            "points", "reportedBy", "reportedAt");

    private static Map<String, Object> indicatorEvent(EventEnvelope event, String code, String... members) {
        assertEquals("IndicatorReported", event.type());
        Map<String, Object> data = exact(event.data());
        assertEquals(code, data.get("criterionCode"));
        Set<String> expected = new HashSet<>(ENVELOPE);
        expected.addAll(List.of(members));
        assertEquals(expected, data.keySet(), "exactly the fact members of the rule type: " + data);
        assertEquals("KHTC", data.get("unit"));
        assertEquals("khtc", data.get("reportedBy"));
        return data;
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void eachRuleTypeGivesItsPointsAndIsAnnouncedWithExactlyItsFact() {
        TestPlan plan = published();
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            var tiers = post(plan, "7.1", "{\"option\": \"VIOLATION\", \"comment\": \"Có 1 sai phạm\"}", 201);
            Map<String, Object> body = exact(tiers.asString());
            assertEquals("TIERS", body.get("ruleType"));
            assertEquals("VIOLATION", body.get("option"));
            assertNumber("0", body.get("points"));
            assertEquals("KHTC", body.get("unit"));
            assertEquals("khtc", body.get("reportedBy"));
            assertEquals("Có 1 sai phạm", body.get("comment"));
            assertEquals(Set.of("id", "planId", "criterionCode", "unit", "ruleType", "option", "points", "comment",
                    "evidence", "reportedBy", "reportedAt"), body.keySet());
            given().when().get(tiers.header("Location")).then().statusCode(200)
                    .body("id", equalTo(body.get("id"))).body("option", equalTo("VIOLATION"));

            // 31 × 100 × 4 / (50 × 70) = 12400 / 3500, to 34 significant digits.
            body = exact(post(plan, "7.2", "{\"numerator\": 31, \"denominator\": 50}", 201).asString());
            assertNumber("3.542857142857142857142857142857143", body.get("points"));
            assertNumber("31", body.get("numerator"));
            assertNumber("50", body.get("denominator"));
            assertNumber("2", exact(post(plan, "7.3", "{\"value\": 9}", 201).asString()).get("points"));
            assertNumber("3", exact(post(plan, "7.4", "{\"count\": 5}", 201).asString()).get("points"));
            assertNumber("0.5", exact(post(plan, "7.5", "{\"violations\": 1}", 201).asString()).get("points"));
            body = exact(post(plan, "7.7", "{\"points\": 1.5, \"comment\": \"Tự chấm\"}", 201).asString());
            assertEquals("MANUAL", body.get("ruleType"));
            assertNumber("1.5", body.get("points"));

            List<EventEnvelope> published = events.await(plan.id, 6, Duration.ofSeconds(30));
            assertEquals("VIOLATION", indicatorEvent(published.get(0), "7.1", "option").get("option"));
            Map<String, Object> ratio = indicatorEvent(published.get(1), "7.2", "numerator", "denominator");
            assertEquals("RATIO", ratio.get("ruleType"));
            assertNumber("31", ratio.get("numerator"));
            assertNumber("50", ratio.get("denominator"));
            assertNumber("3.5429", ratio.get("points")); // rounded half up to 4 decimals
            assertNumber("9", indicatorEvent(published.get(2), "7.3", "value").get("value"));
            Map<String, Object> count = indicatorEvent(published.get(3), "7.4", "count");
            assertNumber("5", count.get("count"));
            assertNumber("3", count.get("points"));
            Map<String, Object> deduction = indicatorEvent(published.get(4), "7.5", "violations");
            assertNumber("1", deduction.get("violations"));
            assertNumber("0.5", deduction.get("points"));
            // A MANUAL indicator is a self-assessment.
            EventEnvelope manual = published.get(5);
            assertEquals("SelfAssessed", manual.type());
            assertEquals("7.7", exact(manual.data()).get("criterionCode"));
            assertNumber("1.5", exact(manual.data()).get("points"));
            for (int i = 1; i < published.size(); i++) {
                assertEquals(published.get(i - 1).sequence() + 1, published.get(i).sequence(), "one per-plan sequence");
            }
        }
        given().when().get("/api/plans/{plan}/self-assessments", plan.id).then().statusCode(200)
                .body("", hasSize(1)).body("[0].criterionCode", equalTo("7.7")).body("[0].comment", equalTo("Tự chấm"));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void factsThatDoNotFitTheRuleAreBadRequestsOnTheField() {
        TestPlan plan = published();
        Map<String, String> refused = Map.ofEntries(
                Map.entry("7.2|{\"numerator\": 31, \"denominator\": 50, \"count\": 2}", "count"),
                Map.entry("7.1|{\"option\": \"KHONG_CO\"}", "option"),
                Map.entry("7.3|{\"value\": -1}", "value"),
                Map.entry("7.2|{\"numerator\": 51, \"denominator\": 50}", "numerator"),
                Map.entry("7.2|{\"numerator\": \"31\", \"denominator\": 50}", "numerator"),
                Map.entry("7.4|{\"count\": \"5\"}", "count"),
                Map.entry("7.4|{\"count\": 2.5}", "count"),
                Map.entry("7.5|{\"violations\": -1}", "violations"),
                Map.entry("7.3|{\"value\": 8.12345}", "value"),
                Map.entry("7.2|{\"numerator\": 31}", "denominator"),
                Map.entry("7.7|{\"points\": 3.5}", "points"),
                Map.entry("7.1|{\"option\": \"VIOLATION\", \"comment\": \"" + "x".repeat(2001) + "\"}", "comment"));
        refused.forEach((request, field) -> {
            String[] parts = request.split("\\|", 2);
            given().contentType(ContentType.JSON).body(parts[1]).when().post(path(plan, parts[0]))
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo(field));
        });
        given().contentType(ContentType.JSON).body("{\"numerator\": 51, \"denominator\": 50}").when().post(path(plan, "7.2"))
                .then().body("detail", equalTo("Tử số 51 lớn hơn mẫu số 50: số đạt không thể nhiều hơn tổng số."));
        given().when().get("/api/plans/{plan}/indicators", plan.id).then().statusCode(200)
                .body("findAll { it.history.size() > 0 }", hasSize(0));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aReporterCannotEnterASurveyResult() {
        TestPlan plan = published();
        given().contentType(ContentType.JSON).body("{\"percent\": 82.35}").when().post(path(plan, "7.6"))
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("quản trị viên"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdminEntersTheSurveyResultOnBehalfOfTheLeadUnit() {
        TestPlan plan = published();
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            Map<String, Object> body = exact(post(plan, "7.6", "{\"percent\": 82.35}", 201).asString());
            assertNumber("1.647", body.get("points")); // 2 × 82.35 / 100
            assertEquals("KHTC", body.get("unit"));
            assertEquals("admin", body.get("reportedBy"));
            Map<String, Object> data = exact(events.await(plan.id, 1, Duration.ofSeconds(30)).get(0).data());
            assertEquals("SURVEY", data.get("ruleType"));
            assertNumber("82.35", data.get("percent"));
            assertNumber("1.647", data.get("points"));
            assertNull(data.get("option"));
        }
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aLeafThatIsNotApplicableTakesNoIndicatorAndParentsAndUnknownsAreRefused() {
        TestPlan plan = published();
        given().contentType(ContentType.JSON).body("{\"numerator\": 1, \"denominator\": 2}").when().post(path(plan, "7.8"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Không áp dụng"));
        given().contentType(ContentType.JSON).body("{\"count\": 1}").when().post(path(plan, "7"))
                .then().statusCode(400).body("field", equalTo("code"));
        given().contentType(ContentType.JSON).body("{\"count\": 1}").when().post(path(plan, "7.99"))
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"count\": 1}")
                .when().post("/api/plans/" + UUID.randomUUID() + "/criteria/7.4/indicators")
                .then().statusCode(404).contentType("application/problem+json");
        plan.status = "CLOSED";
        Broker.publish(plan, 2, index);
        given().contentType(ContentType.JSON).body("{\"count\": 1}").when().post(path(plan, "7.4"))
                .then().statusCode(409).body("detail", containsString("CLOSED"));
    }

    @Test
    @TestSecurity(user = "vp", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void aCoordinatingUnitCannotReportTheIndicator() {
        TestPlan plan = published();
        given().contentType(ContentType.JSON).body("{\"count\": 1}").when().post(path(plan, "7.4"))
                .then().statusCode(403).body("detail", containsString("VP"));
    }

    @Test
    @TestSecurity(user = "ldvl", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "LDVL"))
    void aLeafWithoutTasksTakesTheLeadUnitOfItsRowAndNoOtherUnit() {
        TestPlan plan = published();
        Map<String, Object> body = exact(post(plan, "7.9", "{\"count\": 1}", 201).asString());
        assertEquals("LDVL", body.get("unit"));
        assertNumber("1", body.get("points"));
        // LDVL has no part in 7.4.
        given().contentType(ContentType.JSON).body("{\"count\": 1}").when().post(path(plan, "7.4"))
                .then().statusCode(403).body("detail", containsString("LDVL"));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aSelfAssessmentOfALeafScoredByAnotherRuleIsAConflict() {
        TestPlan plan = published();
        given().contentType(ContentType.JSON).body("{\"points\": 2}")
                .when().post("/api/plans/" + plan.id + "/criteria/7.2/self-assessments")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("hãy báo cáo chỉ số"));
        given().contentType(ContentType.JSON).body("{\"points\": 2}")
                .when().post("/api/plans/" + plan.id + "/criteria/7.7/self-assessments")
                .then().statusCode(201);
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aRetryWithTheSameKeyGetsTheOriginalAndAnotherBodyIsUnprocessable() {
        TestPlan plan = published();
        String key = UUID.randomUUID().toString();
        String manualKey = UUID.randomUUID().toString();
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{\"numerator\": 31, \"denominator\": 50}").when().post(path(plan, "7.2"))
                    .then().statusCode(201).extract().path("id");
            // The same request, spelled differently.
            given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{ \"denominator\": 50.0,\n \"numerator\": 31 }").when().post(path(plan, "7.2"))
                    .then().statusCode(200).body("id", equalTo(id));
            given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{\"numerator\": 32, \"denominator\": 50}").when().post(path(plan, "7.2"))
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("urn:par:problem:idempotency-key-reused"))
                    .body("field", equalTo("Idempotency-Key"));
            // A MANUAL indicator (a self-assessment) too.
            String assessment = given().contentType(ContentType.JSON).header("Idempotency-Key", manualKey)
                    .body("{\"points\": 2}").when().post(path(plan, "7.7"))
                    .then().statusCode(201).extract().path("id");
            given().contentType(ContentType.JSON).header("Idempotency-Key", manualKey)
                    .body("{\"points\": 2}").when().post(path(plan, "7.7"))
                    .then().statusCode(200).body("id", equalTo(assessment)).body("ruleType", equalTo("MANUAL"));
            given().contentType(ContentType.JSON).header("Idempotency-Key", manualKey)
                    .body("{\"points\": 2.5}").when().post(path(plan, "7.7"))
                    .then().statusCode(422);

            events.await(plan.id, 2, Duration.ofSeconds(30));
            assertEquals(2, events.settle(plan.id, Duration.ofSeconds(2)).size(), "events of the plan on par.progress");
        }
        given().when().get("/api/plans/{plan}/self-assessments", plan.id).then().body("", hasSize(1));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void concurrentIdenticalRequestsStoreOneIndicatorOrSelfAssessmentAndEmitOneEventEach() throws Exception {
        TestPlan plan = published();
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            assertOneStored(plan, "7.2", "{\"numerator\": 31, \"denominator\": 50}");
            assertOneStored(plan, "7.7", "{\"points\": 2}");
            events.await(plan.id, 2, Duration.ofSeconds(30));
            assertEquals(2, events.settle(plan.id, Duration.ofSeconds(2)).size(), "events of the plan on par.progress");
        }
        given().when().get("/api/plans/{plan}/indicators", plan.id).then().statusCode(200)
                .body("find { it.criterionCode == '7.2' }.history", hasSize(1))
                .body("find { it.criterionCode == '7.7' }.history", hasSize(1));
    }

    /** Eight callers send the same request with the same key at once: one 201, seven 200 with the same id. */
    private static void assertOneStored(TestPlan plan, String code, String body) throws Exception {
        String key = UUID.randomUUID().toString();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                            .when().post(path(plan, code));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Future<Response> r : responses) {
                statuses.add(r.get().statusCode());
                ids.add(r.get().path("id"));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "created: " + statuses);
            assertEquals(callers - 1, statuses.stream().filter(s -> s == 200).count(), "replayed: " + statuses);
            assertEquals(1, ids.size(), "ids: " + ids);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void thePlansListShowsEachLeafsRuleTheIndicatorThatCountsAndItsHistory() {
        TestPlan plan = published();
        String first = post(plan, "7.2", "{\"numerator\": 31, \"denominator\": 50}", 201).path("id");
        String second = post(plan, "7.2", "{\"numerator\": 45, \"denominator\": 50}", 201).path("id");
        post(plan, "7.4", "{\"count\": 2}", 201);

        Map<String, Object> ratio = leaf(plan, "7.2");
        assertEquals("Tỷ lệ hồ sơ trực tuyến", ratio.get("criterionTitle"));
        assertEquals("7", ratio.get("areaCode"));
        assertEquals(exact(TestPlan.RATIO), ratio.get("rule"));
        assertEquals("Tỷ lệ hồ sơ trực tuyến × 4 điểm, đủ điểm từ 70%", ratio.get("ruleDescription"));
        assertEquals(true, ratio.get("applicable"));
        assertNumber("4", ratio.get("maxPoints"));
        assertEquals(second, ((Map<?, ?>) ratio.get("latest")).get("id"));
        assertNumber("4", ratio.get("points"));
        List<?> history = (List<?>) ratio.get("history");
        assertEquals(List.of(second, first), history.stream().map(h -> ((Map<?, ?>) h).get("id")).toList());

        Map<String, Object> notApplicable = leaf(plan, "7.8");
        assertEquals(false, notApplicable.get("applicable"));
        assertEquals("Sở không có đơn vị sự nghiệp tự chủ tài chính", notApplicable.get("notApplicableReason"));
        assertNull(notApplicable.get("latest"));
        given().when().get("/api/plans/{plan}/indicators", plan.id).then().statusCode(200)
                .body("criterionCode", equalTo(List.of("7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9")));

        // The rule of 7.4 becomes MANUAL: the count is kept in the history but no longer counts, until a
        // self-assessment does.
        Broker.publish(plan.rule("7.4", TestPlan.MANUAL, "Tự chấm điểm"), 2, index);
        Map<String, Object> manual = leaf(plan, "7.4");
        assertNull(manual.get("latest"));
        assertNull(manual.get("points"));
        assertEquals("COUNT", ((Map<?, ?>) ((List<?>) manual.get("history")).get(0)).get("ruleType"));
        post(plan, "7.4", "{\"count\": 1}", 400);
        String assessed = post(plan, "7.4", "{\"points\": 2.5}", 201).path("id");
        manual = leaf(plan, "7.4");
        assertEquals(assessed, ((Map<?, ?>) manual.get("latest")).get("id"));
        assertNumber("2.5", manual.get("points"));
        assertEquals(2, ((List<?>) manual.get("history")).size());
        given().when().get("/api/plans/{plan}/indicators/{id}", plan.id, assessed).then().statusCode(200)
                .body("ruleType", equalTo("MANUAL")).body("option", nullValue());
        given().when().get("/api/plans/{plan}/indicators/{id}", plan.id, UUID.randomUUID()).then().statusCode(404);
    }

    /** The leaf's entry of the plan's indicators, numbers exact. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> leaf(TestPlan plan, String code) {
        String json = given().when().get("/api/plans/{plan}/indicators", plan.id).then().statusCode(200).extract().asString();
        try {
            List<Map<String, Object>> leaves = EXACT.readValue(json, List.class);
            return leaves.stream().filter(l -> code.equals(l.get("criterionCode"))).findFirst().orElseThrow();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(json, e);
        }
    }
}
