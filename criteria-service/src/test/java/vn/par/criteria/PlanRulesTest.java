package vn.par.criteria;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import vn.par.criteria.importing.PlanFixtures;
import vn.par.infra.events.EventEnvelope;
import vn.par.stack.testing.TestInfra;

/** Scoring rules, "not applicable" and the import's proposals through the HTTP API (docs/contracts/scoring-rules.md). */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "admin", roles = "admin")
class PlanRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** 6.1.2 "Tổ chức thực hiện các kiến nghị sau thanh tra..." has a maximum of 2 in the seed. */
    private static final String THREE_TIERS = "{'type':'TIERS','options':["
            + "{'key':'DU','label':'Thực hiện đầy đủ','points':2.0},"
            + "{'key':'MOT_PHAN','label':'Thực hiện một phần','points':1},"
            + "{'key':'KHONG','label':'Không thực hiện','points':0}]}";
    private static final String THREE_TIERS_CANONICAL = "{\"type\":\"TIERS\",\"options\":["
            + "{\"key\":\"DU\",\"label\":\"Thực hiện đầy đủ\",\"points\":2},"
            + "{\"key\":\"MOT_PHAN\",\"label\":\"Thực hiện một phần\",\"points\":1},"
            + "{\"key\":\"KHONG\",\"label\":\"Không thực hiện\",\"points\":0}]}";
    private static final String SEED_611_PROPOSAL = "{\"type\":\"TIERS\",\"options\":["
            + "{\"key\":\"KHONG_CO_SAI_PHAM_VE_KINH_PHI_QUAN_LY\",\"label\":\"Không có sai phạm về kinh phí quản lý hành"
            + " chính được phát hiện trong năm đánh giá\",\"points\":1},"
            + "{\"key\":\"CO_SAI_PHAM_VE_KINH_PHI_QUAN_LY_HANH\",\"label\":\"Có sai phạm về kinh phí quản lý hành chính"
            + " được phát hiện trong năm đánh giá\",\"points\":0}]}";

    @BeforeAll
    static void exactNumbers() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    @Test
    void aRuleSetOnALeafIsShownAuditedAndAnnouncedWithTheNextVersion() throws Exception {
        try (PlanEventsProbe probe = new PlanEventsProbe()) {
            String id = TestPlans.importSeedAndPublish(2081);
            JsonNode v1 = JSON.readTree(probe.await(id, Duration.ofSeconds(30), e -> !e.isEmpty()).get(0).data());
            // the default rule of a leaf, nothing for a parent; the row's own lead units even without a task
            assertEquals("{\"type\":\"MANUAL\"}", criterion(v1, "6.1.2").get("rule").toString());
            assertTrue(criterion(v1, "6.1").get("rule").isNull() && criterion(v1, "6.1").get("ruleDescription").isNull());
            assertEquals("[\"KHTC\"]", criterion(v1, "6.3.2").get("leadUnits").toString());
            assertEquals("[]", criterion(v1, "6.3").get("leadUnits").toString());

            rule(id, "6.1.2", "{'rule':" + THREE_TIERS + ",'reason':'Theo bộ tiêu chí của tỉnh'}").statusCode(200)
                    .body("version", equalTo(2));

            given().get("/api/plans/" + id).then().statusCode(200)
                    .body(path("6.1.2") + ".rule.type", equalTo("TIERS"))
                    .body(path("6.1.2") + ".rule.options.key", contains("DU", "MOT_PHAN", "KHONG"))
                    .body(path("6.1.2") + ".rule.options.points", contains(Decimal.is("2"), Decimal.is("1"), Decimal.is("0")))
                    .body(path("6.1.2") + ".ruleDescription",
                            equalTo("Thực hiện đầy đủ: 2 điểm; Thực hiện một phần: 1 điểm; Không thực hiện: 0 điểm"))
                    .body(path("6.1.2") + ".applicable", equalTo(true))
                    .body(path("6.1.2") + ".notApplicableReason", nullValue())
                    .body(path("6.1.2") + ".proposedRule", nullValue())
                    .body(path("6.1.2") + ".leadUnits", contains("KHTC"))
                    .body(path("6.1.3") + ".rule.type", equalTo("MANUAL"))
                    .body(path("6.1.3") + ".ruleDescription", equalTo("Tự đánh giá, chấm điểm: đơn vị khai số điểm đạt được"))
                    .body(path("6.1") + ".rule", nullValue())
                    .body(path("6.1") + ".applicable", equalTo(true));

            EventEnvelope changed = probe.await(id, Duration.ofSeconds(30), e -> e.size() >= 2).get(1);
            assertEquals("PlanChanged", changed.type());
            JsonNode v2 = JSON.readTree(changed.data());
            assertEquals(2, v2.get("version").asInt());
            JsonNode c612 = criterion(v2, "6.1.2");
            assertEquals(THREE_TIERS_CANONICAL, c612.get("rule").toString());
            assertEquals("Thực hiện đầy đủ: 2 điểm; Thực hiện một phần: 1 điểm; Không thực hiện: 0 điểm",
                    c612.get("ruleDescription").asText());
            assertTrue(c612.get("applicable").asBoolean());
            assertTrue(c612.get("notApplicableReason").isNull() && c612.get("proposedRule").isNull());

            given().get("/api/plans/" + id + "/history").then()
                    .body("action", contains("CRITERION_UPDATED", "PUBLISHED", "IMPORTED"))
                    .body("[0].target", equalTo("6.1.2"))
                    .body("[0].field", equalTo("rule"))
                    .body("[0].oldValue", equalTo("{\"type\":\"MANUAL\"}"))
                    .body("[0].newValue", equalTo(THREE_TIERS_CANONICAL))
                    .body("[0].reason", equalTo("Theo bộ tiêu chí của tỉnh"))
                    .body("[0].planVersion", equalTo(2));
        }
    }

    @Test
    void everyBadRuleIsRefusedWithItsFieldAndChangesNothing() {
        String id = TestPlans.importSeedAndPublish(2082);
        Map<String, String> refused = Map.ofEntries(
                Map.entry("{'rule':{'type':'PERCENT'}}", "rule.type"),
                Map.entry("{'rule':{'type':'TIERS','options':[{'key':'A','label':'a','points':1},"
                        + "{'key':'A','label':'b','points':0}]}}", "rule.options[1].key"),
                Map.entry("{'rule':{'type':'TIERS','options':[{'key':'A','label':'a','points':2.5},"
                        + "{'key':'B','label':'b','points':0}]}}", "rule.options[0].points"),
                Map.entry("{'rule':{'type':'TIERS','options':[{'key':'A','label':'a','points':1.00001},"
                        + "{'key':'B','label':'b','points':0}]}}", "rule.options[0].points"),
                Map.entry("{'rule':{'type':'BRACKETS','brackets':[{'min':8,'max':4,'points':1}]}}", "rule.brackets[0].max"),
                Map.entry("{'rule':{'type':'BRACKETS','brackets':[{'min':4,'max':8,'maxInclusive':true,'points':1},"
                        + "{'min':8,'points':2}]}}", "rule.brackets[1]"),
                Map.entry("{'rule':{'type':'RATIO','fullAt':0}}", "rule.fullAt"),
                Map.entry("{'rule':{'type':'RATIO','whenNoCases':3}}", "rule.whenNoCases"),
                Map.entry("{'rule':{'type':'COUNT'}}", "rule.perUnit"),
                Map.entry("{'rule':{'type':'DEDUCTION','perViolation':0}}", "rule.perViolation"),
                Map.entry("{'rule':{'type':'MANUAL','points':1}}", "rule.points"),
                Map.entry("{'reason':'quên quy tắc'}", "rule"),
                Map.entry("{'rule':{'type':'SURVEY'},'reason':'" + "x".repeat(1001) + "'}", "reason"));
        refused.forEach((body, field) -> rule(id, "6.1.2", body).statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field)));
        rule(id, "6.1.2", "{'rule':{'type':'PERCENT'}}").body("detail", startsWith("Loại quy tắc 'PERCENT' không có"));
        rule(id, "6.1", "{'rule':{'type':'SURVEY'}}").statusCode(400).body("field", equalTo("code"));
        rule(id, "9.9", "{'rule':{'type':'SURVEY'}}").statusCode(404);
        rule("00000000-0000-0000-0000-000000000009", "6.1.2", "{'rule':{'type':'SURVEY'}}").statusCode(404);
        given().get("/api/plans/" + id).then().body("version", equalTo(1)).body(path("6.1.2") + ".rule.type", equalTo("MANUAL"));
        given().get("/api/plans/" + id + "/history").then().body("action", contains("PUBLISHED", "IMPORTED"));
    }

    @Test
    void anUnchangedRuleChangesNothingUnlessItTurnsAProposalDown() {
        String id = TestPlans.importSeedAndPublish(2083);
        rule(id, "6.1.2", "{'rule':{'type':'MANUAL'}}").statusCode(200).body("version", equalTo(1));
        rule(id, "6.1.2", "{'rule':" + THREE_TIERS + "}").statusCode(200).body("version", equalTo(2));
        rule(id, "6.1.2", "{'rule':" + THREE_TIERS.replace("2.0", "2") + ",'reason':'lần nữa'}").statusCode(200)
                .body("version", equalTo(2));
        // 6.1.1 has the import's proposal: keeping MANUAL turns it down, which is a change
        rule(id, "6.1.1", "{'rule':{'type':'MANUAL'},'reason':'Tự chấm'}").statusCode(200).body("version", equalTo(3))
                .body(path("6.1.1") + ".proposedRule", nullValue())
                .body(path("6.1.1") + ".proposedRuleSource", nullValue())
                .body(path("6.1.1") + ".rule.type", equalTo("MANUAL"));
        given().get("/api/plans/" + id + "/history").then()
                .body("action", contains("CRITERION_UPDATED", "CRITERION_UPDATED", "PUBLISHED", "IMPORTED"))
                .body("[0].field", equalTo("proposedRule"))
                .body("[0].oldValue", equalTo(SEED_611_PROPOSAL))
                .body("[0].newValue", nullValue())
                .body("[0].reason", equalTo("Tự chấm"));
    }

    @Test
    void theSeedsOutcomesAreProposedNeverAppliedAndCanBeAccepted() {
        TestPlans.ensureSampleUnits();
        String id = TestPlans.importSeed(TestPlans.AGENCY, 2084).then().statusCode(201)
                .body("ruleProposals", equalTo(2)).extract().path("planId");
        given().get("/api/plans/" + id).then().statusCode(200)
                .body(path("6.1.1") + ".rule.type", equalTo("MANUAL"))
                .body(path("6.1.1") + ".proposedRule.type", equalTo("TIERS"))
                .body(path("6.1.1") + ".proposedRule.options.key",
                        contains("KHONG_CO_SAI_PHAM_VE_KINH_PHI_QUAN_LY", "CO_SAI_PHAM_VE_KINH_PHI_QUAN_LY_HANH"))
                .body(path("6.1.1") + ".proposedRule.options.points", contains(Decimal.is("1"), Decimal.is("0")))
                .body(path("6.1.1") + ".proposedRuleSource", startsWith("- Không có sai phạm về kinh phí quản lý hành chính"))
                .body(path("1.3.1") + ".proposedRule.type", equalTo("BRACKETS"))
                .body(path("1.3.1") + ".proposedRule.brackets.min", contains(Decimal.is("8"), nullValue()))
                .body(path("1.3.1") + ".proposedRule.brackets.points", contains(Decimal.is("2"), Decimal.is("0")))
                .body(path("1.3.1") + ".proposedRuleSource",
                        equalTo("Năm 2024 Có từ 08 tin, bài viết tuyên truyền về CCHC trở lên"))
                // the parent 1.3 states the same text, but only leaves carry rules
                .body(path("1.3") + ".proposedRule", nullValue())
                .body(path("7.2") + ".leadUnits", contains("LDVL", "TTDVVL"))
                .body(path("6") + ".leadUnits", hasSize(0));

        accept(id, "6.1.1", "{'reason':'Đúng bộ tiêu chí'}").statusCode(200).body("version", equalTo(0))
                .body(path("6.1.1") + ".rule.type", equalTo("TIERS"))
                .body(path("6.1.1") + ".ruleDescription", equalTo("Không có sai phạm về kinh phí quản lý hành chính được"
                        + " phát hiện trong năm đánh giá: 1 điểm; Có sai phạm về kinh phí quản lý hành chính được phát hiện"
                        + " trong năm đánh giá: 0 điểm"))
                .body(path("6.1.1") + ".proposedRule", nullValue())
                .body(path("6.1.1") + ".proposedRuleSource", nullValue());
        given().get("/api/plans/" + id + "/history").then()
                .body("[0].field", equalTo("rule")).body("[0].target", equalTo("6.1.1"))
                .body("[0].oldValue", equalTo("{\"type\":\"MANUAL\"}")).body("[0].newValue", equalTo(SEED_611_PROPOSAL))
                .body("[0].reason", equalTo("Đúng bộ tiêu chí"));

        // accepted once; 6.1.2 never had one; a parent has no rule at all
        given().contentType("application/json").post(acceptPath(id, "6.1.1")).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("không có quy tắc chấm điểm đề xuất"));
        given().contentType("application/json").post(acceptPath(id, "6.1.2")).then().statusCode(409);
        accept(id, "6.1", "{}").statusCode(400).body("field", equalTo("code"));

        // a proposal above a maximum lowered since the import is not applied
        given().contentType("application/json").body(Map.of("maxPoints", 1, "baselinePoints", 1, "targetPoints", 1))
                .patch("/api/plans/" + id + "/criteria/1.3.1").then().statusCode(200);
        accept(id, "1.3.1", "{}").statusCode(409).body("detail", containsString("không còn dùng được"));
        given().get("/api/plans/" + id).then().body(path("1.3.1") + ".rule.type", equalTo("MANUAL"))
                .body(path("1.3.1") + ".proposedRule.type", equalTo("BRACKETS"));
    }

    @Test
    void aClosedPlanTakesNoRuleFlagOrProposal() {
        String id = TestPlans.importSeedAndPublish(2085);
        given().contentType("application/json").post("/api/plans/" + id + "/close").then().statusCode(200);
        rule(id, "6.1.2", "{'rule':{'type':'SURVEY'}}").statusCode(409).contentType("application/problem+json");
        accept(id, "6.1.1", "{}").statusCode(409);
        patch(id, "6.3.2", "{'applicable':false,'reason':'Không có đơn vị SNCL'}").statusCode(409);
    }

    @Test
    void notApplicableNeedsAReasonOnALeafAndAParentFollowsItsLeaves() throws Exception {
        try (PlanEventsProbe probe = new PlanEventsProbe()) {
            String id = TestPlans.importSeedAndPublish(2086);
            patch(id, "6.3.2", "{'applicable':false}").statusCode(400).body("field", equalTo("reason"));
            patch(id, "6.3.2", "{'applicable':false,'reason':'   '}").statusCode(400).body("field", equalTo("reason"));
            patch(id, "6.3.2", "{'applicable':'không','reason':'x'}").statusCode(400).body("field", equalTo("applicable"));
            patch(id, "6.3", "{'applicable':false,'reason':'x'}").statusCode(400).body("field", equalTo("applicable"));
            patch(id, "6.3.2", "{'applicable':true}").statusCode(200).body("version", equalTo(1));

            patch(id, "6.3.2", "{'applicable':false,'reason':'Sở không có đơn vị SNCL tự bảo đảm chi thường xuyên'}")
                    .statusCode(200).body("version", equalTo(2))
                    .body(path("6.3.2") + ".applicable", equalTo(false))
                    .body(path("6.3.2") + ".notApplicableReason", equalTo("Sở không có đơn vị SNCL tự bảo đảm chi thường xuyên"))
                    .body(path("6.3") + ".applicable", equalTo(true))
                    .body(path("6.3") + ".notApplicableReason", nullValue())
                    // derived values keep the table's arithmetic
                    .body(path("6.3") + ".derived.maxPoints", Decimal.is("5"));
            JsonNode v2 = JSON.readTree(probe.await(id, Duration.ofSeconds(30), e -> e.size() >= 2).get(1).data());
            assertFalse(criterion(v2, "6.3.2").get("applicable").asBoolean());
            assertEquals("Sở không có đơn vị SNCL tự bảo đảm chi thường xuyên",
                    criterion(v2, "6.3.2").get("notApplicableReason").asText());
            assertTrue(criterion(v2, "6.3").get("applicable").asBoolean());

            for (String leaf : List.of("6.1.1", "6.1.2", "6.1.3")) {
                patch(id, leaf, "{'applicable':false,'reason':'Thử'}").statusCode(200);
            }
            given().get("/api/plans/" + id).then().body("version", equalTo(5))
                    .body(path("6.1") + ".applicable", equalTo(false))
                    .body(path("6") + ".applicable", equalTo(true));
            patch(id, "6.1.3", "{'applicable':false,'reason':'Lý do mới'}").statusCode(200).body("version", equalTo(6))
                    .body(path("6.1.3") + ".notApplicableReason", equalTo("Lý do mới"));
            patch(id, "6.1.3", "{'applicable':true,'reason':'Áp dụng lại'}").statusCode(200).body("version", equalTo(7))
                    .body(path("6.1.3") + ".notApplicableReason", nullValue())
                    .body(path("6.1") + ".applicable", equalTo(true));

            given().get("/api/plans/" + id + "/history").then()
                    .body("[0].field", equalTo("applicable")).body("[0].oldValue", equalTo("false"))
                    .body("[0].newValue", equalTo("true")).body("[0].reason", equalTo("Áp dụng lại"))
                    .body("[1].field", equalTo("notApplicableReason")).body("[1].oldValue", equalTo("Thử"))
                    .body("[1].newValue", equalTo("Lý do mới"))
                    .body("[5].field", equalTo("applicable")).body("[5].target", equalTo("6.3.2"))
                    .body("[5].oldValue", equalTo("true")).body("[5].newValue", equalTo("false"));
        }
    }

    @Test
    void aMaximumCannotDropBelowThePointsOfItsRule() {
        String id = TestPlans.importSeedAndPublish(2087);
        rule(id, "6.1.2", "{'rule':" + THREE_TIERS + "}").statusCode(200);
        patch(id, "6.1.2", "{'maxPoints':1.5,'baselinePoints':1,'targetPoints':1}").statusCode(400)
                .body("field", equalTo("maxPoints"))
                .body("detail", equalTo("Điểm tối đa (1,5) nhỏ hơn mức điểm cao nhất trong quy tắc chấm điểm của tiêu chí"
                        + " 6.1.2 (2); hãy sửa quy tắc chấm điểm trước."));
        rule(id, "6.1.3", "{'rule':{'type':'RATIO','whenNoCases':1}}").statusCode(200);
        patch(id, "6.1.3", "{'maxPoints':0.5,'baselinePoints':0.5,'targetPoints':0.5}").statusCode(400)
                .body("field", equalTo("maxPoints"));
        // a rule relative to the maximum follows it
        rule(id, "6.3.6", "{'rule':{'type':'RATIO','fullAt':70}}").statusCode(200);
        patch(id, "6.3.6", "{'maxPoints':0.25,'baselinePoints':0.25,'targetPoints':0.25}").statusCode(200);
        given().get("/api/plans/" + id).then().body("version", equalTo(5))
                .body(path("6.1.2") + ".maxPoints", Decimal.is("2"));
    }

    @Test
    void leadUnitsNamedAsAGroupAreExpanded() {
        TestPlans.ensureSampleUnits();
        String seed = PlanFixtures.seedWithField(56, 7, "Các PCM, ĐVSNCL thuộc Sở");
        String id = TestPlans.importFile(TestPlans.AGENCY, 2088, TestPlans.TSV, seed.getBytes(StandardCharsets.UTF_8))
                .then().statusCode(201).extract().path("planId");
        given().get("/api/plans/" + id).then()
                .body(path("6.3.2") + ".leadUnits", contains("CDCS", "KHTC", "LDVL", "TTDVVL", "VP"));
    }

    private static ValidatableResponse rule(String id, String code, String body) {
        return given().contentType("application/json").body(body.replace('\'', '"'))
                .put("/api/plans/" + id + "/criteria/" + code + "/rule").then();
    }

    private static ValidatableResponse accept(String id, String code, String body) {
        return given().contentType("application/json").body(body.replace('\'', '"')).post(acceptPath(id, code)).then();
    }

    private static String acceptPath(String id, String code) {
        return "/api/plans/" + id + "/criteria/" + code + "/rule/accept-proposal";
    }

    private static ValidatableResponse patch(String id, String code, String body) {
        return given().contentType("application/json").body(body.replace('\'', '"'))
                .patch("/api/plans/" + id + "/criteria/" + code).then();
    }

    /** The JSON path of a criterion in the tree of {@code GET /api/plans/{id}}, at any depth. */
    private static String path(String code) {
        String[] parts = code.split("\\.");
        StringBuilder path = new StringBuilder("criteria.find { it.code == '" + parts[0] + "' }");
        String prefix = parts[0];
        for (int i = 1; i < parts.length; i++) {
            prefix = prefix + "." + parts[i];
            path.append(".children.find { it.code == '").append(prefix).append("' }");
        }
        return path.toString();
    }

    private static JsonNode criterion(JsonNode snapshot, String code) {
        for (JsonNode c : snapshot.get("criteria")) {
            if (c.get("code").asText().equals(code)) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + code);
    }
}
