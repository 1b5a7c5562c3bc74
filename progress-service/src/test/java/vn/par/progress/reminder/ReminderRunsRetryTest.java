package vn.par.progress.reminder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.par.progress.reminder.ReminderRuns.Failure;
import vn.par.progress.reminder.ReminderRuns.RunResult;

/**
 * A run's second try, without a database or an SMTP server: a message whose send fails once is sent by the same run,
 * after the others; one that fails twice is reported for the next run. (RemindersTest covers the rest of a run
 * against the real database and SMTP server.)
 */
class ReminderRunsRetryTest {

    private static final LocalDate DATE = LocalDate.of(2031, 3, 10);
    private static final UUID PLAN = UUID.randomUUID();

    /** Units A, B and C, each with one task due tomorrow. */
    private static final class OnePlan extends TodoList {
        OnePlan() {
            super(null, null);
        }

        @Override
        public List<UUID> publishedPlans() {
            return List.of(PLAN);
        }

        @Override
        public List<TodoItem> plan(UUID planId, LocalDate date) {
            return List.of(task("A"), task("B"), task("C"));
        }

        @Override
        public String portalLink() {
            return "http://localhost:8082/";
        }

        private static TodoItem task(String unit) {
            return new TodoItem(TodoKind.TASK_DUE, PLAN, "Sở Thử nghiệm", 2031, List.of(unit), "1.1", "Kế hoạch CCHC",
                    UUID.randomUUID(), "Việc của " + unit, DATE.plusDays(1), null, new BigDecimal("2.5"),
                    "http://localhost:8082/ui/tasks/x");
        }
    }

    private static final class Addresses extends ContactService {
        Addresses() {
            super(null);
        }

        @Override
        public Map<String, UnitContact> unitContacts() {
            return Map.of("A", contact("A"), "B", contact("B"), "C", contact("C"));
        }

        @Override
        public Map<String, UnitContact> agencyContacts() {
            return Map.of();
        }

        private static UnitContact contact(String unit) {
            UnitContact contact = new UnitContact();
            contact.kind = UnitContact.Kind.UNIT;
            contact.code = unit;
            contact.name = "Phòng " + unit;
            contact.emails = new String[] { unit.toLowerCase() + "@example.vn" };
            return contact;
        }
    }

    /** Fails each recipient's first {@code failures} sends, and records every try. */
    private static final class Flaky extends ReminderSender {
        final Map<String, Integer> failures;
        final List<String> tries = new ArrayList<>();
        final Set<String> sent = new HashSet<>();

        Flaky(Map<String, Integer> failures) {
            super(null, null, null, null);
            this.failures = failures;
        }

        @Override
        public Optional<Sent> send(LocalDate date, Draft draft) {
            tries.add(draft.recipient());
            long before = tries.stream().filter(draft.recipient()::equals).count() - 1;
            if (before < failures.getOrDefault(draft.recipient(), 0)) {
                throw new IllegalStateException("SMTP reply misread");
            }
            sent.add(draft.recipient());
            return Optional.of(new Sent(null, draft.items()));
        }
    }

    @Test
    void aSendThatFailsOnceIsSentByTheSameRunAfterTheOthers() {
        Flaky sender = new Flaky(Map.of("a@example.vn", 1));
        RunResult result = new ReminderRuns(new OnePlan(), new Addresses(), sender, null).run(DATE);

        assertEquals(List.of("a@example.vn", "b@example.vn", "c@example.vn", "a@example.vn"), sender.tries);
        assertEquals(Set.of("a@example.vn", "b@example.vn", "c@example.vn"), sender.sent);
        assertEquals(new RunResult(DATE, 3, 3, List.of()), result);
    }

    @Test
    void aSendThatFailsTwiceIsLeftForTheNextRunAndTriedNoMore() {
        Flaky sender = new Flaky(Map.of("b@example.vn", 2, "c@example.vn", 1));
        RunResult result = new ReminderRuns(new OnePlan(), new Addresses(), sender, null).run(DATE);

        assertEquals(List.of("a@example.vn", "b@example.vn", "c@example.vn", "b@example.vn", "c@example.vn"),
                sender.tries);
        assertEquals(Set.of("a@example.vn", "c@example.vn"), sender.sent);
        assertEquals(2, result.messages());
        assertEquals(List.of("b@example.vn"), result.failures().stream().map(Failure::recipient).toList());
        assertEquals("Không gửi được thư nhắc tới b@example.vn; các việc trong thư sẽ được gửi lại ở lần chạy sau.",
                result.failures().get(0).detail());
    }
}
