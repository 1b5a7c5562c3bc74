package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

/**
 * Who reads and writes which agency's plans (docs/contracts/appraisal.md, "People and scope"): reporters and an
 * administrator with an {@code agency} claim only their own agency's, 403 for another's; provincial administrators,
 * appraisers and viewers read everything they read; an appraiser enters survey results only.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class ScopeTest {

    private static final String LABOUR = "Sở Lao động - Thương binh và Xã hội";

    @Inject
    PlanIndex index;

    /** The standard plan of the Department of Labour, whose agency also has TTDVVL, a unit without a task in it. */
    private TestPlan labour() {
        TestPlan plan = TestPlan.standard().agency(LABOUR, List.of("VP", "KHTC", "LDVL", "TTDVVL"));
        Broker.publish(plan, 1, index);
        return plan;
    }

    /** A plan of the Department of Justice, led by its own office. */
    private TestPlan justice() {
        TestPlan plan = new TestPlan().agency("Sở Tư pháp", List.of("STP-VP", "STP-HCTP"))
                .units(List.of(Map.of("code", "STP-VP", "name", "Văn phòng Sở Tư pháp")))
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", false, "3")
                .criterion("1.1", "1", "Thực hiện kế hoạch CCHC", true, "3")
                .task("1.1", "Hoàn thành kế hoạch CCHC năm", List.of("STP-VP"), List.of());
        Broker.publish(plan, 1, index);
        return plan;
    }

    private static final String[] PLAN_READS = { "/api/plans/{plan}/tasks", "/api/plans/{plan}/indicators",
            "/api/plans/{plan}/self-assessments", "/api/plans/{plan}/appraisal", "/api/plans/{plan}/appraisal/evidence-readiness" };

    private static void reads(TestPlan plan, int status) {
        for (String path : PLAN_READS) {
            given().get(path, plan.id).then().statusCode(status);
        }
        given().get("/api/tasks/{task}/reports", plan.taskId(0)).then().statusCode(status);
    }

    private static void report(TestPlan plan, int status) {
        given().contentType(ContentType.JSON).body("{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10}")
                .post("/api/tasks/{task}/reports", plan.taskId(0)).then().statusCode(status);
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aReporterReadsAndPostsOnlyForItsOwnAgency() {
        TestPlan own = labour();
        TestPlan other = justice();
        reads(own, 200);
        report(own, 201);
        reads(other, 403);
        given().get("/api/plans/{plan}/tasks", other.id).then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("Đơn vị KHTC không thuộc Sở Tư pháp"));
        report(other, 403);
        given().contentType(ContentType.JSON).body("{\"points\": 1}")
                .post("/api/plans/{plan}/criteria/1.1/self-assessments", other.id).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ttdvvl", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "TTDVVL"))
    void aUnitOfTheAgencyReadsItsPlansEvenWithoutATaskAndOldSnapshotsFallBackToThePlansUnits() {
        reads(labour(), 200);
        // Without agency.unitCodes the plan's own units stand for the agency's: TTDVVL is not one of them.
        TestPlan old = TestPlan.standard();
        Broker.publish(old, 1, index);
        reads(old, 403);
    }

    @Test
    @TestSecurity(user = "sldtbxh", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = "  sở lao động -  THƯƠNG BINH và xã hội "))
    void anAgencyAdministratorActsOnlyOnItsAgencysPlans() {
        TestPlan own = labour();
        TestPlan other = justice();
        reads(own, 200);
        report(own, 201);
        reads(other, 403);
        report(other, 403);
        given().get("/api/plans/{plan}/appraisal", other.id).then().statusCode(403)
                .body("detail", containsString("chỉ làm việc với kế hoạch của cơ quan mình"));
    }

    @Test
    @TestSecurity(user = "sldtbxh", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = "Sở Lao động - Thương binh và Xã hội"))
    void anAgencyNameSentInDecomposedUnicodeIsTheSameAgency() {
        // The claim above is NFC; the plan's agency name is sent decomposed (NFD), as some keyboards type it.
        TestPlan own = TestPlan.standard().agency(Normalizer.normalize(LABOUR, Normalizer.Form.NFD), null);
        Broker.publish(own, 1, index);
        reads(own, 200);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aProvincialAdministratorReadsEveryAgency() {
        reads(labour(), 200);
        TestPlan other = justice();
        reads(other, 200);
        report(other, 201);
    }

    @Test
    @TestSecurity(user = "snv", roles = "appraiser")
    void theAppraiserReadsEveryAgencyAndEntersOnlySurveyResults() {
        reads(labour(), 200);
        TestPlan other = justice();
        reads(other, 200);
        report(other, 403);
        TestPlan rules = TestPlan.withRules();
        Broker.publish(rules, 1, index);
        given().contentType(ContentType.JSON).body("{\"percent\": 82.35}").post(IndicatorTest.path(rules, "7.6"))
                .then().statusCode(201).body("points", equalTo(1.647f)).body("reportedBy", equalTo("snv"))
                .body("unit", equalTo("KHTC"));
        given().contentType(ContentType.JSON).body("{\"option\": \"NO_VIOLATION\"}").post(IndicatorTest.path(rules, "7.1"))
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"points\": 1}")
                .post("/api/plans/{plan}/criteria/7.7/self-assessments", rules.id).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void aViewerReadsTasksAndReportsAsBeforeButNotTheAppraisal() {
        TestPlan other = justice();
        given().get("/api/plans/{plan}/tasks", other.id).then().statusCode(200);
        given().get("/api/tasks/{task}/reports", other.taskId(0)).then().statusCode(200);
        given().get("/api/plans/{plan}/appraisal", other.id).then().statusCode(403);
    }
}
