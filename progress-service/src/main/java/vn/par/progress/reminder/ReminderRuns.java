package vn.par.progress.reminder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import vn.par.progress.caller.AgencyNames;
import vn.par.progress.plan.PlanUnit;
import vn.par.progress.reminder.ReminderSender.Draft;

/**
 * A day's reminders: every unit with an address gets one message listing its items of every published plan of its
 * agency (nothing to do: no message); every address of an agency's administrators gets one message listing the
 * agency's tasks overdue for more than two weeks. Each message is its own transaction ({@link ReminderSender}): one
 * that fails leaves the others sent, is tried once more after them, and if it fails again its items are sent by the
 * next run.
 */
@ApplicationScoped
public class ReminderRuns {

    private final TodoList todo;
    private final ContactService contacts;
    private final ReminderSender sender;
    private final ObjectMapper json;

    public ReminderRuns(TodoList todo, ContactService contacts, ReminderSender sender, ObjectMapper json) {
        this.todo = todo;
        this.contacts = contacts;
        this.sender = sender;
        this.json = json;
    }

    /** What a run sent, and to whom it could not send (retried by the next run). */
    public record RunResult(LocalDate date, int messages, int items, List<Failure> failures) {
    }

    public record Failure(String recipient, String detail) {
    }

    /** A reminder as {@code GET /api/admin/reminders} lists it. */
    public record SentView(UUID id, LocalDate date, String recipient, ReminderMessage.Kind kind, String unit,
            String agency, String subject, Instant sentAt, List<TodoItem> items) {
    }

    public RunResult run(LocalDate date) {
        Map<String, UnitContact> units = contacts.unitContacts();
        Map<String, UnitContact> agencies = contacts.agencyContacts();
        Map<String, List<TodoItem>> byUnit = new TreeMap<>();
        Map<String, List<TodoItem>> overdueByAgency = new LinkedHashMap<>();
        for (UUID plan : todo.publishedPlans()) {
            List<TodoItem> items = todo.plan(plan, date);
            for (TodoItem item : items) {
                for (String unit : item.units()) {
                    if (units.containsKey(unit)) {
                        byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(item);
                    }
                }
            }
            for (TodoItem item : TodoList.escalated(items, date)) {
                overdueByAgency.computeIfAbsent(AgencyNames.key(item.agency()), a -> new ArrayList<>()).add(item);
            }
        }
        List<Draft> drafts = new ArrayList<>();
        String portal = todo.portalLink();
        byUnit.forEach((unit, items) -> {
            String label = unitLabel(unit, units.get(unit).name);
            drafts.add(new Draft(units.get(unit).emails[0], ReminderMessage.Kind.UNIT, unit, null, items,
                    fresh -> ReminderText.forUnit(label, date, fresh, portal)));
        });
        overdueByAgency.forEach((key, items) -> {
            UnitContact admins = agencies.get(key);
            if (admins != null) {
                String agency = items.get(0).agency();
                for (String address : admins.emails) {
                    drafts.add(new Draft(address, ReminderMessage.Kind.AGENCY_ADMIN, null, agency, items,
                            fresh -> ReminderText.forAgencyAdmins(agency, date, fresh, portal)));
                }
            }
        });
        Outcome first = sendAll(date, drafts, false);
        List<Failure> failures = new ArrayList<>();
        int messages = first.messages();
        int items = first.items();
        if (!first.failed().isEmpty()) {
            // A second try, once the others are out, for what fails on one connection and not on the next: a reply
            // cut or misread, a connection dropped. Its items would otherwise wait a whole day. An unreachable
            // server fails this try as fast as the first, and its drafts go to the next run.
            Log.warnf("Reminders of %s: %d not sent, trying them once more", date, first.failed().size());
            Outcome second = sendAll(date, first.failed(), true);
            messages += second.messages();
            items += second.items();
            for (Draft draft : second.failed()) {
                failures.add(new Failure(draft.recipient(), "Không gửi được thư nhắc tới " + draft.recipient()
                        + "; các việc trong thư sẽ được gửi lại ở lần chạy sau."));
            }
        }
        Log.infof("Reminders of %s: %d messages, %d items, %d failed", date, messages, items, failures.size());
        return new RunResult(date, messages, items, failures);
    }

    private record Outcome(int messages, int items, List<Draft> failed) {
    }

    /** Sends each draft; a failure is logged as an error with its cause on the last try, as a warning before it. */
    private Outcome sendAll(LocalDate date, List<Draft> drafts, boolean lastTry) {
        int messages = 0;
        int items = 0;
        List<Draft> failed = new ArrayList<>();
        for (Draft draft : drafts) {
            try {
                Optional<ReminderSender.Sent> sent = sender.send(date, draft);
                if (sent.isPresent()) {
                    messages++;
                    items += sent.get().items().size();
                }
            } catch (RuntimeException e) {
                if (lastTry) {
                    Log.errorf(e, "Reminder of %s to %s not sent; its items go with the next run", date,
                            draft.recipient());
                } else {
                    Log.warnf("Reminder of %s to %s not sent (%s); tried again after the others", date,
                            draft.recipient(), e.toString());
                }
                failed.add(draft);
            }
        }
        return new Outcome(messages, items, failed);
    }

    /** Every reminder sent on {@code date}, in the order sent, each with its items. */
    @Transactional
    public List<SentView> sentOn(LocalDate date) {
        return ReminderMessage.<ReminderMessage>list("sentOn = ?1 order by sentAt, id", date).stream()
                .map(m -> new SentView(m.id, m.sentOn, m.recipient, m.kind, m.unit, m.agency, m.subject, m.sentAt,
                        itemsOf(m.id)))
                .toList();
    }

    @Transactional
    List<TodoItem> itemsOf(UUID message) {
        List<?> rows = ReminderMessage.getEntityManager().createNativeQuery(
                "SELECT CAST(item AS text) FROM reminder_sent WHERE message_id = ?1 ORDER BY position")
                .setParameter(1, message).getResultList();
        List<TodoItem> items = new ArrayList<>(rows.size());
        for (Object row : rows) {
            try {
                items.add(json.readValue((String) row, TodoItem.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored reminder item is not readable: " + row, e);
            }
        }
        return items;
    }

    /** "Phòng Kế hoạch - Tài chính (KHTC)": the contact's name, else the name the plans give the unit, else its code. */
    @Transactional
    String unitLabel(String unit, String contactName) {
        String name = contactName;
        if (name == null) {
            PlanUnit named = PlanUnit.find("code", unit).firstResult();
            name = named == null ? null : named.name;
        }
        return name == null || name.isBlank() ? unit : name + " (" + unit + ")";
    }
}
