package vn.par.criteria.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import vn.par.criteria.ScopeFixture;
import vn.par.criteria.importing.PlanFixtures;
import vn.par.stack.testing.TestInfra;

/**
 * The administration pages of an agency's administrator: its own agency's plans and units, and the 403 page for
 * another agency's; an appraiser does not get the pages.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class ScopePagesTest {

    @Test
    @TestSecurity(user = "sldtbxh", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = ScopeFixture.AGENCY_A))
    void anAgencyAdministratorSeesAndChangesOnlyItsOwnAgencysPlansAndUnits() {
        ScopeFixture.Plans p = ScopeFixture.plans();
        String index = given().get("/").then().statusCode(200).extract().asString();
        assertTrue(index.contains("href=\"/ui/plans/" + p.aPublished() + "\""), "its agency's plan is listed");
        assertTrue(index.contains("href=\"/ui/plans/" + p.aDraft() + "\""));
        assertFalse(index.contains(p.bPublished()) || index.contains(p.bDraft()), "another agency's plans are not");
        assertTrue(index.contains("value=\"" + ScopeFixture.AGENCY_A + "\""), "the upload form names its agency");
        assertFalse(index.contains(ScopeFixture.AGENCY_B), "nor is another agency offered");

        given().get("/ui/plans/" + p.aDraft()).then().statusCode(200);
        given().get("/ui/plans/" + p.aDraft() + "/edit/criteria/1.1").then().statusCode(200);
        for (String page : new String[] { "", "/history", "/edit/criteria/1.1", "/edit/criteria/6.1.2/rule",
                "/edit/criteria/1.1/tasks", "/edit/tasks/" + p.bDraftTask(), "/export.xlsx" }) {
            given().get("/ui/plans/" + p.bDraft() + page).then().statusCode(403)
                    .contentType(containsString("text/html"))
                    .body(containsString("Kế hoạch này thuộc " + ScopeFixture.AGENCY_B));
        }
        Pages.Csrf csrf = Pages.Csrf.from("/ui/plans/" + p.aDraft());
        csrf.form().post("/ui/plans/" + p.bDraft() + "/publish").then().statusCode(403)
                .body(containsString("Kế hoạch này thuộc " + ScopeFixture.AGENCY_B));
        csrf.form().formParam("title", "Đổi tên").post("/ui/plans/" + p.bDraft() + "/edit/criteria/1.1").then()
                .statusCode(403);
        csrf.multipart().multiPart(Pages.text("agency", ScopeFixture.AGENCY_B)).multiPart(Pages.text("year", "2099"))
                .multiPart(Pages.file("ke-hoach.txt", PlanFixtures.seedBytes(), "text/plain")).post("/ui/import")
                .then().statusCode(403)
                .body(containsString("<span class=\"field-error\">Tài khoản của bạn chỉ quản trị "
                        + ScopeFixture.AGENCY_A));

        String units = given().get("/ui/units").then().statusCode(200).extract().asString();
        assertTrue(units.contains("<h2>" + ScopeFixture.AGENCY_A + "</h2>"), units);
        assertFalse(units.contains(ScopeFixture.AGENCY_B), "another agency's units are not listed");
        Pages.Csrf unitsForm = Pages.Csrf.from("/ui/units");
        unitsForm.form().formParam("agency", ScopeFixture.AGENCY_B).formParam("code", "PVB-WEB")
                .formParam("name", "Phòng Web").formParam("kind", "DIVISION").post("/ui/units").then().statusCode(403)
                .body(containsString("<span class=\"field-error\">Tài khoản của bạn chỉ quản trị"));
    }

    @Test
    @TestSecurity(user = "snv", roles = "appraiser")
    void anAppraiserDoesNotGetTheAdministrationPages() {
        ScopeFixture.Plans p = ScopeFixture.plans();
        given().get("/").then().statusCode(403);
        given().get("/ui/plans/" + p.aDraft()).then().statusCode(403);
        given().get("/ui/plans/" + p.aDraft() + "/export.xlsx").then().statusCode(403);
        given().get("/ui/units").then().statusCode(403);
    }
}
