package vn.par.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.stack.testing.TestInfra;

/** Who may call what: every endpoint needs one of the roles, the rebuild needs admin. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class SecurityTest {

    @Test
    void withoutATokenEveryEndpointAnswers401WithAProblem() {
        UUID plan = UUID.randomUUID();
        for (String path : new String[] { "/api/scores", "/api/scores/stream", "/api/plans/" + plan + "/scores",
                "/api/plans/" + plan + "/scores/history", "/api/plans/" + plan + "/scores/stream" }) {
            given().get(path).then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        }
        given().contentType("application/json").body("{}").post("/api/plans/{planId}/scores/what-if", UUID.randomUUID())
                .then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").post("/api/admin/rebuild").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "stranger", roles = "guest")
    void aCallerWithNoneOfTheRolesIsForbiddenToRead() {
        given().get("/api/scores").then().statusCode(403).contentType("application/problem+json")
                .body("status", equalTo(403));
        given().get("/api/plans/{planId}/scores", UUID.randomUUID()).then().statusCode(403);
        given().contentType("application/json").body("{}").post("/api/plans/{planId}/scores/what-if", UUID.randomUUID())
                .then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void aViewerMayReadButNotRebuild() {
        given().get("/api/scores").then().statusCode(200);
        given().contentType("application/json").post("/api/admin/rebuild").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "ldvl", roles = "reporter")
    void aReporterMayRead() {
        given().get("/api/scores").then().statusCode(200);
    }
}
