package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.MailServer;
import vn.par.stack.SampleData;
import vn.par.stack.Stack;

/**
 * The daily reminders over the whole stack, read back from its real SMTP server (GreenMail): on a fresh published plan
 * of the sample agency, two tasks led by KHTC get due dates through criteria-service (tomorrow, and 15 days ago);
 * progress-service learns them from par.plans; one run sends KHTC one message with both, and the agency's
 * administrator a copy of the one overdue for more than 14 days; a second run the same day sends nothing; the list of
 * the day's reminders names them. Other plans of the stack may add items of their own to KHTC's message: only these two
 * are asserted.
 */
@ExtendWith(SystemStack.class)
class RemindersIT {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String KHTC = "khtc@example.vn";
    private static final String AGENCY_ADMIN = "sldtbxh@example.vn";

    @Test
    void aRunSendsEachUnitItsItemsOnceAndTheAgencyAdminTheLongOverdueTask() {
        Stack stack = SystemStack.stack();
        MailServer mail = stack.mail();
        String admin = stack.token("admin", "admin");
        String criteria = stack.url("criteria-service");
        String progress = stack.url("progress-service");
        new SampleData().loadContacts(progress, admin, SystemStack::log);

        PlanModel plan = Scenario.publishedPlan(stack, 2071);
        List<PlanModel.Leaf> leaves = new ArrayList<>();
        for (PlanModel.Leaf leaf : plan.leaves()) {
            if (leaf.tasks().stream().anyMatch(t -> t.leadUnits().contains("KHTC")) && leaves.size() < 2) {
                leaves.add(leaf);
            }
        }
        assertEquals(2, leaves.size(), "the sample plan has two leaves with a task KHTC leads");
        LocalDate today = LocalDate.now(VIETNAM);
        UUID dueTomorrow = dueDate(criteria, admin, plan, leaves.get(0), "Nhắc việc 2071: đến hạn ngày mai", today.plusDays(1));
        UUID overdue = dueDate(criteria, admin, plan, leaves.get(1), "Nhắc việc 2071: quá hạn 15 ngày", today.minusDays(15));
        Await.until("progress-service learns both due dates", Duration.ofSeconds(60), () -> {
            JsonNode tasks = Http.get(progress + "/api/plans/" + plan.id() + "/tasks", admin).json().get("tasks");
            return dueDateOf(tasks, dueTomorrow).equals(today.plusDays(1).toString())
                    && dueDateOf(tasks, overdue).equals(today.minusDays(15).toString());
        });
        int khtcBefore = mail.messages(KHTC).size();
        int adminBefore = mail.messages(AGENCY_ADMIN).size();

        Http.Reply first = run(progress, admin);
        assertEquals(200, first.status(), first.body());
        assertEquals(0, first.json().get("failures").size(), first.body());

        List<MailServer.Message> toKhtc = mail.messages(KHTC);
        assertEquals(khtcBefore + 1, toKhtc.size(), "one message for KHTC");
        MailServer.Message message = toKhtc.get(toKhtc.size() - 1);
        assertTrue(message.subject().startsWith("[Chỉ số CCHC] Việc cần làm ngày "), message.subject());
        String text = message.text();
        assertTrue(text.contains("Kính gửi Phòng Kế hoạch - Tài chính (KHTC)"), text);
        assertTrue(text.contains("Nhiệm vụ đến hạn " + vi(today.plusDays(1)) + " (còn 1 ngày): Nhắc việc 2071: đến hạn ngày mai"),
                text);
        assertTrue(text.contains("Nhiệm vụ quá hạn 15 ngày (hạn " + vi(today.minusDays(15)) + "): Nhắc việc 2071: quá hạn 15 ngày"),
                text);
        for (int i = 0; i < 2; i++) {
            String code = leaves.get(i).code();
            String target = points(leaves.get(i).target());
            assertTrue(text.lines().anyMatch(l -> l.startsWith("   Tiêu chí " + code + " ") && l.endsWith(target)),
                    "leaf " + code + " with its " + target + ": " + text);
        }
        assertTrue(text.contains(progress + "/ui/tasks/" + dueTomorrow) && text.contains(progress + "/ui/tasks/" + overdue),
                text);

        List<MailServer.Message> toAdmin = mail.messages(AGENCY_ADMIN);
        assertEquals(adminBefore + 1, toAdmin.size(), "one copy for the agency's administrator");
        String copy = toAdmin.get(toAdmin.size() - 1).text();
        assertTrue(copy.contains("Nhắc việc 2071: quá hạn 15 ngày") && copy.contains("Đơn vị chủ trì: KHTC"), copy);
        assertFalse(copy.contains("Nhắc việc 2071: đến hạn ngày mai"), "a task due tomorrow is not escalated: " + copy);

        Http.Reply second = run(progress, admin);
        assertEquals(200, second.status(), second.body());
        assertEquals(0, second.json().get("messages").asInt(), "the same day again sends nothing: " + second.body());
        assertEquals(khtcBefore + 1, mail.messages(KHTC).size());
        assertEquals(adminBefore + 1, mail.messages(AGENCY_ADMIN).size());

        JsonNode sent = Http.get(progress + "/api/admin/reminders?date=" + today, admin).json();
        List<String> khtcKeys = keys(sent, KHTC);
        assertTrue(khtcKeys.contains("task-due:" + dueTomorrow) && khtcKeys.contains("task-overdue:" + overdue), sent.toString());
        assertTrue(keys(sent, AGENCY_ADMIN).contains("task-overdue:" + overdue), sent.toString());
        assertFalse(keys(sent, AGENCY_ADMIN).contains("task-due:" + dueTomorrow), sent.toString());
        for (JsonNode m : sent) {
            if (m.get("recipient").asText().equals(KHTC)) {
                assertEquals("KHTC", m.get("unit").asText());
                assertEquals("UNIT", m.get("kind").asText());
            }
        }
    }

    /** Gives a task KHTC leads on the leaf a due date (and a description to find it by), as the administrator would. */
    private static UUID dueDate(String criteria, String admin, PlanModel plan, PlanModel.Leaf leaf, String description,
            LocalDate due) {
        UUID task = leaf.tasks().stream().filter(t -> t.leadUnits().contains("KHTC")).findFirst().orElseThrow().id();
        Http.Reply updated = Http.send(HttpRequest.newBuilder(URI.create(criteria + "/api/plans/" + plan.id() + "/tasks/" + task))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("description", description, "leadUnits", List.of("KHTC"),
                        "coordinatingUnits", List.of(), "dueDate", due.toString(), "reason", "Hạn thực hiện cho thư nhắc việc")))),
                admin);
        assertEquals(200, updated.status(), updated.body());
        return task;
    }

    /**
     * A run sends its messages one after another, each within the mailer's 30 s, and tries a failed one once more: a
     * send that waits out its timeout must not fail the request before the run has tried it again.
     */
    private static Http.Reply run(String progress, String admin) {
        return Http.send(HttpRequest.newBuilder(URI.create(progress + "/api/admin/reminders/run"))
                .POST(HttpRequest.BodyPublishers.noBody()), admin, Duration.ofSeconds(90));
    }

    private static String dueDateOf(JsonNode tasks, UUID task) {
        for (JsonNode t : tasks) {
            if (t.get("taskId").asText().equals(task.toString())) {
                return t.path("dueDate").asText();
            }
        }
        return "";
    }

    /** The item keys of every reminder sent to {@code recipient}. */
    private static List<String> keys(JsonNode sent, String recipient) {
        List<String> keys = new ArrayList<>();
        for (JsonNode m : sent) {
            if (m.get("recipient").asText().equals(recipient)) {
                m.get("items").forEach(i -> keys.add(i.get("key").asText()));
            }
        }
        return keys;
    }

    /** 31/12/2024, as the message writes dates. */
    private static String vi(LocalDate date) {
        return String.format("%02d/%02d/%d", date.getDayOfMonth(), date.getMonthValue(), date.getYear());
    }

    /** "điểm mục tiêu: 1,5": at most two decimals, half up, with a decimal comma. */
    private static String points(BigDecimal target) {
        BigDecimal v = target.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return "điểm mục tiêu: " + (v.scale() < 0 ? v.setScale(0) : v).toPlainString().replace('.', ',');
    }

    private static String json(Object body) {
        try {
            return Http.JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
