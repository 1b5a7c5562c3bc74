package vn.par.criteria.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import vn.par.stack.testing.TestInfra;

@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class PlanPagesTest {

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = { @Claim(key = "unit", value = "VP"), @Claim(key = "name", value = "Quản trị <Hệ thống>") })
    void theAdministratorSeesThePlanListWithTheSharedHeader() {
        given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Kế hoạch cải thiện Chỉ số CCHC"))
                .body(containsString("Quản trị &lt;Hệ thống&gt;"))
                .body(containsString("<span class=\"par-unit\">VP</span>"))
                .body(containsString("/par-ui/par.css"));
        given().get("/par-ui/par.css").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    void aReporterCannotOpenThePlanAdministration() {
        given().get("/").then().statusCode(403);
    }
}
