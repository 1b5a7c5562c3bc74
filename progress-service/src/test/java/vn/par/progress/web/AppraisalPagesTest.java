package vn.par.progress.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import vn.par.progress.Broker;
import vn.par.progress.TestClock;
import vn.par.progress.TestPlan;
import vn.par.progress.appraisal.AppraisalRequests.Appraise;
import vn.par.progress.appraisal.AppraisalRequests.OpenRound;
import vn.par.progress.appraisal.AppraisalService;
import vn.par.progress.appraisal.RoundService;
import vn.par.progress.assessment.SelfAssessmentRequest;
import vn.par.progress.assessment.SelfAssessmentService;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

/**
 * The appraiser's pages and the unit portal's part of the appraisal, as a browser uses them: the CSRF cookie and hidden
 * field taken from the page, forms posted (multipart where the form uploads a file), results checked on the pages,
 * the API and the exported workbook.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class AppraisalPagesTest {

    private static final String CSRF_COOKIE = "csrf_progress";
    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    private static final Caller KHTC = new Caller("khtc", "KHTC", false);
    private static final Caller SNV = new Caller("snv", null, false, null, true, false);
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Inject
    PlanIndex index;
    @Inject
    TestClock clock;
    @Inject
    RoundService rounds;
    @Inject
    AppraisalService appraisals;
    @Inject
    SelfAssessmentService assessments;

    private String in(Duration from) {
        return clock.instant().plus(from).atOffset(ZoneOffset.ofHours(7)).withNano(0).toString();
    }

    /** The rules plan, 7.7 (MANUAL, maximum 3) self-assessed at 2 by KHTC, in the APPRAISAL round. */
    private TestPlan inAppraisal() {
        TestPlan plan = TestPlan.withRules().agency("Sở Lao động - Thương binh và Xã hội", java.util.List.of("VP", "KHTC", "LDVL"));
        Broker.publish(plan, 1, index);
        assessments.assess(KHTC, plan.id, "7.7", new SelfAssessmentRequest(new BigDecimal("2"), null, null, null));
        rounds.open(SNV, plan.id, new OpenRound("SELF_ASSESSMENT", in(Duration.ofDays(1))));
        rounds.open(SNV, plan.id, new OpenRound("APPRAISAL", in(Duration.ofDays(1))));
        return plan;
    }

    @Test
    @TestSecurity(user = "snv", roles = "appraiser")
    void theAppraiserLandsOnItsPagesAppraisesThroughTheFormOpensTheNextRoundAndExportsTheSheet() throws Exception {
        TestPlan plan = inAppraisal();
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", endsWith("/ui/appraisal"));
        String list = given().get("/ui/appraisal").then().statusCode(200).extract().asString();
        assertTrue(list.contains("data-plan=\"" + plan.id + "\" data-round=\"APPRAISAL\""), "the plan's row and round");

        String planPage = "/ui/appraisal/plans/" + plan.id;
        Response page = given().get(planPage).then().statusCode(200).extract().response();
        String html = page.asString();
        String row = row(html, "7.7");
        assertTrue(row.contains("data-field=\"self-assessed\">2<"), row);
        assertTrue(row.contains("data-field=\"appraised\">—<"), row);
        assertTrue(html.contains("<form class=\"appraise\" data-criterion=\"7.7\""), "a form per leaf in APPRAISAL");
        assertTrue(html.contains("<form id=\"open-round\""), html);
        assertTrue(html.contains("<option value=\"EXPLANATION\" selected>Giải trình</option>"), "the next round only");
        String cookie = page.getCookie(CSRF_COOKIE);
        String token = hidden(html, "csrf-token");
        assertEquals(cookie, token);

        String appraise = planPage + "/criteria/7.7/appraisals";
        given().redirects().follow(false).contentType(FORM).cookie(CSRF_COOKIE, cookie).formParam("csrf-token", token)
                .formParam("points", "1,5").post(appraise).then().statusCode(400)
                .body(containsString("Cần ghi chú lý do khi điểm thẩm định (1.5) khác điểm tự chấm (2)"));
        given().redirects().follow(false).contentType(FORM).formParam("points", "1,5").formParam("note", "không token").post(appraise)
                .then().statusCode(400);
        given().redirects().follow(false).contentType(FORM).cookie(CSRF_COOKIE, cookie).formParam("csrf-token", token)
                .formParam("points", "1,5").formParam("note", "Thiếu quyết định <b>ban hành</b>").post(appraise)
                .then().statusCode(303).header("Location", endsWith("?sent=appraisal#tc-7.7"));
        html = given().get(planPage + "?sent=appraisal").then().statusCode(200).extract().asString();
        row = row(html, "7.7");
        assertTrue(row.contains("data-field=\"appraised\">1,5<"), row);
        assertTrue(row.contains("Thiếu quyết định &lt;b&gt;ban hành&lt;/b&gt;"), "the note is text: " + row);
        assertTrue(html.contains("data-total=\"appraised\">1,5<"), "7.7 appraised at 1.5 is the only figure");

        // The export, read back as a spreadsheet program reads it.
        byte[] xlsx = given().get(planPage + "/appraisal.xlsx").then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = book.getSheet("Thẩm định");
            assertEquals("Mã", sheet.getRow(3).getCell(0).getStringCellValue());
            Row leaf = null;
            for (Row r : sheet) {
                if (r.getCell(0) != null && "7.7".equals(r.getCell(0).getStringCellValue())) {
                    leaf = r;
                }
            }
            assertNotNull(leaf, "a row for 7.7");
            assertEquals(3.0, leaf.getCell(2).getNumericCellValue());
            assertEquals(2.0, leaf.getCell(3).getNumericCellValue());
            assertEquals(1.5, leaf.getCell(5).getNumericCellValue());
            assertEquals("Thiếu quyết định <b>ban hành</b>", leaf.getCell(6).getStringCellValue());
            assertEquals(1.5, leaf.getCell(10).getNumericCellValue());
            Row totals = sheet.getRow(sheet.getLastRowNum());
            assertEquals("Tổng", totals.getCell(1).getStringCellValue());
            assertEquals(1.5, totals.getCell(5).getNumericCellValue());
        }

        // The next round, its deadline typed in Vietnam's time.
        given().redirects().follow(false).contentType(FORM).cookie(CSRF_COOKIE, cookie).formParam("csrf-token", token)
                .formParam("round", "EXPLANATION").formParam("deadline", "2031-01-15T17:00").post(planPage + "/rounds")
                .then().statusCode(303);
        given().get("/api/plans/{plan}/appraisal", plan.id).then().statusCode(200)
                .body("round", equalTo("EXPLANATION")).body("deadline", equalTo("2031-01-15T10:00:00Z"));
        html = given().get(planPage).then().statusCode(200).extract().asString();
        assertTrue(html.contains("id=\"round\" data-round=\"EXPLANATION\" data-deadline=\"2031-01-15T10:00:00Z\""), html);
        assertFalse(html.contains("<form class=\"appraise\""), "no appraisal outside the appraising rounds");
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aUnitSeesTheRoundWhatItOwesAndExplainsAnAdjustedLeafWithAFile() {
        TestPlan plan = inAppraisal();
        appraisals.appraise(SNV, plan.id, "7.7", new Appraise(new BigDecimal("1"), "Chưa có quyết định ban hành"));
        rounds.open(SNV, plan.id, new OpenRound("EXPLANATION", "2031-01-15T17:00:00+07:00"));
        UUID task = plan.taskId(6); // 7.7, led by KHTC

        String home = given().get("/").then().statusCode(200).extract().asString();
        assertTrue(home.contains("id=\"round-" + plan.id + "\" data-plan=\"" + plan.id
                + "\" data-round=\"EXPLANATION\" data-deadline=\"2031-01-15T10:00:00Z\""), home);
        assertTrue(home.contains("<li data-criterion=\"7.7\" data-missing=\"explanation\">"), home);

        Response page = given().get("/ui/tasks/{task}", task).then().statusCode(200).extract().response();
        String html = page.asString();
        assertTrue(html.contains("id=\"round\" data-round=\"EXPLANATION\""), html);
        assertTrue(html.contains("data-field=\"appraised\">1</strong>"), html);
        assertTrue(html.contains("Chưa có quyết định ban hành"), html);
        assertTrue(html.contains("<form id=\"giai-trinh\""), html);
        String cookie = page.getCookie(CSRF_COOKIE);
        String token = hidden(html, "csrf-token");

        String action = "/ui/plans/" + plan.id + "/criteria/7.7/explanations";
        given().redirects().follow(false).cookie(CSRF_COOKIE, cookie).multiPart("csrf-token", token)
                .multiPart("taskId", task.toString()).multiPart("text", "").post(action).then().statusCode(400)
                .body(containsString("Nội dung giải trình là bắt buộc"));
        given().redirects().follow(false).cookie(CSRF_COOKIE, cookie).multiPart("csrf-token", token)
                .multiPart("taskId", task.toString()).multiPart("text", "Quyết định số 12/QĐ-SLĐTBXH đã ban hành", "text/plain; charset=UTF-8")
                .multiPart("file", "quyet-dinh.pdf", PDF, "application/pdf").post(action).then().statusCode(303)
                .header("Location", endsWith("/ui/tasks/" + task + "?sent=explanation#giai-trinh"));
        given().get("/api/plans/{plan}/appraisal", plan.id).then().statusCode(200)
                .body("leaves.find { it.code == '7.7' }.explanation.text", equalTo("Quyết định số 12/QĐ-SLĐTBXH đã ban hành"))
                .body("leaves.find { it.code == '7.7' }.explanation.evidence[0].name", equalTo("quyet-dinh.pdf"))
                .body("leaves.find { it.code == '7.7' }.explanation.unit", equalTo("KHTC"));
        html = given().get("/ui/tasks/{task}?sent=explanation", task).then().statusCode(200).extract().asString();
        assertTrue(html.contains("Đã ghi nhận giải trình."), html);
        assertFalse(html.contains("data-missing=\"explanation\""), "explained: nothing more owed");
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void theIndicatorFormUploadsItsFileAndReferencesIt() {
        TestPlan plan = TestPlan.withRules().agency("Sở Lao động - Thương binh và Xã hội", java.util.List.of("VP", "KHTC", "LDVL"));
        Broker.publish(plan, 1, index);
        UUID task = plan.taskId(1); // 7.2, RATIO
        Response page = given().get("/ui/tasks/{task}", task).then().statusCode(200).extract().response();
        String html = page.asString();
        assertTrue(html.contains("<li data-criterion=\"7.2\" data-missing=\"self-assessment\">"), "owed before: " + html);
        Matcher form = Pattern.compile("<form id=\"chi-so\".*?</form>", Pattern.DOTALL).matcher(html);
        assertTrue(form.find());
        assertTrue(form.group().contains("enctype=\"multipart/form-data\"") && form.group().contains("type=\"file\" name=\"file\""));
        String cookie = page.getCookie(CSRF_COOKIE);
        String action = "/ui/plans/" + plan.id + "/criteria/7.2/indicators";
        given().redirects().follow(false).cookie(CSRF_COOKIE, cookie).multiPart("csrf-token", hidden(html, "csrf-token"))
                .multiPart("idempotencyKey", hidden(form.group(), "idempotencyKey")).multiPart("taskId", task.toString())
                .multiPart("numerator", "31").multiPart("denominator", "50")
                .multiPart("file", "exe.pdf", "MZ not a document".getBytes(), "application/pdf").post(action)
                .then().statusCode(415).body(containsString("id=\"file-error\""));
        given().redirects().follow(false).cookie(CSRF_COOKIE, cookie).multiPart("csrf-token", hidden(html, "csrf-token"))
                .multiPart("idempotencyKey", hidden(form.group(), "idempotencyKey")).multiPart("taskId", task.toString())
                .multiPart("numerator", "31").multiPart("denominator", "50")
                .multiPart("file", "ho-so-truc-tuyen.pdf", PDF, "application/pdf").post(action)
                .then().statusCode(303).header("Location", endsWith("?sent=indicator#chi-so"));
        given().get("/api/plans/{plan}/indicators", plan.id).then().statusCode(200)
                .body("find { it.criterionCode == '7.2' }.latest.evidence[0].name", equalTo("ho-so-truc-tuyen.pdf"))
                .body("find { it.criterionCode == '7.2' }.latest.evidence[0].contentType", equalTo("application/pdf"));
        html = given().get("/ui/tasks/{task}", task).then().statusCode(200).extract().asString();
        assertFalse(html.contains("data-criterion=\"7.2\" data-missing"), "self-assessed with evidence: " + html);
        assertTrue(html.contains("rel=\"noopener\">ho-so-truc-tuyen.pdf</a>"), html);
    }

    private static String row(String html, String code) {
        Matcher m = Pattern.compile("<tr id=\"tc-" + Pattern.quote(code) + "\".*?</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "no row for " + code);
        return m.group();
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\">").matcher(html);
        assertTrue(m.find(), "no hidden field " + name);
        return m.group(1);
    }
}
