package vn.par.criteria.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.criteria.importing.OfficeFiles;
import vn.par.criteria.importing.PlanFixtures;
import vn.par.stack.testing.TestInfra;

/** The upload form: the import report for a good file, the form again with the row and field for a bad one. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "admin", roles = "admin")
class ImportPagesTest {

    private static final String OTHER_AGENCY = "Sở Thử nghiệm Trang web";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void uploadingTheSeedAsTextShowsTheReportWithEveryFinding() {
        Pages.ensureSampleUnits();
        String html = upload(OTHER_AGENCY, "2063", false, "phu-luc-2024.txt", PlanFixtures.seedBytes(), "text/plain")
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertTrue(html.contains("Đã nhập kế hoạch năm 2063 — Sở Thử nghiệm Trang web"), html);
        assertTrue(html.contains("32 tiêu chí, 29 nhiệm vụ"));
        // the six findings, in tree order, each with its field in Vietnamese and both values
        String findings = Html.between(html, "<table class=\"findings\">", "</table>");
        assertEquals(List.of("1", "1.3", "1.3", "1.3", "6.1", "7"), codesIn(findings));
        assertTrue(findings.contains(">1.3</a></td><td>Điểm tối đa</td><td class=\"num\">2</td><td class=\"num finding-cell\">5</td>"),
                findings);
        assertTrue(findings.contains(">1</a></td><td>Mục tiêu</td><td class=\"num\">15,5</td><td class=\"num finding-cell\">13,5</td>"));
        assertTrue(findings.contains(">7</a></td><td>Điểm năm trước</td><td class=\"num\">16,85</td><td class=\"num finding-cell\">17,04</td>"));
        // derived totals, warnings, and the units the import had to create, highlighted
        assertTrue(html.contains("<dt>Điểm tối đa</dt><dd>100</dd>"));
        assertTrue(html.contains("<dd>89,62</dd>") && html.contains("<dd>93,25</dd>"));
        assertTrue(html.contains("Tiêu chí 6.3.2 có đơn vị chủ trì nhưng không có nhiệm vụ nào"));
        assertTrue(html.contains("<tr class=\"created\">"), "created units are highlighted");
        assertTrue(html.contains("Mới tạo — cần rà soát"));
        assertTrue(html.contains("Văn phòng Sở"));
        // the way to the plan
        Matcher link = Pattern.compile("href=\"/ui/plans/([0-9a-f-]{36})\"").matcher(html);
        assertTrue(link.find());
        given().get("/ui/plans/" + link.group(1)).then().statusCode(200)
                .body(containsString("Kế hoạch năm 2063 — Sở Thử nghiệm Trang web"));
    }

    @Test
    void uploadingTheSeedAsExcelGivesTheSameReport() throws Exception {
        Pages.ensureSampleUnits();
        byte[] xlsx = OfficeFiles.xlsx(PlanFixtures.parsedSeed());
        String html = upload(Pages.AGENCY, "2064", false, "Phụ lục kế hoạch.xlsx", xlsx, XLSX)
                .then().statusCode(200).extract().asString();
        assertTrue(html.contains("Đã nhập kế hoạch năm 2064 — Sở Lao động - Thương binh và Xã hội"));
        assertTrue(html.contains("32 tiêu chí, 29 nhiệm vụ"));
        assertEquals(List.of("1", "1.3", "1.3", "1.3", "6.1", "7"),
                codesIn(Html.between(html, "<table class=\"findings\">", "</table>")));
        assertFalse(html.contains("Mới tạo"), "every unit of the sample agency is known");
    }

    @Test
    void aBadFileShowsTheFormAgainWithTheRowTheFieldAndWhatWasTyped() {
        byte[] bad = PlanFixtures.seedWithField(12, 3, "ba").getBytes(StandardCharsets.UTF_8);
        String html = upload(OTHER_AGENCY, "2065", true, "phu-luc.tsv", bad, "text/tab-separated-values")
                .then().statusCode(400).contentType(containsString("text/html")).extract().asString();
        assertTrue(html.contains("<strong>Không nhập được kế hoạch</strong>"), html);
        String errors = Html.between(html, "<table class=\"errors\">", "</table>");
        assertTrue(errors.contains("<td>dòng 12</td><td>Điểm tối đa</td>"), errors);
        assertTrue(html.contains("Không có gì được lưu"));
        // what was typed is still there
        assertTrue(html.contains("value=\"Sở Thử nghiệm Trang web\""));
        assertTrue(html.contains("value=\"2065\""));
        assertTrue(html.contains("name=\"replace\" value=\"true\" checked"));
        given().get("/api/plans").then().body(not(containsString("\"year\":2065")));
    }

    @Test
    void aFileOfAnotherKindIsRefusedByItsName() {
        upload(OTHER_AGENCY, "2066", false, "phu-luc.pdf", PlanFixtures.seedBytes(), "application/pdf")
                .then().statusCode(400)
                .body(containsString("<span class=\"field-error\">Tệp &#39;phu-luc.pdf&#39; không đọc được: chỉ nhận tệp văn bản"))
                .body(containsString("value=\"2066\""));
    }

    @Test
    void aMissingAgencyOrABadYearIsShownNextToItsField() {
        upload("  ", "2066", false, "a.txt", PlanFixtures.seedBytes(), "text/plain").then().statusCode(400)
                .body(containsString("<span class=\"field-error\">Cần tên cơ quan (sở, ban, ngành).</span>"));
        upload(OTHER_AGENCY, "hai nghìn", false, "a.txt", PlanFixtures.seedBytes(), "text/plain").then().statusCode(400)
                .body(containsString("<span class=\"field-error\">Năm của kế hoạch là một số từ 2000 đến 2100.</span>"))
                .body(containsString("value=\"hai nghìn\""));
    }

    @Test
    void aFileAboveTheImportLimitIsRefused() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        upload(OTHER_AGENCY, "2066", false, "to.txt", big, "text/plain").then().statusCode(413)
                .body(containsString("Tệp lớn hơn giới hạn 10 MB"));
    }

    @Test
    void aSecondImportIsRefusedUnlessReplacingTheDraftIsTicked() {
        Pages.ensureSampleUnits();
        upload(Pages.AGENCY, "2067", false, "a.txt", PlanFixtures.seedBytes(), "text/plain").then().statusCode(200);
        upload(Pages.AGENCY, "2067", false, "a.txt", PlanFixtures.seedBytes(), "text/plain").then().statusCode(409)
                .body(containsString("Đã có kế hoạch năm 2067"));
        upload(Pages.AGENCY, "2067", true, "b.txt", PlanFixtures.seedBytes(), "text/plain").then().statusCode(200)
                .body(containsString("Đã nhập kế hoạch năm 2067"));
    }

    @Test
    void anUploadWithoutTheCsrfTokenIsRefused() {
        Pages.multipart().multiPart(Pages.text("agency", OTHER_AGENCY)).multiPart(Pages.text("year", "2068"))
                .multiPart(Pages.file("a.txt", PlanFixtures.seedBytes(), "text/plain"))
                .post("/ui/import").then().statusCode(400);
        Pages.Csrf csrf = Pages.Csrf.from("/");
        Pages.multipart().cookie(Pages.CSRF_COOKIE, csrf.cookie()).multiPart(Pages.text("agency", OTHER_AGENCY))
                .multiPart(Pages.text("year", "2068")).multiPart(Pages.file("a.txt", PlanFixtures.seedBytes(), "text/plain"))
                .post("/ui/import").then().statusCode(400);
        given().get("/api/plans").then().body(not(containsString("\"year\":2068")));
    }

    private static io.restassured.response.Response upload(String agency, String year, boolean replace, String fileName,
            byte[] content, String mimeType) {
        var request = Pages.Csrf.from("/").multipart()
                .multiPart(Pages.text("agency", agency))
                .multiPart(Pages.text("year", year))
                .multiPart(Pages.file(fileName, content, mimeType));
        if (replace) {
            request.multiPart(Pages.text("replace", "true"));
        }
        return request.post("/ui/import");
    }

    private static List<String> codesIn(String findingsTable) {
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("#c-([0-9.]+)\">").matcher(findingsTable);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }
}
