package vn.par.progress.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import vn.par.progress.Broker;
import vn.par.progress.TestPlan;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

/**
 * The page where an administrator sets the reminders' addresses: an agency's administrator sees and sets its own
 * agency's units and administrators only; a bad address comes back with what was typed and why, nothing stored.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class ContactPagesTest {

    private static final String AGENCY = "Sở Thử nghiệm Trang địa chỉ";
    private static final String CSRF_COOKIE = "csrf_progress";
    private static final String CSRF_FIELD = "csrf-token";
    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    @Inject
    PlanIndex index;

    @Test
    @TestSecurity(user = "sldtbxh", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = AGENCY))
    void anAgencyAdminSetsItsUnitsAndItsAdministratorsAddressesOnThePage() {
        Broker.publish(new TestPlan().agency(AGENCY, List.of("TDC1", "TDC2"))
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO", true, "1").task("1", "x", List.of("TDC1"), List.of("TDC2")), 1,
                index);
        Page page = Page.open();
        assertTrue(page.html.contains("data-unit=\"TDC1\"") && page.html.contains("data-unit=\"TDC2\""), page.html);
        assertTrue(!page.html.contains("data-unit=\"VP\""), "another agency's unit is not on the page");
        assertTrue(page.html.contains("data-agency=\"" + AGENCY + "\""), page.html);

        page.form().formParam("email", " tdc1@example.vn ").post("/ui/contacts/units/TDC1").then().statusCode(303)
                .header("Location", containsString("/ui/contacts?sent=unit#don-vi-TDC1"));
        given().get("/api/units/contacts").then().statusCode(200)
                .body("find { it.code == 'TDC1' }.email", equalTo("tdc1@example.vn"));
        given().get("/ui/contacts?sent=unit").then().statusCode(200)
                .body(containsString("Đã lưu địa chỉ e-mail của đơn vị."))
                .body(containsString("value=\"tdc1@example.vn\""));

        String refused = page.form().formParam("email", "không-phải-email").post("/ui/contacts/units/TDC2").then()
                .statusCode(400).contentType(containsString("text/html")).extract().asString();
        assertTrue(refused.contains("không phải một địa chỉ e-mail"), refused);
        assertTrue(refused.contains("value=\"không-phải-email\""), "what was typed comes back");
        given().get("/api/units/contacts").then().statusCode(200).body("code", not(org.hamcrest.Matchers.hasItem("TDC2")));

        page.form().formParam("email", "vp@example.vn").post("/ui/contacts/units/VP").then().statusCode(403)
                .contentType(containsString("text/html")).body(containsString("không thuộc"));

        page.form().formParam("agency", AGENCY).formParam("emails", "qt1@example.vn, qt2@example.vn")
                .post("/ui/contacts/agency").then().statusCode(303);
        given().get("/api/agencies/contacts").then().statusCode(200)
                .body("adminEmails", equalTo(List.of(List.of("qt1@example.vn", "qt2@example.vn"))));
        String otherAgency = page.form().formParam("agency", "Sở Khác").formParam("emails", "x@example.vn")
                .post("/ui/contacts/agency").then().statusCode(403).extract().asString();
        assertTrue(otherAgency.contains("chỉ đặt địa chỉ e-mail của quản trị viên cơ quan mình"), otherAgency);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aFormWithoutItsTokenChangesNothing() {
        assertTrue(given().get("/").then().statusCode(200).extract().asString().contains("href=\"/ui/contacts\""),
                "an administrator's portal links to the page");
        Page page = Page.open();
        given().contentType(FORM).cookie(CSRF_COOKIE, page.token).formParam("email", "csrf@example.vn")
                .redirects().follow(false).post("/ui/contacts/units/CSRFX").then().statusCode(400);
        given().get("/api/units/contacts").then().statusCode(200).body("code", not(org.hamcrest.Matchers.hasItem("CSRFX")));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aClerkMayNotOpenIt() {
        given().get("/ui/contacts").then().statusCode(403).contentType(containsString("text/html"));
        assertEquals(false, given().get("/").then().statusCode(200).extract().asString().contains("/ui/contacts"),
                "a clerk's portal has no link to it");
    }

    /** The contacts page as a browser got it: its CSRF cookie, which its forms carry as their hidden token. */
    private record Page(String html, String token) {

        static Page open() {
            Response page = given().get("/ui/contacts").then().statusCode(200).extract().response();
            String cookie = page.getCookie(CSRF_COOKIE);
            assertNotNull(cookie, "the page sets the CSRF cookie");
            Matcher m = Pattern.compile("<input type=\"hidden\" name=\"" + CSRF_FIELD + "\" value=\"([^\"]*)\">")
                    .matcher(page.asString());
            assertTrue(m.find(), "the forms carry the token");
            assertEquals(cookie, m.group(1));
            return new Page(page.asString(), cookie);
        }

        RequestSpecification form() {
            return given().contentType(FORM).cookie(CSRF_COOKIE, token).formParam(CSRF_FIELD, token).redirects()
                    .follow(false);
        }
    }
}
