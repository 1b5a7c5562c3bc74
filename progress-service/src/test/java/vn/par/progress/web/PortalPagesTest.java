package vn.par.progress.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import vn.par.progress.Broker;
import vn.par.progress.TestPlan;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.report.ReportRequest;
import vn.par.progress.report.ReportService;
import vn.par.progress.report.ReportStatus;
import vn.par.stack.testing.TestInfra;

/**
 * The unit portal's pages through HTTP, as a browser uses them: the CSRF cookie and hidden field taken from the
 * page, forms posted url-encoded, results checked on the page and through the API.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class PortalPagesTest {

    private static final String CSRF_COOKIE = "csrf_progress";
    private static final String CSRF_FIELD = "csrf-token";
    private static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";
    private static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    @Inject
    PlanIndex index;
    @Inject
    ReportService reports;

    /**
     * Area 1 with two leaves and area 2 as its own leaf. Task 0 (1.1): KHTC leads, VP helps; task 1 (1.2): VP
     * leads, KHTC and LDVL help, its description holds markup; task 2 (2): KHTC leads alone.
     */
    private TestPlan publishedPlan() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TestPlan plan = new TestPlan()
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", false, "10")
                .criterion("1.1", "1", "Thực hiện kế hoạch CCHC", true, "3")
                .criterion("1.2", "1", "Tuyên truyền CCHC", true, "7")
                .criterion("2", null, "XÂY DỰNG VÀ TỔ CHỨC THỰC HIỆN VĂN BẢN QPPL", true, "2.5")
                .task("1.1", "Hoàn thành kế hoạch CCHC năm " + tag, List.of("KHTC"), List.of("VP"))
                .task("1.2", "Tuyên truyền <script>alert('mô tả')</script> " + tag, List.of("VP"), List.of("KHTC", "LDVL"))
                .task("2", "Rà soát văn bản QPPL " + tag, List.of("KHTC"), List.of());
        Broker.publish(plan, 1, index);
        return plan;
    }

    // ---- Nhiệm vụ của đơn vị (/) ----------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void leadUnitSeesItsTasksGroupedByPlanAndAreaWithRoleDueDateAndState() {
        TestPlan plan = publishedPlan();
        reports.submit(new Caller("khtc", "KHTC", false), plan.taskId(2),
                new ReportRequest(ReportStatus.DONE, 100, null, null, null), null);

        String html = given().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("Nhiệm vụ của đơn vị"))
                .body(containsString("Phòng Kế hoạch - Tài chính (KHTC)"))
                .body(containsString("Kế hoạch năm 2024 — Sở Lao động - Thương binh và Xã hội"))
                .body(containsString("Lĩnh vực 1. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"))
                .body(containsString("Lĩnh vực 2. XÂY DỰNG VÀ TỔ CHỨC THỰC HIỆN VĂN BẢN QPPL"))
                .body(containsString("/par-ui/par.css"))
                .extract().asString();

        String lead = rowOf(html, plan.taskId(0));
        assertTrue(lead.contains("1.1 Thực hiện kế hoạch CCHC"), lead);
        assertTrue(lead.contains("Chủ trì"), lead);
        assertTrue(lead.contains("31/12/2024"), lead);
        assertTrue(lead.contains("Quá hạn"), "a past due date not done is highlighted: " + lead);
        assertTrue(lead.contains("Chưa báo cáo"), lead);

        String coordinating = rowOf(html, plan.taskId(1));
        assertTrue(coordinating.contains("Phối hợp"), coordinating);
        assertTrue(coordinating.contains("&lt;script&gt;alert(&#39;mô tả&#39;)&lt;/script&gt;"), coordinating);
        assertFalse(html.contains("<script>alert"), "a task description is shown as text");

        String done = rowOf(html, plan.taskId(2));
        assertTrue(done.contains("Hoàn thành"), done);
        assertTrue(done.contains("100%"), done);
        assertTrue(done.contains("khtc"), done);
        assertFalse(done.contains("Quá hạn"), "a task done is not overdue: " + done);
        // Areas in plan order, the tasks of area 1 before area 2 (in the plans' tables, after "Việc cần làm", which
        // lists task 0 too: it is overdue).
        String tables = html.substring(html.indexOf("<h2>Kế hoạch năm"));
        assertTrue(tables.indexOf("Lĩnh vực 1. CÔNG") < tables.indexOf("/ui/tasks/" + plan.taskId(0)));
        assertTrue(tables.indexOf("/ui/tasks/" + plan.taskId(1)) < tables.indexOf("/ui/tasks/" + plan.taskId(2)));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aTaskWithoutADueDateShowsADash() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TestPlan plan = new TestPlan()
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", true, "3")
                .task("1", "Nhiệm vụ không có hạn " + tag, List.of("KHTC"), List.of())
                .withoutDueDate(0);
        Broker.publish(plan, 1, index);
        String row = rowOf(given().get("/").then().statusCode(200).extract().asString(), plan.taskId(0));
        assertTrue(row.contains("—") && !row.contains("Quá hạn"), row);
        given().get("/ui/tasks/" + plan.taskId(0)).then().statusCode(200).body(containsString("Nhiệm vụ không có hạn"));
    }

    @Test
    @TestSecurity(user = "ldvl", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "LDVL"))
    void coordinatingUnitSeesTheTaskItHelpsWith() {
        TestPlan plan = publishedPlan();
        String html = given().get("/").then().statusCode(200).extract().asString();
        String row = rowOf(html, plan.taskId(1));
        assertTrue(row.contains("Phối hợp"), row);
        assertTrue(row.contains("1.2 Tuyên truyền CCHC"), row);
        assertFalse(html.contains("/ui/tasks/" + plan.taskId(0)), "LDVL has no part in task 0");
    }

    @Test
    @TestSecurity(user = "khac", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "DON-VI-KHONG-CO-NHIEM-VU"))
    void unitWithoutTasksSeesAnEmptyState() {
        given().get("/").then().statusCode(200)
                .body(containsString("Đơn vị chưa có nhiệm vụ nào"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void adminSeesItsOwnUnitsTasks() {
        TestPlan plan = publishedPlan();
        String html = given().get("/").then().statusCode(200).extract().asString();
        assertTrue(rowOf(html, plan.taskId(1)).contains("Chủ trì"));
        assertTrue(rowOf(html, plan.taskId(0)).contains("Phối hợp"));
        assertFalse(html.contains("/ui/tasks/" + plan.taskId(2)));
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void viewerCannotOpenThePortal() {
        TestPlan plan = publishedPlan();
        given().get("/").then().statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("Không có quyền"));
        given().get("/ui/tasks/{task}", plan.taskId(0)).then().statusCode(403);
        Csrf csrf = Csrf.fromApi(plan);
        csrf.form().formParams(report("IN_PROGRESS", "10", "xem thôi"))
                .post("/ui/tasks/{task}/reports", plan.taskId(0)).then().statusCode(403);
        given().get("/api/tasks/{task}/reports", plan.taskId(0)).then().statusCode(200).body("", hasSize(0));
    }

    // ---- One task (/ui/tasks/{id}) ---------------------------------------------------------------------------

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void leadUnitSeesTheTaskWithItsReportForm() {
        TestPlan plan = publishedPlan();
        given().get("/ui/tasks/{task}", plan.taskId(0)).then().statusCode(200)
                .body(containsString("Tiêu chí 1.1. Thực hiện kế hoạch CCHC"))
                .body(containsString("Hoàn thành kế hoạch CCHC năm"))
                .body(containsString("Năm 2024 — Sở Lao động - Thương binh và Xã hội"))
                .body(containsString("1. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC"))
                .body(containsString("Phòng Kế hoạch - Tài chính (KHTC)"))
                .body(containsString("Văn phòng Sở (VP)"))
                .body(containsString("31/12/2024"))
                .body(containsString("chủ trì nhiệm vụ này: báo cáo của đơn vị cập nhật"))
                .body(containsString("action=\"/ui/tasks/" + plan.taskId(0) + "/reports#bao-cao\""))
                .body(containsString("name=\"" + CSRF_FIELD + "\""))
                .body(containsString("name=\"idempotencyKey\""))
                .body(containsString("<option value=\"DONE\">Hoàn thành</option>"))
                .body(containsString("<option value=\"BLOCKED\">Vướng mắc</option>"))
                .body(containsString("Chưa có báo cáo nào."));
    }

    @Test
    @TestSecurity(user = "ldvl", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "LDVL"))
    void coordinatingUnitIsToldItsReportIsAContributionThatLeavesTheStateAlone() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(1);
        FormPage page = FormPage.open(task);
        assertTrue(page.html.contains("báo cáo đóng góp"), page.html);
        assertTrue(page.html.contains("không thay đổi trạng thái của nhiệm vụ"), page.html);
        assertFalse(page.html.contains("Tự chấm điểm tiêu chí"), "only a lead unit self-assesses");
        assertFalse(page.html.contains("id=\"chi-so\""), "only a lead unit reports the indicator");

        page.post(report("DONE", "100", "Đã phối hợp tổ chức hội nghị")).then().statusCode(303);

        given().get("/ui/tasks/{task}", task).then().statusCode(200)
                .body(containsString("Đã phối hợp tổ chức hội nghị"))
                .body(containsString("Phòng Lao động - Việc làm và GDNN (LDVL) · Phối hợp · ldvl"))
                .body(containsString("báo cáo đóng góp, không thay đổi trạng thái nhiệm vụ"));
        given().get("/api/plans/{plan}/tasks", plan.id).then().statusCode(200)
                .body("tasks.find { it.taskId == '" + task + "' }.latest", equalTo(null));
    }

    @Test
    @TestSecurity(user = "ldvl", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "LDVL"))
    void unitWithNoPartInTheTaskSeesItWithoutAForm() {
        TestPlan plan = publishedPlan();
        given().get("/ui/tasks/{task}", plan.taskId(0)).then().statusCode(200)
                .body(containsString("không chủ trì cũng không phối hợp"))
                .body(not(containsString("/reports\"")));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void unknownTaskIsAPageSayingSo() {
        given().get("/ui/tasks/{task}", UUID.randomUUID()).then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("Không tìm thấy"));
    }

    // ---- Posting a report through the form -------------------------------------------------------------------

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void reportPostedThroughTheFormIsInTheHistoryAndSetsTheTaskState() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0);
        Map<String, Object> form = report("IN_PROGRESS", "60", "Đã trình dự thảo kế hoạch");
        form.put("evidenceTitle", List.of("Dự thảo 02/KH", "", "", "", ""));
        form.put("evidenceUrl", List.of("https://vanban.example.vn/02-kh.pdf", "", "", "", ""));

        FormPage.open(task).post(form).then().statusCode(303)
                .header("Location", endsWith("/ui/tasks/" + task + "?sent=report#bao-cao"));

        given().get("/ui/tasks/{task}?sent=report", task).then().statusCode(200)
                .body(containsString("Đã ghi nhận báo cáo tiến độ."))
                .body(containsString("Đang thực hiện</span> 60%"))
                .body(containsString("Đã trình dự thảo kế hoạch"))
                .body(containsString("Phòng Kế hoạch - Tài chính (KHTC) · Chủ trì · khtc"))
                .body(containsString("đã cập nhật trạng thái nhiệm vụ"))
                .body(containsString("<a href=\"https://vanban.example.vn/02-kh.pdf\" rel=\"noopener noreferrer\" target=\"_blank\">Dự thảo 02/KH</a>"));
        given().get("/api/plans/{plan}/tasks", plan.id).then().statusCode(200)
                .body("tasks.find { it.taskId == '" + task + "' }.latest.status", equalTo("IN_PROGRESS"))
                .body("tasks.find { it.taskId == '" + task + "' }.latest.percentComplete", equalTo(60))
                .body("tasks.find { it.taskId == '" + task + "' }.latest.reportedBy", equalTo("khtc"));
        given().get("/api/tasks/{task}/reports", task).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].comment", equalTo("Đã trình dự thảo kế hoạch"))
                .body("[0].evidence[0].title", equalTo("Dự thảo 02/KH"));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void formWithoutTheCsrfTokenIsRefused() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0);
        FormPage page = FormPage.open(task);
        // The cookie alone (what a forged cross-site form would carry) is not enough.
        given().contentType(FORM).cookie(CSRF_COOKIE, page.csrf.cookie).formParams(report("IN_PROGRESS", "10", "giả mạo"))
                .redirects().follow(false)
                .post("/ui/tasks/{task}/reports", task).then().statusCode(400);
        // A token that is not the cookie's.
        given().contentType(FORM).cookie(CSRF_COOKIE, page.csrf.cookie).formParam(CSRF_FIELD, "A" + page.csrf.token.substring(1))
                .formParams(report("IN_PROGRESS", "10", "giả mạo"))
                .redirects().follow(false)
                .post("/ui/tasks/{task}/reports", task).then().statusCode(400);
        given().get("/api/tasks/{task}/reports", task).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void invalidReportComesBackWithTheApisMessageNextToTheFieldAndWhatWasTyped() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0);

        FormPage.open(task).post(report("IN_PROGRESS", "50,5", "Giữ nguyên nội dung này")).then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("<p class=\"field-error\" id=\"percentComplete-error\">Tỷ lệ hoàn thành (%) phải là số nguyên từ 0 đến 100</p>"))
                .body(containsString("value=\"50,5\""))
                .body(containsString(">Giữ nguyên nội dung này</textarea>"))
                .body(containsString("<option value=\"IN_PROGRESS\" selected>"))
                .body(containsString("Báo cáo chưa được ghi nhận: hãy sửa các mục"));

        FormPage.open(task).post(report("IN_PROGRESS", "101", null)).then().statusCode(400)
                .body(containsString("Tỷ lệ hoàn thành (%) phải là số nguyên từ 0 đến 100"));
        FormPage.open(task).post(report("IN_PROGRESS", "", null)).then().statusCode(400)
                .body(containsString("Tỷ lệ hoàn thành (%) là bắt buộc (số nguyên từ 0 đến 100)"));

        FormPage.open(task).post(report("DONE", "80", null)).then().statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"percentComplete-error\">Trạng thái DONE (hoàn thành) cần percentComplete = 100, nhận được 80.</p>"));
        FormPage.open(task).post(report("NOT_STARTED", "5", null)).then().statusCode(400)
                .body(containsString("Trạng thái NOT_STARTED (chưa bắt đầu) cần percentComplete = 0, nhận được 5."));

        Map<String, Object> badUrl = report("IN_PROGRESS", "30", null);
        badUrl.put("evidenceTitle", List.of("Biên bản", "Quyết định", "", "", ""));
        badUrl.put("evidenceUrl", List.of("https://vanban.example.vn/bb.pdf", "javascript:alert(1)", "", "", ""));
        FormPage.open(task).post(badUrl).then().statusCode(400)
                .body(containsString("Tài liệu kiểm chứng 2: đường dẫn phải là địa chỉ http:// hoặc https://"))
                .body(containsString("value=\"javascript:alert(1)\""));

        Map<String, Object> untitled = report("IN_PROGRESS", "30", null);
        untitled.put("evidenceTitle", List.of("", "", "", "", ""));
        untitled.put("evidenceUrl", List.of("", "", "https://vanban.example.vn/bb.pdf", "", ""));
        FormPage.open(task).post(untitled).then().statusCode(400)
                .body(containsString("Tài liệu kiểm chứng 3: tên tài liệu là bắt buộc"));

        FormPage.open(task).post(report("IN_PROGRESS", "30", "x".repeat(2001))).then().statusCode(400)
                .body(containsString("Ghi chú dài tối đa 2000 ký tự"));

        given().get("/api/tasks/{task}/reports", task).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void sameFormPostedTwiceStoresOneReport() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0);
        FormPage page = FormPage.open(task);
        Map<String, Object> form = report("IN_PROGRESS", "40", "Bấm gửi hai lần");

        page.post(form).then().statusCode(303).header("Location", endsWith("?sent=report#bao-cao"));
        page.post(form).then().statusCode(303).header("Location", endsWith("?sent=again#bao-cao"));

        given().get("/api/tasks/{task}/reports", task).then().statusCode(200).body("", hasSize(1));
        given().get("/ui/tasks/{task}?sent=again", task).then().statusCode(200)
                .body(containsString("đã được ghi nhận ở lần gửi trước"));

        // The same form sent again with other content (back button, edit): not stored under the old key.
        page.post(report("IN_PROGRESS", "45", "Đã sửa sau khi gửi")).then().statusCode(409)
                .body(containsString("Biểu mẫu này đã được dùng để gửi một báo cáo khác"))
                .body(not(containsString("value=\"" + page.key + "\"")));
        given().get("/api/tasks/{task}/reports", task).then().statusCode(200).body("", hasSize(1));
        // A freshly rendered form has a new key.
        assertFalse(page.key.equals(FormPage.open(task).key));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void scriptInACommentIsShownAsText() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0);
        String comment = "<script>alert('xss')</script> & \"trích dẫn\" <b>đậm</b>";
        FormPage.open(task).post(report("BLOCKED", "20", comment)).then().statusCode(303);

        String html = given().get("/ui/tasks/{task}", task).then().statusCode(200).extract().asString();
        assertTrue(html.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; &amp; &quot;trích dẫn&quot; &lt;b&gt;đậm&lt;/b&gt;"),
                html);
        assertFalse(html.contains("<script>alert"));
        assertFalse(html.contains("<b>đậm</b>"));
        assertTrue(html.contains("Vướng mắc"));
        // Stored verbatim: escaping is the page's business.
        given().get("/api/tasks/{task}/reports", task).then().body("[0].comment", equalTo(comment));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void adminReportsOnBehalfOfTheLeadUnit() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0); // KHTC leads; the admin's unit VP only helps
        FormPage page = FormPage.open(task);
        assertTrue(page.html.contains("thay đơn vị chủ trì\n      <strong>Phòng Kế hoạch - Tài chính (KHTC)</strong>"), page.html);

        page.post(report("DONE", "100", "Quản trị viên cập nhật thay")).then().statusCode(303);

        given().get("/api/tasks/{task}/reports", task).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].unit", equalTo("KHTC"))
                .body("[0].role", equalTo("LEAD"))
                .body("[0].reportedBy", equalTo("admin"))
                .body("[0].changesTaskState", equalTo(true));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void closedPlanShowsTheTaskAndItsHistoryWithoutForms() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0);
        FormPage.open(task).post(report("IN_PROGRESS", "50", "Trước khi đóng kế hoạch")).then().statusCode(303);
        plan.status = "CLOSED";
        Broker.publish(plan, 2, index);

        String page = given().get("/ui/tasks/{task}", task).then().statusCode(200)
                .body(containsString("không còn ở trạng thái đã công bố"))
                .body(containsString("Trước khi đóng kế hoạch"))
                .extract().asString();
        // The header's sign-out form is on every page; no other form is left on a closed plan's task.
        assertFalse(page.replaceAll("<form class=\"par-logout\"[^>]*>", "").contains("<form"), page);
        assertFalse(given().get("/").then().statusCode(200).extract().asString().contains("/ui/tasks/" + task),
                "a closed plan's tasks are no longer the unit's to do");
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void formAddressOpenedAsAPageLeadsBackToTheTask() {
        UUID task = UUID.randomUUID();
        given().redirects().follow(false).get("/ui/tasks/{task}/reports", task).then().statusCode(303)
                .header("Location", endsWith("/ui/tasks/" + task + "#bao-cao"));
    }

    // ---- Indicators (chỉ số) and self-assessment -------------------------------------------------------------

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void leadUnitSelfAssessesAManualLeafThroughTheFormWithADecimalComma() {
        TestPlan plan = publishedPlan(); // a snapshot without rules: every leaf is MANUAL
        UUID task = plan.taskId(0);
        FormPage page = FormPage.open(task);
        assertTrue(page.html.contains("Tự chấm điểm tiêu chí 1.1"), page.html);
        assertTrue(page.html.contains("Điểm tối đa: <strong>3</strong>"), page.html);
        assertTrue(page.html.contains("Tiêu chí chưa được tự chấm điểm."), page.html);
        String action = "/ui/plans/" + plan.id + "/criteria/1.1/indicators";
        String form = page.indicatorForm();
        assertTrue(form.contains("action=\"" + action + "#chi-so\""), form);
        assertTrue(form.contains("data-rule=\"{&quot;type&quot;:&quot;MANUAL&quot;}\" data-max=\"3\""), form);
        assertTrue(form.contains("name=\"points\""), form);
        assertTrue(form.contains("<p id=\"chi-so-diem\""), form);
        assertTrue(page.html.contains("<script src=\"/portal/chi-so.js\" defer></script>"), page.html);

        Map<String, Object> fields = new HashMap<>(Map.of("points", "2,75", "comment", "Đạt 11/12 nội dung",
                "taskId", task.toString(),
                "evidenceTitle", List.of("Báo cáo CCHC quý IV", "", "", "", ""),
                "evidenceUrl", List.of("https://vanban.example.vn/bc-q4.pdf", "", "", "", "")));
        page.postIndicator(action, fields).then().statusCode(303)
                .header("Location", endsWith("/ui/tasks/" + task + "?sent=indicator-assessment#chi-so"));

        String after = given().get("/ui/tasks/{task}?sent=indicator-assessment", task).then().statusCode(200)
                .body(containsString("Điểm tự chấm đang được tính: <strong>2,75</strong>"))
                .body(containsString("Đạt 11/12 nội dung"))
                .body(containsString("Báo cáo CCHC quý IV"))
                .extract().asString();
        assertTrue(FormPage.indicatorForm(after).contains("<p class=\"notice notice-ok\" role=\"status\">Đã ghi nhận điểm tự chấm.</p>"),
                after);
        given().config(DECIMALS).get("/api/plans/{plan}/self-assessments", plan.id).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].criterionCode", equalTo("1.1"))
                .body("[0].unit", equalTo("KHTC"))
                .body("[0].points", equalTo(new BigDecimal("2.75")));

        fields.put("points", "1.5");
        FormPage.open(task).postIndicator(action, fields).then().statusCode(303);
        given().config(DECIMALS).get("/api/plans/{plan}/self-assessments", plan.id).then()
                .body("[0].points", equalTo(new BigDecimal("1.5")));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void selfAssessmentAboveTheMaximumOrNotANumberComesBackWithTheMessage() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(2); // criterion 2, an area that is its own leaf, maximum 2,5
        String action = "/ui/plans/" + plan.id + "/criteria/2/indicators";
        FormPage page = FormPage.open(task);
        assertTrue(page.html.contains("Điểm tối đa: <strong>2,5</strong>"), page.html);

        page.postIndicator(action, Map.of("points", "2,75", "comment", "Thử quá điểm", "taskId", task.toString()))
                .then().statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"points-error\">Điểm tự chấm 2.75 vượt điểm tối đa 2.5 của tiêu chí 2.</p>"))
                .body(containsString("value=\"2,75\""))
                .body(containsString(">Thử quá điểm</textarea>"));
        FormPage.open(task).postIndicator(action, Map.of("points", "hai", "taskId", task.toString())).then().statusCode(400)
                .body(containsString("Điểm tự chấm phải là một số, ví dụ 1,5 hoặc 1.5"));
        FormPage.open(task).postIndicator(action, Map.of("points", "-1", "taskId", task.toString())).then().statusCode(400)
                .body(containsString("Điểm tự chấm không được âm"));
        FormPage.open(task).postIndicator(action, Map.of("points", "", "taskId", task.toString())).then().statusCode(400)
                .body(containsString("Điểm tự chấm là bắt buộc"));
        FormPage.open(task).postIndicator(action, Map.of("points", "1,23456", "taskId", task.toString())).then().statusCode(400)
                .body(containsString("Điểm tự chấm có tối đa 4 chữ số thập phân"));

        given().get("/api/plans/{plan}/self-assessments", plan.id).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void eachLeafShowsTheFormOfItsRuleWithTheRuleInWords() {
        TestPlan plan = TestPlan.withRules();
        Broker.publish(plan, 1, index);

        String tiers = FormPage.open(plan.taskId(0)).indicatorForm();
        assertTrue(tiers.contains("<input type=\"radio\" name=\"option\" value=\"NO_VIOLATION\">"), tiers);
        assertTrue(tiers.contains("Có sai phạm <span class=\"muted\">(0 điểm)</span>"), tiers);
        assertFalse(tiers.contains("name=\"points\""), tiers);
        assertTrue(FormPage.open(plan.taskId(0)).html.contains(
                "Cách tính điểm: <strong>Không có sai phạm: 1 điểm; Có sai phạm: 0 điểm</strong>"));

        FormPage ratio = FormPage.open(plan.taskId(1));
        assertTrue(ratio.html.contains("Chỉ số của tiêu chí 7.2"), ratio.html);
        assertTrue(ratio.html.contains("đủ 4 điểm khi tỷ lệ đạt từ 70% trở lên"), ratio.html);
        String ratioForm = ratio.indicatorForm();
        assertTrue(ratioForm.contains("name=\"numerator\"") && ratioForm.contains("name=\"denominator\""), ratioForm);
        assertTrue(ratioForm.contains("data-rule=\"{&quot;type&quot;:&quot;RATIO&quot;,"), ratioForm);
        assertTrue(ratioForm.contains("data-max=\"4\""), ratioForm);
        assertFalse(ratioForm.contains("name=\"count\""), ratioForm);

        FormPage brackets = FormPage.open(plan.taskId(2));
        assertTrue(brackets.indicatorForm().contains("name=\"value\""));
        assertTrue(brackets.html.contains("<li>Từ 8 trở lên: 2 điểm</li><li>Từ 4 đến dưới 8: 1 điểm</li><li>Dưới 4: 0 điểm</li>"),
                brackets.html);
        assertTrue(FormPage.open(plan.taskId(3)).indicatorForm().contains("name=\"count\""));
        assertTrue(FormPage.open(plan.taskId(4)).indicatorForm().contains("name=\"violations\""));
        assertTrue(FormPage.open(plan.taskId(6)).indicatorForm().contains("name=\"points\""));

        String survey = FormPage.open(plan.taskId(5)).html;
        assertTrue(survey.contains("kết quả điều tra do quản trị viên nhập"), survey);
        assertFalse(survey.contains("id=\"chi-so\""), "a reporter has no survey form");

        String notApplicable = FormPage.open(plan.taskId(7)).html;
        assertTrue(notApplicable.contains("<strong>Không áp dụng</strong>: Sở không có đơn vị sự nghiệp tự chủ tài chính"),
                notApplicable);
        assertFalse(notApplicable.contains("id=\"chi-so\""), "a leaf that is not applicable has no form");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void adminEntersTheSurveyResultThroughTheForm() {
        TestPlan plan = TestPlan.withRules();
        Broker.publish(plan, 1, index);
        UUID task = plan.taskId(5);
        FormPage page = FormPage.open(task);
        assertTrue(page.indicatorForm().contains("name=\"percent\""), page.html);

        page.postIndicator("/ui/plans/" + plan.id + "/criteria/7.6/indicators",
                Map.of("percent", "82,35", "taskId", task.toString())).then().statusCode(303)
                .header("Location", endsWith("?sent=indicator#chi-so"));
        given().get("/ui/tasks/{task}", task).then().statusCode(200)
                .body(containsString("Chỉ số đang được tính: <strong>82,35% hài lòng</strong> → <strong>1,65 điểm</strong>"));
        given().get("/api/plans/{plan}/indicators", plan.id).then().statusCode(200)
                .body("find { it.criterionCode == '7.6' }.latest.unit", equalTo("KHTC"))
                .body("find { it.criterionCode == '7.6' }.latest.reportedBy", equalTo("admin"));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aRefusedIndicatorComesBackWithTheMessageAndAnAcceptedOneIsShownOnce() {
        TestPlan plan = TestPlan.withRules();
        Broker.publish(plan, 1, index);
        UUID task = plan.taskId(1); // 7.2, RATIO fullAt 70, maximum 4
        String action = "/ui/plans/" + plan.id + "/criteria/7.2/indicators";

        FormPage.open(task).postIndicator(action, Map.of("numerator", "51", "denominator", "50", "comment", "Quý III",
                "taskId", task.toString())).then().statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"numerator-error\">Tử số 51 lớn hơn mẫu số 50: số đạt "
                        + "không thể nhiều hơn tổng số.</p>"))
                .body(containsString("value=\"51\""))
                .body(containsString(">Quý III</textarea>"))
                .body(containsString("Chưa được ghi nhận: hãy sửa các mục"));
        FormPage.open(task).postIndicator(action, Map.of("numerator", "ba mươi", "denominator", "50", "taskId",
                task.toString())).then().statusCode(400)
                .body(containsString("Tử số phải là một số, ví dụ 1,5 hoặc 1.5"));
        FormPage.open(task).postIndicator(action, Map.of("numerator", "31", "taskId", task.toString())).then().statusCode(400)
                .body(containsString("<p class=\"field-error\" id=\"denominator-error\">Mẫu số là bắt buộc"));
        given().get("/api/plans/{plan}/indicators", plan.id).then()
                .body("find { it.criterionCode == '7.2' }.history", hasSize(0));

        FormPage page = FormPage.open(task);
        Map<String, Object> fields = Map.of("numerator", "31", "denominator", "50", "taskId", task.toString());
        page.postIndicator(action, fields).then().statusCode(303)
                .header("Location", endsWith("/ui/tasks/" + task + "?sent=indicator#chi-so"));
        page.postIndicator(action, fields).then().statusCode(303)
                .header("Location", endsWith("?sent=indicator-again#chi-so"));

        String after = given().get("/ui/tasks/{task}?sent=indicator", task).then().statusCode(200)
                .body(containsString("Chỉ số đang được tính: <strong>31/50</strong> → <strong>3,54 điểm</strong>"))
                .extract().asString();
        assertTrue(FormPage.indicatorForm(after).contains("<p class=\"notice notice-ok\" role=\"status\">Đã ghi nhận chỉ số.</p>"),
                after);
        given().config(DECIMALS).get("/api/plans/{plan}/indicators", plan.id).then()
                .body("find { it.criterionCode == '7.2' }.history", hasSize(1))
                .body("find { it.criterionCode == '7.2' }.latest.numerator", equalTo(31))
                .body("find { it.criterionCode == '7.2' }.points",
                        equalTo(new BigDecimal("3.542857142857142857142857142857143")));

        // The same form sent again with other content: not stored under the old key.
        page.postIndicator(action, Map.of("numerator", "40", "denominator", "50", "taskId", task.toString()))
                .then().statusCode(409)
                .body(containsString("Biểu mẫu này đã được dùng để gửi một chỉ số khác"));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aTiersChoiceIsShownWithItsLabelAndPoints() {
        TestPlan plan = TestPlan.withRules();
        Broker.publish(plan, 1, index);
        UUID task = plan.taskId(0);
        FormPage.open(task).postIndicator("/ui/plans/" + plan.id + "/criteria/7.1/indicators",
                Map.of("option", "VIOLATION", "taskId", task.toString())).then().statusCode(303);
        given().get("/ui/tasks/{task}", task).then().statusCode(200)
                .body(containsString("<strong>Có sai phạm</strong> → <strong>0 điểm</strong>"));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Map<String, Object> report(String status, String percent, String comment) {
        Map<String, Object> form = new HashMap<>();
        form.put("status", status);
        form.put("percentComplete", percent);
        if (comment != null) {
            form.put("comment", comment);
        }
        return form;
    }

    /** The table row of the task on the "my tasks" page. */
    private static String rowOf(String html, UUID task) {
        Matcher m = Pattern.compile("<tr[^>]*>((?:(?!</tr>).)*?/ui/tasks/" + task + ".*?)</tr>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), "no row for task " + task);
        return m.group(1);
    }

    /** The CSRF cookie a page set and the token of its forms (the same value, as the filter compares them). */
    private record Csrf(String cookie, String token) {

        /** Any GET the REST layer answers sets the cookie; for a viewer, who may not open the pages. */
        static Csrf fromApi(TestPlan plan) {
            String cookie = given().get("/api/plans/{plan}/tasks", plan.id).then().statusCode(200)
                    .extract().cookie(CSRF_COOKIE);
            assertNotNull(cookie, "the CSRF cookie is set");
            return new Csrf(cookie, cookie);
        }

        RequestSpecification form() {
            return given().contentType(FORM).cookie(CSRF_COOKIE, cookie).formParam(CSRF_FIELD, token)
                    .redirects().follow(false);
        }
    }

    /** A task page as a browser got it: its CSRF cookie, the forms' hidden token and idempotency key. */
    private record FormPage(String html, Csrf csrf, String key, UUID task) {

        static FormPage open(UUID task) {
            Response page = given().get("/ui/tasks/{task}", task).then().statusCode(200).extract().response();
            String html = page.asString();
            String cookie = page.getCookie(CSRF_COOKIE);
            assertNotNull(cookie, "the page sets the CSRF cookie");
            String token = hidden(html, CSRF_FIELD);
            assertEquals(cookie, token, "the form carries the cookie's token");
            return new FormPage(html, new Csrf(cookie, token), hidden(html, "idempotencyKey"), task);
        }

        /** Posts the report form as rendered: its hidden fields and the given ones. */
        Response post(Map<String, Object> fields) {
            return csrf.form().formParam("idempotencyKey", key).formParams(fields)
                    .post("/ui/tasks/{task}/reports", task);
        }

        /** Posts the indicator form as rendered: its hidden key and the given fields. */
        Response postIndicator(String action, Map<String, Object> fields) {
            return csrf.form().formParam("idempotencyKey", hidden(indicatorForm(), "idempotencyKey")).formParams(fields)
                    .post(action);
        }

        String indicatorForm() {
            return indicatorForm(html);
        }

        /** The {@code form#chi-so} of a page. */
        static String indicatorForm(String html) {
            Matcher m = Pattern.compile("<form id=\"chi-so\".*?</form>", Pattern.DOTALL).matcher(html);
            assertTrue(m.find(), "no form#chi-so on the page");
            return m.group();
        }

        private static String hidden(String html, String name) {
            Matcher m = Pattern.compile("<input type=\"hidden\" name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\">")
                    .matcher(html);
            assertTrue(m.find(), "no hidden field " + name);
            return m.group(1);
        }
    }
}
