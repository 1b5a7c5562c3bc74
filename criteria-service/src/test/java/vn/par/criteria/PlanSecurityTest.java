package vn.par.criteria;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.criteria.importing.PlanFixtures;
import vn.par.stack.testing.TestInfra;

/** Only administrators write; everyone signed in reads; nobody unsigned does anything. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class PlanSecurityTest {

    private static final String SOME_PLAN = "/api/plans/00000000-0000-0000-0000-000000000001";
    private static final String RULE = "{\"rule\": {\"type\": \"SURVEY\"}, \"reason\": \"Điều tra XHH\"}";

    @Test
    void withoutATokenEveryEndpointIsUnauthorized() {
        given().get("/api/plans").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().get(SOME_PLAN).then().statusCode(401);
        given().get("/api/units").then().statusCode(401);
        given().contentType(TestPlans.TSV).body(PlanFixtures.seedBytes()).queryParam("agency", "X").queryParam("year", 2024)
                .post("/api/plans/import").then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").post(SOME_PLAN + "/publish").then().statusCode(401);
        given().contentType("application/json").body(RULE).put(SOME_PLAN + "/criteria/6.1.2/rule").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType("application/json").post(SOME_PLAN + "/criteria/6.1.1/rule/accept-proposal").then()
                .statusCode(401);
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    void aReporterReadsButCannotWrite() {
        given().get("/api/plans").then().statusCode(200);
        given().contentType(TestPlans.TSV).body(PlanFixtures.seedBytes()).queryParam("agency", "Sở Bất kỳ")
                .queryParam("year", 2024).post("/api/plans/import").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        given().contentType("application/json").post(SOME_PLAN + "/publish").then().statusCode(403);
        given().contentType("application/json").body(Map.of("targetPoints", 1)).patch(SOME_PLAN + "/criteria/1.1")
                .then().statusCode(403);
        given().contentType("application/json").body(Map.of("applicable", false, "reason", "x"))
                .patch(SOME_PLAN + "/criteria/6.3.2").then().statusCode(403);
        given().contentType("application/json").body(RULE).put(SOME_PLAN + "/criteria/6.1.2/rule").then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType("application/json").post(SOME_PLAN + "/criteria/6.1.1/rule/accept-proposal").then()
                .statusCode(403);
        given().contentType("application/json")
                .body(Map.of("agency", "Sở Bất kỳ", "code", "XX", "name", "Phòng X", "kind", "DIVISION"))
                .post("/api/units").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void aViewerCannotWriteEither() {
        given().get("/api/units").then().statusCode(200);
        given().contentType("application/json").post(SOME_PLAN + "/publish").then().statusCode(403);
        given().delete(SOME_PLAN + "/tasks/00000000-0000-0000-0000-000000000002").then().statusCode(403);
        given().contentType("application/json").body(RULE).put(SOME_PLAN + "/criteria/6.1.2/rule").then().statusCode(403);
        given().contentType("application/json").post(SOME_PLAN + "/criteria/6.1.1/rule/accept-proposal").then()
                .statusCode(403);
    }
}
