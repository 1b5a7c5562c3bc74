package vn.par.criteria.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import vn.par.criteria.ScoresFixture;
import vn.par.criteria.ServiceStubs;
import vn.par.stack.testing.TestInfra;

/**
 * The plan page's "Tạo kế hoạch năm sau" button (a CSRF form) and "Báo cáo tự đánh giá" link, against stubs of the
 * other services: the new draft's page with what it asks to check, the old page's link to it, a refusal shown on the
 * old page, the report downloaded with the session's token.
 */
@QuarkusTest
@TestProfile(ServiceStubs.Profile.class)
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class NextYearPagesTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @BeforeAll
    static void startStubs() {
        ServiceStubs.start();
    }

    @AfterEach
    void stubsBackToNormal() {
        ServiceStubs.reset();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void theButtonMakesNextYearsDraftAndLandsOnItsPageWithItsWarnings() {
        String old = published(2055);
        given().contentType("application/json").body(Map.of("applicable", false, "reason", "Không có ĐVSNCL"))
                .patch("/api/plans/" + old + "/criteria/6.3.2").then().statusCode(200);
        ServiceStubs.SCORING.answer(ScoresFixture.answer(ScoresFixture.leaves(old), "PROJECTED",
                l -> new ScoresFixture.Points(l.baseline(), null, null, null)));
        String page = given().get("/ui/plans/" + old).then().statusCode(200).extract().asString();
        assertTrue(page.contains("data-action=\"next-year\">Tạo kế hoạch năm sau</button>"), page);
        assertTrue(page.contains("href=\"/ui/plans/" + old + "/report.docx\" id=\"report\""), page);

        String next = "/ui/plans/" + old + "/next-year";
        Pages.form().formParam("x", "y").post(next).then().statusCode(400);
        assertEquals(List.of(), ServiceStubs.SCORING.paths, "no CSRF token: nothing asked, nothing made");
        Pages.Csrf csrf = Pages.Csrf.from("/ui/plans/" + old);
        String location = csrf.form().post(next).then().statusCode(303)
                .header("Location", containsString("?ok=next-year")).extract().header("Location");
        assertTrue(ServiceStubs.SCORING.authorizations.get(0).matches("Bearer \\S{20,}"),
                "the session's access token goes to scoring-service: " + ServiceStubs.SCORING.authorizations);
        String draft = location.replaceAll(".*/ui/plans/([0-9a-f-]{36}).*", "$1");

        String draftPage = given().get(location).then().statusCode(200).extract().asString();
        assertTrue(draftPage.contains("Kế hoạch năm 2056"), draftPage);
        assertTrue(draftPage.contains("Đã tạo bản nháp kế hoạch năm 2056 từ kế hoạch năm 2055"), draftPage);
        String warnings = Html.between(draftPage, "<div class=\"notice notice-warn\" id=\"warnings\">", "</div>");
        assertTrue(warnings.contains("Điểm năm trước lấy từ điểm dự kiến, chưa có kết quả thẩm định chính thức năm"
                + " 2055"), warnings);
        assertTrue(warnings.contains("data-code=\"6.3.2\""), warnings);
        assertTrue(Html.criterionRow(draftPage, "6.3.2").contains("data-field=\"confirm\">Cần xác nhận: Tiêu chí 6.3.2"
                + " không áp dụng trong năm 2055 (lý do: Không có ĐVSNCL)"), Html.criterionRow(draftPage, "6.3.2"));
        assertFalse(draftPage.contains("data-action=\"next-year\""), "a draft has no next year yet");

        String oldPage = given().get("/ui/plans/" + old).then().statusCode(200).extract().asString();
        assertTrue(oldPage.contains("href=\"/ui/plans/" + draft + "\" id=\"next-year-plan\">Kế hoạch năm 2056</a>"),
                oldPage);
        assertFalse(oldPage.contains("data-action=\"next-year\""), oldPage);
        String history = given().get("/ui/plans/" + draft + "/history").then().statusCode(200).extract().asString();
        assertTrue(history.contains("Tạo từ kế hoạch năm trước"), history);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void aRefusalIsShownOnThePlansPage() {
        String old = published(2057);
        Pages.Csrf csrf = Pages.Csrf.from("/ui/plans/" + old);
        ServiceStubs.stop();
        String page = csrf.form().post("/ui/plans/" + old + "/next-year").then().statusCode(503).extract().asString();
        assertTrue(page.contains("Chưa tạo được kế hoạch năm 2058: không kết nối được hệ thống chấm điểm"), page);
        assertTrue(page.contains("data-action=\"next-year\""), "the button is still there to try again");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void theReportLinkGivesTheWordDocument() throws IOException {
        String id = Pages.importSeed(2059);
        ServiceStubs.PROGRESS.mode = ServiceStubs.Mode.NOT_FOUND;
        byte[] bytes = given().get("/ui/plans/" + id + "/report.docx").then().statusCode(200)
                .contentType(startsWith(DOCX)).header("Cache-Control", equalTo("no-store")).extract().asByteArray();
        assertTrue(ServiceStubs.PROGRESS.authorizations.get(0).matches("Bearer \\S{20,}"),
                ServiceStubs.PROGRESS.authorizations.toString());
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            assertEquals("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", doc.getTables().get(0).getRow(0).getCell(0).getText());
            assertEquals("7.4", doc.getTables().get(1).getRows().get(doc.getTables().get(1).getRows().size() - 3)
                    .getCell(0).getText(), "the last leaf before area 7's and the plan's totals");
        }
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aReporterHasNeitherTheButtonNorThePageReport() {
        String plan = "/ui/plans/" + java.util.UUID.randomUUID();
        Pages.form().post(plan + "/next-year").then().statusCode(403);
        given().get(plan + "/report.docx").then().statusCode(403);
    }

    private static String published(int year) {
        String id = Pages.importSeed(year);
        given().contentType("application/json").post("/api/plans/" + id + "/publish").then().statusCode(200);
        return id;
    }
}
