package vn.par.criteria.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import vn.par.stack.testing.TestInfra;

/** The plan list, one plan's page with its findings, publishing and closing from the page, and the history. */
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
    @TestSecurity(user = "admin", roles = "admin")
    void theListShowsEachPlanWithItsStatusCountsFindingsAndTheUploadForm() {
        String id = Pages.importSeed(2060);
        String html = given().get("/").then().statusCode(200).extract().asString();
        String row = Html.rowLinking(html, "/ui/plans/" + id);
        assertTrue(row.contains("Sở Lao động - Thương binh và Xã hội"), row);
        assertTrue(row.contains("<td>2060</td>"), row);
        assertTrue(row.contains("<span class=\"badge badge-draft\">Bản nháp</span>"), row);
        assertTrue(row.contains("<td class=\"num\">32</td>") && row.contains("<td class=\"num\">29</td>"), row);
        assertTrue(row.contains("<td class=\"num finding\">6</td>"), "six findings, highlighted: " + row);
        assertTrue(row.contains("93,25 / 100"), row);
        // the upload form: multipart to /ui/import with the CSRF field, and the way to the units page
        assertTrue(html.contains("<form method=\"post\" action=\"/ui/import\" enctype=\"multipart/form-data\">"));
        assertTrue(html.contains("name=\"csrf-token\""));
        assertTrue(html.contains("name=\"agency\"") && html.contains("name=\"year\"") && html.contains("name=\"file\"")
                && html.contains("name=\"replace\""));
        assertTrue(html.contains("accept=\".txt,.tsv,.xlsx,.docx\""));
        assertTrue(html.contains("href=\"/ui/units\""));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void thePlanPageShowsTheTreeWithEachFindingCellHighlighted() {
        String id = Pages.importSeed(2061);
        String html = given().get("/ui/plans/" + id).then().statusCode(200).extract().asString();
        assertTrue(html.contains("Kế hoạch năm 2061 — Sở Lao động - Thương binh và Xã hội"));
        assertTrue(html.contains("<span class=\"badge badge-draft\">Bản nháp</span> phiên bản 0"));
        // derived totals
        assertTrue(html.contains("<dt>Tổng điểm tối đa</dt><dd>100</dd>"));
        assertTrue(html.contains("<dt>Điểm năm 2060</dt><dd>89,62</dd>"));
        assertTrue(html.contains("<dt>Mục tiêu năm 2061</dt><dd>93,25</dd>"));
        // 1.3 declares 2 / 2 / 2 where its children give 5 / 3 / 3: all three cells highlighted, both values shown
        String r13 = Html.criterionRow(html, "1.3");
        assertEquals(3, Html.count(r13, "finding-cell"), r13);
        assertTrue(r13.contains("title=\"khai báo 2, tính từ tiêu chí con 5\""), r13);
        assertTrue(r13.contains(">2<div class=\"derived\">khai báo 2, tính từ tiêu chí con 5</div>"), r13);
        assertTrue(r13.contains("khai báo 2, tính từ tiêu chí con 3"), r13);
        assertTrue(Html.criterionRow(html, "7").contains("khai báo 16,85, tính từ tiêu chí con 17,04"));
        assertTrue(Html.criterionRow(html, "1").contains("khai báo 15,5, tính từ tiêu chí con 13,5"));
        assertTrue(Html.criterionRow(html, "6.1").contains("khai báo 3, tính từ tiêu chí con 4"));
        assertEquals(6, Html.count(html, "<td class=\"num finding-cell\""), "one highlighted cell per finding");
        assertFalse(Html.criterionRow(html, "1.3.1").contains("finding-cell"));
        // a leaf with its figures, its edit links and its tasks with their units
        String r612 = Html.criterionRow(html, "6.1.2");
        assertTrue(r612.contains("Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách"));
        assertTrue(r612.contains("<td class=\"num\">1,33</td>"), r612);
        assertTrue(r612.contains("href=\"/ui/plans/" + id + "/edit/criteria/6.1.2\">Sửa</a>"), r612);
        assertTrue(r612.contains("href=\"/ui/plans/" + id + "/edit/criteria/6.1.2/tasks\">Thêm nhiệm vụ</a>"), r612);
        String tasks612 = Html.tasksOf(html, "6.1.2");
        assertTrue(tasks612.contains("Tổ chức thực hiện nghiêm các kiến nghị"), tasks612);
        assertTrue(tasks612.contains("Chủ trì: Phòng Kế hoạch - Tài chính"), tasks612);
        assertTrue(tasks612.contains("Phối hợp: Các PCM, ĐVSNCL thuộc Sở"), tasks612);
        assertTrue(tasks612.contains("/edit/tasks/") && tasks612.contains(">Xoá</a>"), tasks612);
        // indentation by depth
        assertTrue(r612.contains("<div class=\"depth-2\">"), r612);
        // the buttons of a draft
        assertTrue(html.contains("action=\"/ui/plans/" + id + "/publish\""));
        assertTrue(html.contains(">Công bố</button>"));
        assertFalse(html.contains(">Đóng kế hoạch</button>"));
        assertTrue(html.contains("href=\"/ui/plans/" + id + "/history\">Lịch sử thay đổi</a>"));
        assertTrue(html.contains("href=\"/ui/plans/" + id + "/export.xlsx\">Xuất Excel</a>"));
        assertTrue(html.contains("<div class=\"scroll\">"), "the wide table scrolls on a phone");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void publishingAndClosingFromThePlanPageNeedTheCsrfToken() {
        String id = Pages.importSeed(2062);
        String publish = "/ui/plans/" + id + "/publish";
        // no cookie, no token; a cookie without the token; a forged token: all refused, nothing published
        Pages.form().formParam("x", "y").post(publish).then().statusCode(400);
        Pages.Csrf csrf = Pages.Csrf.from("/ui/plans/" + id);
        Pages.form().cookie(Pages.CSRF_COOKIE, csrf.cookie()).formParam("x", "y").post(publish).then().statusCode(400);
        Pages.form().cookie(Pages.CSRF_COOKIE, csrf.cookie()).formParam(Pages.CSRF_FIELD, "forged" + csrf.token())
                .post(publish).then().statusCode(400);
        Pages.form().formParam(Pages.CSRF_FIELD, csrf.token()).post(publish).then().statusCode(400);
        given().get("/api/plans/" + id).then().body("status", equalTo("DRAFT"));

        // with the cookie and the token of the page: published, back to the plan with a notice
        csrf.form().post(publish).then().statusCode(303)
                .header("Location", containsString("/ui/plans/" + id + "?ok=published"));
        given().get("/ui/plans/" + id + "?ok=published").then().statusCode(200)
                .body(containsString("<div class=\"notice notice-ok\" role=\"status\">Đã công bố kế hoạch (phiên bản 1).</div>"))
                .body(containsString("<span class=\"badge badge-published\">Đã công bố</span> phiên bản 1"))
                .body(containsString(">Đóng kế hoạch</button>"))
                .body(not(containsString(">Công bố</button>")));
        // publishing twice: the page again, saying why
        csrf.form().post(publish).then().statusCode(409)
                .body(containsString("notice-error"))
                .body(containsString("chỉ bản nháp (DRAFT) mới công bố được"));
        // a notice is one of the page's own sentences: anything else in ?ok= is ignored
        given().get("/ui/plans/" + id + "?ok=<b>tin giả</b>").then().statusCode(200)
                .body(not(containsString("tin giả"))).body(not(containsString("notice-ok")));

        csrf.form().formParam("reason", "Hết năm <kế hoạch>").post("/ui/plans/" + id + "/close").then().statusCode(303);
        given().get("/ui/plans/" + id + "?ok=closed").then().statusCode(200)
                .body(containsString("Đã đóng kế hoạch."))
                .body(containsString("<span class=\"badge badge-closed\">Đã đóng</span>"))
                .body(not(containsString("/edit/criteria/")));

        String history = given().get("/ui/plans/" + id + "/history").then().statusCode(200).extract().asString();
        assertTrue(history.contains("<td>Nhập kế hoạch</td>"), history);
        assertTrue(history.contains("<td>Công bố</td>"));
        assertTrue(history.contains("<td>Đóng kế hoạch</td>"));
        assertTrue(history.contains("Hết năm &lt;kế hoạch&gt;"), "the reason, escaped");
        assertTrue(history.contains("PUBLISHED → CLOSED"));
        assertTrue(history.indexOf("<td>Đóng kế hoạch</td>") < history.indexOf("<td>Nhập kế hoạch</td>"), "newest first");
        assertTrue(history.matches("(?s).*<td>\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}</td>.*"), "times as dd/MM/yyyy HH:mm");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anUnknownPlanIsAPageThatSaysSo() {
        UUID unknown = UUID.randomUUID();
        given().get("/ui/plans/" + unknown).then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("Không có kế hoạch mã " + unknown));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    void aReporterCannotOpenThePlanAdministration() {
        UUID any = UUID.randomUUID();
        given().get("/").then().statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("Quản trị kế hoạch dành cho quản trị viên (vai trò admin)."))
                .body(containsString("<a href=\"/\">← Danh sách kế hoạch</a>"));
        given().get("/ui/plans/" + any).then().statusCode(403);
        given().get("/ui/plans/" + any + "/history").then().statusCode(403);
        given().get("/ui/plans/" + any + "/edit/criteria/1").then().statusCode(403);
        given().get("/ui/plans/" + any + "/export.xlsx").then().statusCode(403);
        given().get("/ui/units").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void aViewerCannotOpenThePlanAdministrationEither() {
        given().get("/").then().statusCode(403);
        given().get("/ui/units").then().statusCode(403);
    }
}
