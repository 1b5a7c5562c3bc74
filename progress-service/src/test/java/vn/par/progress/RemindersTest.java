package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import vn.par.infra.web.VietnameseFormats;
import vn.par.progress.appraisal.AppraisalRequests.Appraise;
import vn.par.progress.appraisal.AppraisalRequests.Explain;
import vn.par.progress.appraisal.AppraisalRequests.OpenRound;
import vn.par.progress.appraisal.AppraisalService;
import vn.par.progress.appraisal.RoundService;
import vn.par.progress.assessment.SelfAssessmentRequest;
import vn.par.progress.assessment.SelfAssessmentService;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.reminder.ReminderRuns;
import vn.par.progress.reminder.ReminderRuns.RunResult;
import vn.par.progress.reminder.ReminderSchedule;
import vn.par.progress.reminder.TodoItem;
import vn.par.progress.reminder.TodoKind;
import vn.par.progress.reminder.TodoList;
import vn.par.progress.report.Evidence;
import vn.par.progress.report.ReportRequest;
import vn.par.progress.report.ReportService;
import vn.par.progress.report.ReportStatus;
import vn.par.stack.testing.TestInfra;

/**
 * The daily reminders through the real API, database and SMTP (GreenMail in this JVM): one message per unit with its
 * items, the copy of long-overdue tasks to the agency's administrators, never an item twice on one day (also for two
 * runs at once), a failed send retried by the next run, the list of what was sent, and who may do what. Each test
 * works on an agency and units of its own and reads the mailboxes of its own addresses.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestMail.class, restrictToAnnotatedClass = false)
class RemindersTest {

    private static final Caller SNV = new Caller("snv", null, false, null, true, false);

    @Inject
    PlanIndex index;
    @Inject
    ReportService reports;
    @Inject
    ReminderRuns runs;
    @Inject
    TodoList todo;
    @Inject
    RoundService rounds;
    @Inject
    SelfAssessmentService assessments;
    @Inject
    AppraisalService appraisals;
    @Inject
    Scheduler scheduler;

    /** An agency of its own with units A and B, their addresses and the agency administrator's. */
    record Agency(String tag, String name, String a, String b, String mailA, String mailB, String mailAdmin) {
        static Agency fresh() {
            String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
            return new Agency(tag, "Sở Thử nghiệm Nhắc việc " + tag, "RA" + tag, "RB" + tag,
                    "ra-" + tag.toLowerCase(Locale.ROOT) + "@example.vn", "rb-" + tag.toLowerCase(Locale.ROOT) + "@example.vn",
                    "quantri-" + tag.toLowerCase(Locale.ROOT) + "@example.vn");
        }

        TestPlan plan() {
            return new TestPlan().agency(name, List.of(a, b))
                    .units(List.of(Map.of("code", a, "name", "Phòng A " + tag), Map.of("code", b, "name", "Phòng B " + tag)));
        }
    }

    /**
     * On {@code date}: task 0 (1.1, target 2.5) due tomorrow and task 1 (1.2, target 1.5) overdue 15 days, both led by
     * A; task 2 (1.1) led by A, overdue but done; task 3 (1.3) led by B, due in a month. Addresses set for A, B and the
     * agency's administrators.
     */
    private TestPlan publishWithContacts(Agency agency, LocalDate date) {
        TestPlan plan = agency.plan()
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", false, "6")
                .criterion("1.1", "1", "Ban hành kế hoạch CCHC năm", true, "3")
                .criterion("1.2", "1", "Báo cáo CCHC định kỳ", true, "2")
                .criterion("1.3", "1", "Tuyên truyền CCHC", true, "1")
                .target("1.1", "2.5").target("1.2", "1.5").target("1.3", "1")
                .task("1.1", "Ban hành kế hoạch CCHC năm " + agency.tag(), List.of(agency.a()), List.of(agency.b()))
                .task("1.2", "Gửi báo cáo quý " + agency.tag(), List.of(agency.a()), List.of())
                .task("1.1", "Lập danh mục văn bản " + agency.tag(), List.of(agency.a()), List.of())
                .task("1.3", "Viết tin bài " + agency.tag(), List.of(agency.b()), List.of())
                .dueDate(0, date.plusDays(1)).dueDate(1, date.minusDays(15)).dueDate(2, date.minusDays(20))
                .dueDate(3, date.plusDays(30));
        Broker.publish(plan, 1, index);
        reports.submit(new Caller("admin", null, true), plan.taskId(2),
                new ReportRequest(ReportStatus.DONE, 100, null, null, null), null);
        putContact(agency.a(), agency.mailA(), "Phòng A " + agency.tag());
        putContact(agency.b(), agency.mailB(), null);
        given().contentType(ContentType.JSON).body(Map.of("agency", agency.name(), "adminEmails", List.of(agency.mailAdmin())))
                .put("/api/agencies/contact").then().statusCode(200)
                .body("agency", equalTo(agency.name())).body("adminEmails[0]", equalTo(agency.mailAdmin()));
        return plan;
    }

    private static void putContact(String unit, String email, String name) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email));
        if (name != null) {
            body.put("name", name);
        }
        given().contentType(ContentType.JSON).body(body).put("/api/units/{code}/contact", unit).then().statusCode(200)
                .body("code", equalTo(unit)).body("email", equalTo(email)).body("updatedBy", equalTo("admin"));
    }

    /** The run's answer: {@code messages}, {@code items}, {@code failures[].recipient}. */
    private static JsonPath run(LocalDate date) {
        return given().post("/api/admin/reminders/run?date=" + date).then().statusCode(200)
                .body("date", equalTo(date.toString())).extract().jsonPath();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void oneRunSendsEachUnitOneMessageWithItsItemsAndTheAgencyAdminsTheLongOverdueTask() throws Exception {
        Agency agency = Agency.fresh();
        LocalDate date = LocalDate.of(2031, 3, 10);
        TestPlan plan = publishWithContacts(agency, date);

        JsonPath first = run(date);
        assertEquals(List.of(), first.getList("failures"), first.prettify());
        assertTrue(first.getInt("messages") >= 2 && first.getInt("items") >= 3, first.prettify());

        List<MimeMessage> toA = TestMail.to(agency.mailA());
        assertEquals(1, toA.size(), "one message for unit A");
        MimeMessage a = toA.get(0);
        assertEquals("[Chỉ số CCHC] Việc cần làm ngày 10/03/2031: 2 việc — Phòng A " + agency.tag() + " (" + agency.a() + ")",
                a.getSubject());
        String body = text(a);
        assertTrue(body.contains("Kính gửi Phòng A " + agency.tag() + " (" + agency.a() + ")"), body);
        assertTrue(body.contains("Kế hoạch năm 2024 — " + agency.name()), body);
        assertTrue(body.contains("1. Nhiệm vụ quá hạn 15 ngày (hạn 23/02/2031): Gửi báo cáo quý " + agency.tag()), body);
        assertTrue(body.contains("Tiêu chí 1.2 Báo cáo CCHC định kỳ · điểm mục tiêu: 1,5"), body);
        assertTrue(body.contains("2. Nhiệm vụ đến hạn 11/03/2031 (còn 1 ngày): Ban hành kế hoạch CCHC năm " + agency.tag()),
                body);
        assertTrue(body.contains("Tiêu chí 1.1 Ban hành kế hoạch CCHC năm · điểm mục tiêu: 2,5"), body);
        assertTrue(body.contains("http://localhost:8082/ui/tasks/" + plan.taskId(0)), body);
        assertTrue(body.contains("http://localhost:8082/ui/tasks/" + plan.taskId(1)), body);
        assertFalse(body.contains("Lập danh mục văn bản"), "a task reported done is not a reminder: " + body);
        assertFalse(body.contains("Viết tin bài"), "B's task is not A's: " + body);

        assertTrue(TestMail.to(agency.mailB()).isEmpty(), "unit B has nothing due within 7 days: no message");

        List<MimeMessage> toAdmin = TestMail.to(agency.mailAdmin());
        assertEquals(1, toAdmin.size(), "one copy for the agency's administrator");
        assertEquals("[Chỉ số CCHC] 1 nhiệm vụ quá hạn hơn 14 ngày — " + agency.name() + " (10/03/2031)",
                toAdmin.get(0).getSubject());
        String copy = text(toAdmin.get(0));
        assertTrue(copy.contains("Gửi báo cáo quý " + agency.tag()) && copy.contains("Đơn vị chủ trì: " + agency.a()), copy);
        assertFalse(copy.contains("Ban hành kế hoạch CCHC năm " + agency.tag()), "a task due tomorrow is not escalated");

        JsonPath second = run(date);
        assertEquals(0, second.getInt("messages"), "the same day again sends nothing: " + second.prettify());
        assertEquals(1, TestMail.to(agency.mailA()).size());
        assertEquals(1, TestMail.to(agency.mailAdmin()).size());

        given().get("/api/admin/reminders?date=" + date).then().statusCode(200)
                .body("findAll { it.recipient == '" + agency.mailA() + "' }.size()", equalTo(1))
                .body("find { it.recipient == '" + agency.mailA() + "' }.kind", equalTo("UNIT"))
                .body("find { it.recipient == '" + agency.mailA() + "' }.unit", equalTo(agency.a()))
                .body("find { it.recipient == '" + agency.mailA() + "' }.subject", equalTo(a.getSubject()))
                .body("find { it.recipient == '" + agency.mailA() + "' }.items.key",
                        equalTo(List.of("task-overdue:" + plan.taskId(1), "task-due:" + plan.taskId(0))))
                .body("find { it.recipient == '" + agency.mailA() + "' }.items[0].points", equalTo(1.5f))
                .body("find { it.recipient == '" + agency.mailA() + "' }.sentAt", containsString("T"))
                .body("find { it.recipient == '" + agency.mailAdmin() + "' }.kind", equalTo("AGENCY_ADMIN"))
                .body("find { it.recipient == '" + agency.mailAdmin() + "' }.agency", equalTo(agency.name()))
                .body("find { it.recipient == '" + agency.mailAdmin() + "' }.items.key",
                        equalTo(List.of("task-overdue:" + plan.taskId(1))))
                .body("findAll { it.recipient == '" + agency.mailB() + "' }.size()", equalTo(0));
        given().get("/api/admin/reminders?date=" + date.plusDays(1)).then().statusCode(200)
                .body("findAll { it.recipient == '" + agency.mailA() + "' }.size()", equalTo(0));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void twoRunsAtOnceSendEachItemOnce() throws Exception {
        Agency agency = Agency.fresh();
        LocalDate date = LocalDate.of(2031, 4, 10);
        publishWithContacts(agency, date);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<RunResult>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            both.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return runs.run(date);
            }));
        }
        go.countDown();
        for (CompletableFuture<RunResult> run : both) {
            assertTrue(run.get(60, TimeUnit.SECONDS).failures().isEmpty());
        }
        assertEquals(1, TestMail.to(agency.mailA()).size(), "one message to A for both runs");
        String body = text(TestMail.to(agency.mailA()).get(0));
        assertTrue(body.contains("Gửi báo cáo quý") && body.contains("Ban hành kế hoạch CCHC năm"), body);
        assertEquals(1, TestMail.to(agency.mailAdmin()).size(), "one copy to the administrator for both runs");
        given().get("/api/admin/reminders?date=" + date).then().statusCode(200)
                .body("findAll { it.recipient == '" + agency.mailA() + "' }.size()", equalTo(1))
                .body("find { it.recipient == '" + agency.mailA() + "' }.items.size()", equalTo(2));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aSendThatFailsIsRolledBackAndSentByTheNextRun() throws Exception {
        Agency agency = Agency.fresh();
        LocalDate date = LocalDate.of(2031, 5, 10);
        publishWithContacts(agency, date);
        TestMail.down();
        JsonPath failed;
        try {
            failed = run(date);
        } finally {
            TestMail.up();
        }
        assertTrue(failed.getList("failures.recipient").contains(agency.mailA()), failed.prettify());
        assertTrue(failed.getString("failures[0].detail").contains("sẽ được gửi lại ở lần chạy sau"), failed.prettify());
        given().get("/api/admin/reminders?date=" + date).then().statusCode(200)
                .body("findAll { it.recipient == '" + agency.mailA() + "' }.size()", equalTo(0));

        JsonPath retried = run(date);
        assertEquals(List.of(), retried.getList("failures"), retried.prettify());
        assertEquals(1, TestMail.to(agency.mailA()).size());
        assertEquals(1, TestMail.to(agency.mailAdmin()).size());
        given().get("/api/admin/reminders?date=" + date).then().statusCode(200)
                .body("find { it.recipient == '" + agency.mailA() + "' }.items.size()", equalTo(2));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theRoundsAddLeavesToSelfAssessTheirEvidenceAndExplanationsWithTheirDeadlines() {
        Agency agency = Agency.fresh();
        TestPlan plan = agency.plan()
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", false, "6")
                .criterion("1.1", "1", "Ban hành kế hoạch CCHC năm", true, "3")
                .criterion("1.2", "1", "Báo cáo CCHC định kỳ", true, "2")
                .criterion("1.3", "1", "Tuyên truyền CCHC", true, "1")
                .target("1.2", "1.5")
                .task("1.1", "Kế hoạch", List.of(agency.a()), List.of())
                .task("1.2", "Báo cáo", List.of(agency.a()), List.of())
                .task("1.3", "Tin bài", List.of(agency.b()), List.of())
                .withoutDueDate(0).withoutDueDate(1).withoutDueDate(2);
        Broker.publish(plan, 1, index);
        Caller a = new Caller("ra", agency.a(), false);
        assessments.assess(a, plan.id, "1.1", new SelfAssessmentRequest(new BigDecimal("3"), null,
                List.of(new Evidence("Kế hoạch 01/KH", "https://vanban.example.vn/01.pdf")), null));
        assessments.assess(a, plan.id, "1.2", new SelfAssessmentRequest(new BigDecimal("2"), null, null, null));
        rounds.open(SNV, plan.id, new OpenRound("SELF_ASSESSMENT", "2031-06-20T17:00:00+07:00"));

        assertEquals(List.of(), todo.forUnit(agency.a(), LocalDate.of(2031, 6, 5)), "15 days before the deadline: nothing yet");
        List<TodoItem> a14 = todo.forUnit(agency.a(), LocalDate.of(2031, 6, 6));
        assertEquals(List.of(TodoKind.EVIDENCE), a14.stream().map(TodoItem::kind).toList(), "1.2 has no evidence: " + a14);
        assertEquals("1.2", a14.get(0).criterionCode());
        assertEquals(new BigDecimal("1.5"), a14.get(0).points().stripTrailingZeros());
        assertEquals("http://localhost:8082/ui/tasks/" + plan.taskId(1), a14.get(0).link());
        List<TodoItem> b = todo.forUnit(agency.b(), LocalDate.of(2031, 6, 20));
        assertEquals(List.of(TodoKind.SELF_ASSESSMENT), b.stream().map(TodoItem::kind).toList(), "on the deadline's day");
        assertEquals("2031-06-20T10:00:00Z", b.get(0).deadline().toString());
        assertEquals(List.of(), todo.forUnit(agency.b(), LocalDate.of(2031, 6, 21)), "after the deadline's day");

        rounds.open(SNV, plan.id, new OpenRound("APPRAISAL", "2031-06-25T17:00:00+07:00"));
        appraisals.appraise(SNV, plan.id, "1.2", new Appraise(new BigDecimal("1"), "Thiếu tài liệu kiểm chứng"));
        rounds.open(SNV, plan.id, new OpenRound("EXPLANATION", "2031-06-30T17:00:00+07:00"));
        List<TodoItem> explain = todo.forUnit(agency.a(), LocalDate.of(2031, 6, 28));
        assertEquals(List.of(TodoKind.EXPLANATION), explain.stream().map(TodoItem::kind).toList(), explain.toString());
        assertEquals("1.2", explain.get(0).criterionCode());
        assertEquals("2031-06-30T10:00:00Z", explain.get(0).deadline().toString());
        appraisals.explain(a, plan.id, "1.2", new Explain("Đã bổ sung báo cáo", null, null));
        assertEquals(List.of(), todo.forUnit(agency.a(), LocalDate.of(2031, 6, 28)), "explained: nothing left");
    }

    @Test
    @TestSecurity(user = "ra", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "RAPORTAL1"))
    void theUnitPortalHomeListsTheSameItemsLive() {
        LocalDate today = LocalDate.now(VietnameseFormats.VIETNAM);
        TestPlan plan = new TestPlan().agency("Sở Thử nghiệm Cổng đơn vị " + UUID.randomUUID(), List.of("RAPORTAL1"))
                .units(List.of(Map.of("code", "RAPORTAL1", "name", "Phòng Cổng")))
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC", true, "3").target("1", "2.5")
                .task("1", "Nhiệm vụ đến hạn " + today, List.of("RAPORTAL1"), List.of())
                .dueDate(0, today.plusDays(1));
        Broker.publish(plan, 1, index);
        given().get("/").then().statusCode(200)
                .body(containsString("Việc cần làm"))
                .body(containsString("data-key=\"task-due:" + plan.taskId(0) + "\""))
                .body(containsString("Nhiệm vụ đến hạn " + VietnameseFormats.vi(today.plusDays(1)) + " (còn 1 ngày): "
                        + "Nhiệm vụ đến hạn " + today))
                .body(containsString("điểm mục tiêu: 2,5"))
                .body(containsString("href=\"/ui/tasks/" + plan.taskId(0) + "\""));
    }

    @Test
    void theScheduleRunsEveryDayAt0730InVietnam() {
        Trigger job = scheduler.getScheduledJob(ReminderSchedule.JOB);
        assertTrue(job != null, "the daily job is scheduled (par.reminders.enabled=false only skips its runs here)");
        ZonedDateTime next = job.getNextFireTime().atZone(VietnameseFormats.VIETNAM);
        assertEquals(LocalTime.of(7, 30), next.toLocalTime());
        assertTrue(next.isBefore(ZonedDateTime.now(VietnameseFormats.VIETNAM).plusDays(1).plusMinutes(1)), "every day: " + next);
    }

    @Test
    void withoutATokenEveryReminderEndpointIs401() {
        given().post("/api/admin/reminders/run").then().statusCode(401);
        given().get("/api/admin/reminders").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"email\":\"a@example.vn\"}").put("/api/units/VP/contact").then()
                .statusCode(401);
        given().get("/api/units/contacts").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"agency\":\"x\",\"adminEmails\":[\"a@example.vn\"]}")
                .put("/api/agencies/contact").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aReporterIsRefusedEveryReminderEndpoint() {
        given().post("/api/admin/reminders/run").then().statusCode(403);
        given().get("/api/admin/reminders").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"email\":\"a@example.vn\"}").put("/api/units/KHTC/contact").then()
                .statusCode(403);
        given().get("/api/units/contacts").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "sldtbxh", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = "Sở Thử nghiệm Quản trị cơ quan"))
    void anAgencyAdminSetsItsOwnAgencysAddressesOnlyAndDoesNotRunReminders() {
        Broker.publish(new TestPlan().agency("Sở Thử nghiệm Quản trị cơ quan", List.of("QTA1"))
                .criterion("1", null, "CÔNG TÁC CHỈ ĐẠO", true, "1").task("1", "x", List.of("QTA1"), List.of()), 1, index);
        given().post("/api/admin/reminders/run").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("quản trị viên cấp tỉnh"));
        given().get("/api/admin/reminders").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"email\":\"qta1@example.vn\"}").put("/api/units/QTA1/contact").then()
                .statusCode(200);
        given().contentType(ContentType.JSON).body("{\"email\":\"vp@example.vn\"}").put("/api/units/VP/contact").then()
                .statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("agency", "Sở Lao động - Thương binh và Xã hội",
                "adminEmails", List.of("x@example.vn"))).put("/api/agencies/contact").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("agency", "sở thử nghiệm  quản trị cơ quan",
                "adminEmails", List.of("qt@example.vn"))).put("/api/agencies/contact").then().statusCode(200);
        given().get("/api/units/contacts").then().statusCode(200)
                .body("code", equalTo(List.of("QTA1")));
        given().get("/api/agencies/contacts").then().statusCode(200)
                .body("adminEmails", equalTo(List.of(List.of("qt@example.vn"))));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void badInputIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"email\":\"không-phải-email\"}").put("/api/units/VP/contact").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("email"));
        given().contentType(ContentType.JSON).body("{\"email\":\"a@example.vn\"}").put("/api/units/vp thường/contact").then()
                .statusCode(400).body("field", equalTo("code"));
        given().contentType(ContentType.JSON).body("{\"agency\":\"Sở A\",\"adminEmails\":[]}").put("/api/agencies/contact")
                .then().statusCode(400).body("field", equalTo("adminEmails"));
        given().post("/api/admin/reminders/run?date=10/01/2025").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("date"));
        given().get("/api/admin/reminders?date=2025-13-01").then().statusCode(400).body("field", equalTo("date"));
    }

    private static String text(MimeMessage message) throws MessagingException, IOException {
        return (String) message.getContent();
    }
}
