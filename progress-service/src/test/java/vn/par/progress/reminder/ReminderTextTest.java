package vn.par.progress.reminder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The words of a reminder: Vietnamese, dates and deadlines in Vietnam's time, points with a decimal comma, links. */
class ReminderTextTest {

    private static final LocalDate DATE = LocalDate.of(2025, 1, 10);
    private static final UUID PLAN = UUID.fromString("0b0f0000-0000-4000-8000-000000000001");
    private static final UUID TASK = UUID.fromString("7d3a0000-0000-4000-8000-000000000002");
    private static final String AGENCY = "Sở Lao động - Thương binh và Xã hội";
    private static final String PORTAL = "http://localhost:8082/";

    private static TodoItem task(TodoKind kind, LocalDate due, String points) {
        return new TodoItem(kind, PLAN, AGENCY, 2024, List.of("KHTC"), "1.1", "Ban hành kế hoạch CCHC năm", TASK,
                "Ban hành kế hoạch CCHC năm 2025", due, null, points == null ? null : new BigDecimal(points),
                PORTAL + "ui/tasks/" + TASK);
    }

    private static TodoItem leaf(TodoKind kind, String code, String points) {
        return new TodoItem(kind, PLAN, AGENCY, 2024, List.of("KHTC"), code, "Công khai thủ tục hành chính", null, null,
                null, Instant.parse("2025-01-20T10:00:00Z"), new BigDecimal(points), PORTAL);
    }

    @Test
    void aUnitsMessageListsEveryItemWithItsDeadlinePointsAndLink() {
        ReminderText.Message m = ReminderText.forUnit("Phòng Kế hoạch - Tài chính (KHTC)", DATE, List.of(
                task(TodoKind.TASK_OVERDUE, LocalDate.of(2024, 12, 26), "2.5"),
                task(TodoKind.TASK_DUE, LocalDate.of(2025, 1, 11), "0.25"),
                leaf(TodoKind.SELF_ASSESSMENT, "6.1.2", "2"),
                leaf(TodoKind.EVIDENCE, "7.2", "3.75")), PORTAL);

        assertEquals("[Chỉ số CCHC] Việc cần làm ngày 10/01/2025: 4 việc — Phòng Kế hoạch - Tài chính (KHTC)", m.subject());
        String body = m.body();
        assertTrue(body.startsWith("Kính gửi Phòng Kế hoạch - Tài chính (KHTC),\n\nTính đến ngày 10/01/2025, đơn vị có 4 việc"),
                body);
        assertTrue(body.contains("\nKế hoạch năm 2024 — Sở Lao động - Thương binh và Xã hội\n"
                + "1. Nhiệm vụ quá hạn 15 ngày (hạn 26/12/2024): Ban hành kế hoạch CCHC năm 2025\n"
                + "   Tiêu chí 1.1 Ban hành kế hoạch CCHC năm · điểm mục tiêu: 2,5\n"
                + "   http://localhost:8082/ui/tasks/" + TASK + "\n"
                + "2. Nhiệm vụ đến hạn 11/01/2025 (còn 1 ngày): Ban hành kế hoạch CCHC năm 2025\n"
                + "   Tiêu chí 1.1 Ban hành kế hoạch CCHC năm · điểm mục tiêu: 0,25\n"), body);
        assertTrue(body.contains("3. Chưa tự chấm điểm (chưa báo cáo chỉ số) — hạn tự chấm điểm 17:00 ngày 20/01/2025 "
                + "(giờ Việt Nam)\n   Tiêu chí 6.1.2 Công khai thủ tục hành chính · điểm mục tiêu: 2\n"), body);
        assertTrue(body.contains("4. Điểm tự chấm chưa có tài liệu kiểm chứng — hạn tự chấm điểm 17:00 ngày 20/01/2025"), body);
        assertTrue(body.contains("điểm mục tiêu: 3,75"), body);
        assertEquals(1, body.split("Kế hoạch năm 2024", -1).length - 1, "one plan heading for items of one plan");
        assertTrue(body.contains("mục \"Việc cần làm\" của Cổng đơn vị: http://localhost:8082/"), body);
        assertTrue(body.contains("xin đừng trả lời thư này"), body);
    }

    @Test
    void aTaskDueTodayAnExplanationAndUnknownPointsAreSaidSo() {
        assertEquals("Nhiệm vụ đến hạn 10/01/2025 (hôm nay): Ban hành kế hoạch CCHC năm 2025",
                ReminderText.line(task(TodoKind.TASK_DUE, DATE, null), DATE));
        assertEquals("Tiêu chí 1.1 Ban hành kế hoạch CCHC năm", ReminderText.criterion(task(TodoKind.TASK_DUE, DATE, null)),
                "a plan copied before target points were carried states none");
        assertEquals("Bị điều chỉnh khi thẩm định, cần giải trình — hạn giải trình 17:00 ngày 20/01/2025 (giờ Việt Nam)",
                ReminderText.line(leaf(TodoKind.EXPLANATION, "6.1.2", "2"), DATE));
        assertEquals("Tiêu chí 1.1 Ban hành kế hoạch CCHC năm · điểm mục tiêu: 1.234,57",
                ReminderText.criterion(task(TodoKind.TASK_DUE, DATE, "1234.565")), "rounded half up, grouped with dots");
    }

    @Test
    void theAgencyAdminsCopyNamesTheLeadUnitsOfTheLongOverdueTasks() {
        ReminderText.Message m = ReminderText.forAgencyAdmins(AGENCY, DATE,
                List.of(task(TodoKind.TASK_OVERDUE, LocalDate.of(2024, 12, 26), "2.5")), PORTAL);
        assertEquals("[Chỉ số CCHC] 1 nhiệm vụ quá hạn hơn 14 ngày — Sở Lao động - Thương binh và Xã hội (10/01/2025)",
                m.subject());
        assertTrue(m.body().startsWith("Kính gửi quản trị viên Sở Lao động - Thương binh và Xã hội,\n"), m.body());
        assertTrue(m.body().contains("1. Nhiệm vụ quá hạn 15 ngày (hạn 26/12/2024): Ban hành kế hoạch CCHC năm 2025\n"
                + "   Tiêu chí 1.1 Ban hành kế hoạch CCHC năm · điểm mục tiêu: 2,5\n"
                + "   Đơn vị chủ trì: KHTC\n"
                + "   http://localhost:8082/ui/tasks/" + TASK + "\n"), m.body());
    }

    @Test
    void theItemKeyIsTheTaskOrThePlansLeafWithItsKind() {
        assertEquals("task-overdue:" + TASK, task(TodoKind.TASK_OVERDUE, DATE, null).key());
        assertEquals("task-due:" + TASK, task(TodoKind.TASK_DUE, DATE, null).key());
        assertEquals("evidence:" + PLAN + ":7.2", leaf(TodoKind.EVIDENCE, "7.2", "1").key());
    }
}
