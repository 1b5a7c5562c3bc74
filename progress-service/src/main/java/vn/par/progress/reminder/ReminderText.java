package vn.par.progress.reminder;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import vn.par.infra.web.VietnameseFormats;

/**
 * The words of a reminder, in Vietnamese: a unit's list of what it must do, and the copy of long-overdue tasks to its
 * agency's administrators. Each item says what to do, by when, the criterion and its target points (the points at
 * stake, written {@code 2,5}) and the portal page to do it on. The portal's "Việc cần làm" shows the same lines.
 */
public final class ReminderText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");
    private static final String SIGNATURE = "Thư này do hệ thống theo dõi Chỉ số CCHC gửi tự động, mỗi việc nhắc một lần "
            + "trong ngày; xin đừng trả lời thư này.";

    /** A message ready to send. */
    public record Message(String subject, String body) {
    }

    private ReminderText() {
    }

    /**
     * A unit's reminder: every item, grouped by plan in the order given.
     *
     * @param unitLabel how the unit is addressed ("Phòng Kế hoạch - Tài chính (KHTC)")
     * @param portal    the unit portal's home, where the list is kept up to date
     */
    public static Message forUnit(String unitLabel, LocalDate date, List<TodoItem> items, String portal) {
        String subject = "[Chỉ số CCHC] Việc cần làm ngày " + VietnameseFormats.vi(date) + ": " + items.size() + " việc — "
                + unitLabel;
        StringBuilder body = new StringBuilder();
        body.append("Kính gửi ").append(unitLabel).append(",\n\n")
                .append("Tính đến ngày ").append(VietnameseFormats.vi(date)).append(", đơn vị có ").append(items.size())
                .append(" việc cần làm để không bị mất điểm Chỉ số CCHC:\n");
        list(body, items, date, false);
        body.append("\nDanh sách luôn được cập nhật ở mục \"Việc cần làm\" của Cổng đơn vị: ").append(portal).append("\n\n")
                .append(SIGNATURE).append('\n');
        return new Message(subject, body.toString());
    }

    /** The copy to an agency's administrators: the tasks overdue for more than two weeks, with their lead units. */
    public static Message forAgencyAdmins(String agency, LocalDate date, List<TodoItem> items, String portal) {
        String subject = "[Chỉ số CCHC] " + items.size() + " nhiệm vụ quá hạn hơn " + TodoList.ESCALATE_AFTER_DAYS
                + " ngày — " + agency + " (" + VietnameseFormats.vi(date) + ")";
        StringBuilder body = new StringBuilder();
        body.append("Kính gửi quản trị viên ").append(agency).append(",\n\n")
                .append("Tính đến ngày ").append(VietnameseFormats.vi(date)).append(", các nhiệm vụ sau đã quá hạn hơn ")
                .append(TodoList.ESCALATE_AFTER_DAYS).append(" ngày mà đơn vị chủ trì chưa báo cáo hoàn thành; "
                        + "thư nhắc cũng đã gửi tới các đơn vị này:\n");
        list(body, items, date, true);
        body.append("\nCổng đơn vị: ").append(portal).append("\n\n").append(SIGNATURE).append('\n');
        return new Message(subject, body.toString());
    }

    /** What the item asks for, with its date or deadline: the first line of an item, and the portal's line. */
    public static String line(TodoItem item, LocalDate date) {
        return switch (item.kind()) {
            case TASK_OVERDUE -> "Nhiệm vụ quá hạn " + ChronoUnit.DAYS.between(item.dueDate(), date) + " ngày (hạn "
                    + VietnameseFormats.vi(item.dueDate()) + "): " + item.description();
            case TASK_DUE -> "Nhiệm vụ đến hạn " + dueIn(item.dueDate(), date) + ": " + item.description();
            case SELF_ASSESSMENT -> "Chưa tự chấm điểm (chưa báo cáo chỉ số) — hạn tự chấm điểm " + deadline(item);
            case EVIDENCE -> "Điểm tự chấm chưa có tài liệu kiểm chứng — hạn tự chấm điểm " + deadline(item);
            case EXPLANATION -> "Bị điều chỉnh khi thẩm định, cần giải trình — hạn giải trình " + deadline(item);
        };
    }

    /** The criterion and what is at stake: "Tiêu chí 1.1 Thực hiện kế hoạch CCHC · điểm mục tiêu: 2,5". */
    public static String criterion(TodoItem item) {
        return "Tiêu chí " + item.criterionCode() + (item.criterionTitle() == null || item.criterionTitle().isBlank() ? ""
                : " " + item.criterionTitle()) + (item.points() == null ? "" : " · điểm mục tiêu: "
                        + VietnameseFormats.vi(item.points()));
    }

    private static void list(StringBuilder body, List<TodoItem> items, LocalDate date, boolean withUnits) {
        UUID plan = null;
        int number = 0;
        for (TodoItem item : items) {
            if (!Objects.equals(plan, item.planId())) {
                plan = item.planId();
                body.append("\nKế hoạch năm ").append(item.year()).append(" — ").append(item.agency()).append('\n');
            }
            body.append(++number).append(". ").append(line(item, date)).append('\n')
                    .append("   ").append(criterion(item)).append('\n');
            if (withUnits) {
                body.append("   Đơn vị chủ trì: ").append(String.join(", ", item.units())).append('\n');
            }
            body.append("   ").append(item.link()).append('\n');
        }
    }

    private static String dueIn(LocalDate due, LocalDate date) {
        long days = ChronoUnit.DAYS.between(date, due);
        return VietnameseFormats.vi(due) + (days == 0 ? " (hôm nay)" : " (còn " + days + " ngày)");
    }

    private static String deadline(TodoItem item) {
        return TIME.format(item.deadline().atZone(VietnameseFormats.VIETNAM)) + " (giờ Việt Nam)";
    }
}
