package vn.par.criteria;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import vn.par.criteria.ScopeFixture.Plans;
import vn.par.criteria.importing.PlanFixtures;
import vn.par.infra.events.EventEnvelope;
import vn.par.stack.testing.TestInfra;

/**
 * Who sees and changes which plans (docs/contracts/appraisal.md, "People and scope"): an agency's administrator its
 * own agency's only, a reporter its own agency's published plans, a viewer every published plan, an appraiser every
 * plan, drafts included, without changing any.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class PlanScopeTest {

    /** Agency A's name as an administrator's token may spell it: matched like the import matches names. */
    private static final String A_CLAIM = "  sở LAO ĐỘNG -  Thương binh và Xã hội ";
    private static final String RULE = "{\"rule\": {\"type\": \"SURVEY\"}, \"reason\": \"Điều tra XHH\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @TestSecurity(user = "sldtbxh", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = A_CLAIM))
    void anAgencyAdministratorReadsAndChangesItsOwnAgencysPlans() {
        Plans p = ScopeFixture.plans();
        given().get("/api/plans").then().statusCode(200)
                .body("id", hasItems(p.aPublished(), p.aDraft()))
                .body("id", not(hasItem(p.bPublished()))).body("id", not(hasItem(p.bDraft())))
                .body("agency.name", everyItem(equalTo(ScopeFixture.AGENCY_A)));
        given().get("/api/plans/" + p.aDraft()).then().statusCode(200).body("status", equalTo("DRAFT"));
        given().get("/api/plans/" + p.aPublished() + "/history").then().statusCode(200);

        String plan = "/api/plans/" + p.aDraft();
        given().contentType("application/json").body(Map.of("note", "Ghi chú của Sở", "reason", "Rà soát"))
                .patch(plan + "/criteria/1.1").then().statusCode(200);
        given().contentType("application/json").body(RULE).put(plan + "/criteria/6.1.2/rule").then().statusCode(200);
        given().contentType("application/json").post(plan + "/criteria/6.1.1/rule/accept-proposal").then()
                .statusCode(200);
        String task = given().contentType("application/json")
                .body(Map.of("description", "Rà soát quy chế chi tiêu nội bộ", "leadUnits", List.of("KHTC")))
                .post(plan + "/criteria/1.1/tasks").then().statusCode(201).extract().path("id");
        given().contentType("application/json")
                .body(Map.of("description", "Rà soát quy chế chi tiêu nội bộ", "leadUnits", List.of("KHTC", "VP")))
                .put(plan + "/tasks/" + task).then().statusCode(200);
        given().delete(plan + "/tasks/" + task).then().statusCode(204);

        // Its own agency's name, however it is written, is its own: import, publish, close.
        String imported = given().queryParam("agency", "sở lao động - thương binh và xã hội").queryParam("year", 2097)
                .contentType(TestPlans.TSV).body(PlanFixtures.seedBytes()).post("/api/plans/import").then()
                .statusCode(201).body("agency", equalTo(ScopeFixture.AGENCY_A)).extract().path("planId");
        given().contentType("application/json").post("/api/plans/" + imported + "/publish").then().statusCode(200);
        given().contentType("application/json").post("/api/plans/" + imported + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED"));

        given().get("/api/units").then().statusCode(200).body("code", hasItems("VP", "KHTC", "PCM-DVSNCL"))
                .body("agency", everyItem(equalTo(ScopeFixture.AGENCY_A)));
        given().queryParam("agency", A_CLAIM).get("/api/units").then().statusCode(200).body("code", hasItem("KHTC"));
        given().contentType("application/json")
                .body(Map.of("agency", A_CLAIM, "code", "PVA-TT", "name", "Thanh tra Sở", "kind", "DIVISION"))
                .post("/api/units").then().statusCode(201).body("agency", equalTo(ScopeFixture.AGENCY_A));
    }

    @Test
    @TestSecurity(user = "sldtbxh", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = A_CLAIM))
    void anAgencyAdministratorIsRefusedEverythingOfAnotherAgency() {
        Plans p = ScopeFixture.plans();
        forbidden(given().get("/api/plans/" + p.bPublished()))
                .body("detail", containsString("thuộc " + ScopeFixture.AGENCY_B))
                .body("detail", containsString("chỉ quản trị " + ScopeFixture.AGENCY_A));
        forbidden(given().get("/api/plans/" + p.bDraft()));
        forbidden(given().get("/api/plans/" + p.bPublished() + "/history"));
        refusedEveryWrite(p.bDraft(), p.bDraftTask());
        forbidden(given().contentType("application/json").post("/api/plans/" + p.bPublished() + "/close"));

        forbidden(given().queryParam("agency", ScopeFixture.AGENCY_B).queryParam("year", 2098)
                .contentType(TestPlans.TSV).body(PlanFixtures.seedBytes()).post("/api/plans/import"))
                .body("field", equalTo("agency"))
                .body("detail", containsString("không làm được việc này cho " + ScopeFixture.AGENCY_B));
        forbidden(given().contentType("application/json")
                .body(Map.of("agency", ScopeFixture.AGENCY_B, "code", "PVB-X", "name", "Phòng X", "kind", "DIVISION"))
                .post("/api/units")).body("field", equalTo("agency"));
        forbidden(given().queryParam("agency", ScopeFixture.AGENCY_B).get("/api/units"));
        given().get("/api/units").then().statusCode(200).body("code", not(hasItem("PVB-VP")));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aReporterReadsItsOwnAgencysPublishedPlansOnly() {
        Plans p = ScopeFixture.plans();
        given().get("/api/plans").then().statusCode(200)
                .body("id", hasItem(p.aPublished()))
                .body("id", not(hasItem(p.aDraft()))).body("id", not(hasItem(p.bPublished())))
                .body("agency.name", everyItem(equalTo(ScopeFixture.AGENCY_A)))
                .body("status", everyItem(not(equalTo("DRAFT"))));
        given().get("/api/plans/" + p.aPublished()).then().statusCode(200);
        given().get("/api/plans/" + p.aPublished() + "/history").then().statusCode(200);
        forbidden(given().get("/api/plans/" + p.bPublished()))
                .body("detail", containsString("đơn vị KHTC của bạn không thuộc cơ quan đó"));
        forbidden(given().get("/api/plans/" + p.bPublished() + "/history"));
        forbidden(given().get("/api/plans/" + p.aDraft())).body("detail", containsString("bản nháp"));
        forbidden(given().get("/api/plans/" + p.bDraft()));
    }

    @Test
    @TestSecurity(user = "ai-do", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHONG-CO"))
    void aReporterWhoseUnitIsUnknownSeesNoPlan() {
        Plans p = ScopeFixture.plans();
        given().get("/api/plans").then().statusCode(200).body("size()", equalTo(0));
        forbidden(given().get("/api/plans/" + p.aPublished()))
                .body("detail", containsString("chưa gắn với đơn vị nào mà hệ thống biết (đơn vị KHONG-CO)"));
    }

    @Test
    @TestSecurity(user = "snv", roles = "appraiser")
    void anAppraiserReadsEveryPlanDraftsIncludedButChangesNothing() {
        Plans p = ScopeFixture.plans();
        given().get("/api/plans").then().statusCode(200)
                .body("id", hasItems(p.aPublished(), p.aDraft(), p.bPublished(), p.bDraft()));
        given().get("/api/plans/" + p.aDraft()).then().statusCode(200).body("status", equalTo("DRAFT"));
        given().get("/api/plans/" + p.bDraft()).then().statusCode(200);
        given().get("/api/plans/" + p.bDraft() + "/history").then().statusCode(200);
        given().get("/api/units").then().statusCode(200).body("code", hasItems("KHTC", "PVB-KHTC"));

        refusedEveryWrite(p.aDraft(), p.aDraftTask());
        forbidden(given().contentType("application/json").post("/api/plans/" + p.aPublished() + "/close"));
        forbidden(given().queryParam("agency", ScopeFixture.AGENCY_A).queryParam("year", 2098)
                .contentType(TestPlans.TSV).body(PlanFixtures.seedBytes()).post("/api/plans/import"));
        forbidden(given().contentType("application/json")
                .body(Map.of("agency", ScopeFixture.AGENCY_A, "code", "PVA-X", "name", "Phòng X", "kind", "DIVISION"))
                .post("/api/units"));
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void aViewerReadsThePublishedPlansOfEveryAgencyButNoDraft() {
        Plans p = ScopeFixture.plans();
        given().get("/api/plans").then().statusCode(200)
                .body("id", hasItems(p.aPublished(), p.bPublished()))
                .body("status", everyItem(not(equalTo("DRAFT"))));
        given().get("/api/plans/" + p.bPublished()).then().statusCode(200);
        forbidden(given().get("/api/plans/" + p.aDraft())).body("detail", containsString("bản nháp"));
        forbidden(given().get("/api/plans/" + p.bDraft() + "/history"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void aProvincialAdministratorSeesEveryPlan() {
        Plans p = ScopeFixture.plans();
        given().get("/api/plans").then().statusCode(200)
                .body("id", hasItems(p.aPublished(), p.aDraft(), p.bPublished(), p.bDraft()));
        given().get("/api/plans/" + p.bDraft()).then().statusCode(200);
        given().queryParam("agency", ScopeFixture.AGENCY_B).get("/api/units").then().statusCode(200)
                .body("code", hasItem("PVB-VP"));
    }

    @Test
    @TestSecurity(user = "pvb", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = ScopeFixture.AGENCY_B))
    void theSnapshotListsEveryUnitOfThePlansAgencyGroupsLeftOutAndANewUnitIsAnnounced() throws Exception {
        ScopeFixture.plans();
        try (PlanEventsProbe probe = new PlanEventsProbe()) {
            String id = given().queryParam("agency", ScopeFixture.AGENCY_B).queryParam("year", 2097)
                    .contentType(TestPlans.TSV).body(PlanFixtures.seedBytes()).post("/api/plans/import").then()
                    .statusCode(201).extract().path("planId");
            given().contentType("application/json").post("/api/plans/" + id + "/publish").then().statusCode(200);
            EventEnvelope published = probe.await(id, Duration.ofSeconds(30), e -> !e.isEmpty()).get(0);
            JsonNode agency = JSON.readTree(published.data()).get("agency");
            assertEquals(ScopeFixture.AGENCY_B, agency.get("name").asText());
            assertEquals(ScopeFixture.B_UNIT_CODES, JSON.convertValue(agency.get("unitCodes"), List.class));

            // A unit added to the agency is announced with the next version of each of its published plans.
            given().contentType("application/json")
                    .body(Map.of("agency", ScopeFixture.AGENCY_B, "code", "PVB-TTR", "name", "Thanh tra Sở", "kind",
                            "DIVISION"))
                    .post("/api/units").then().statusCode(201);
            EventEnvelope changed = probe.await(id, Duration.ofSeconds(30), e -> e.size() >= 2).get(1);
            assertEquals("PlanChanged", changed.type());
            JsonNode v2 = JSON.readTree(changed.data());
            assertEquals(2, v2.get("version").asInt());
            assertEquals(List.of("PVB-CDCS", "PVB-KHTC", "PVB-LDVL", "PVB-TTDVVL", "PVB-TTR", "PVB-VP"),
                    JSON.convertValue(v2.get("agency").get("unitCodes"), List.class));
            given().get("/api/plans/" + id + "/history").then().statusCode(200)
                    .body("[0].action", equalTo("UNIT_ADDED")).body("[0].target", equalTo("PVB-TTR"))
                    .body("[0].newValue", equalTo("PVB-TTR — Thanh tra Sở")).body("[0].planVersion", equalTo(2));
            // A group adds no unit of its own: nothing to announce.
            given().contentType("application/json")
                    .body(Map.of("agency", ScopeFixture.AGENCY_B, "code", "PVB-NHOM-TTR", "name", "Nhóm thanh tra",
                            "kind", "GROUP", "members", List.of("PVB-TTR")))
                    .post("/api/units").then().statusCode(201);
            given().get("/api/plans/" + id).then().statusCode(200).body("version", equalTo(2));
        }
    }

    /** Every write of a plan: 403 problem+json. */
    private static void refusedEveryWrite(String planId, String taskId) {
        String plan = "/api/plans/" + planId;
        forbidden(given().contentType("application/json").body(Map.of("note", "x")).patch(plan + "/criteria/1.1"));
        forbidden(given().contentType("application/json").body(RULE).put(plan + "/criteria/6.1.2/rule"));
        forbidden(given().contentType("application/json").post(plan + "/criteria/6.1.1/rule/accept-proposal"));
        forbidden(given().contentType("application/json")
                .body(Map.of("description", "Nhiệm vụ", "leadUnits", List.of("VP"))).post(plan + "/criteria/1.1/tasks"));
        forbidden(given().contentType("application/json")
                .body(Map.of("description", "Nhiệm vụ", "leadUnits", List.of("VP"))).put(plan + "/tasks/" + taskId));
        forbidden(given().delete(plan + "/tasks/" + taskId));
        forbidden(given().contentType("application/json").post(plan + "/publish"));
    }

    private static ValidatableResponse forbidden(Response response) {
        return response.then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }
}
