package vn.par.progress.reminder;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import vn.par.progress.reminder.ReminderText.Message;

/**
 * Sends one reminder, each item at most once per recipient and day. In one transaction: each item's
 * {@code reminder_sent} row is inserted {@code ON CONFLICT DO NOTHING}, which decides what is new (another run's
 * committed rows are skipped; rows another run is sending right now make this insert wait for its outcome); the
 * message holds the new items only, and is sent last; the commit follows the server's acceptance. A send that fails
 * rolls everything back, so the next run sends those items again.
 * <p>
 * Delivery is therefore at least once: if the service stops between the server's acceptance and the commit, the next
 * run sends those items a second time that day. The other choice (commit, then send) would lose them instead; a
 * reminder that arrives twice costs less than one that never arrives.
 */
@ApplicationScoped
public class ReminderSender {

    private final Mailer mailer;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    public ReminderSender(Mailer mailer, EntityManager em, ObjectMapper json, Clock clock) {
        this.mailer = mailer;
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /** What one reminder carries: to whom, about whom, its items in the order to list them, and its words. */
    public record Draft(String recipient, ReminderMessage.Kind kind, String unit, String agency, List<TodoItem> items,
            Function<List<TodoItem>, Message> words) {
    }

    /** A message sent, with the items it carried. */
    public record Sent(ReminderMessage message, List<TodoItem> items) {
    }

    /** @return the message sent, or empty when every item had been sent to the recipient that day already */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Sent> send(LocalDate date, Draft draft) {
        String recipient = draft.recipient().strip().toLowerCase(Locale.ROOT);
        UUID id = UUID.randomUUID();
        // Rows are claimed in key order, so that two runs sending to one recipient wait on each other, never deadlock.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < draft.items().size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> draft.items().get(i).key()));
        boolean[] fresh = new boolean[draft.items().size()];
        for (int i : order) {
            TodoItem item = draft.items().get(i);
            fresh[i] = em.createNativeQuery("""
                    INSERT INTO reminder_sent (sent_on, recipient, item_key, message_id, position, item)
                    VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb)) ON CONFLICT DO NOTHING""")
                    .setParameter(1, date).setParameter(2, recipient).setParameter(3, item.key()).setParameter(4, id)
                    .setParameter(5, i).setParameter(6, write(item))
                    .executeUpdate() == 1;
        }
        List<TodoItem> items = new ArrayList<>();
        for (int i = 0; i < fresh.length; i++) {
            if (fresh[i]) {
                items.add(draft.items().get(i));
            }
        }
        if (items.isEmpty()) {
            return Optional.empty();
        }
        Message words = draft.words().apply(items);
        ReminderMessage message = new ReminderMessage();
        message.id = id;
        message.sentOn = date;
        message.recipient = recipient;
        message.kind = draft.kind();
        message.unit = draft.unit();
        message.agency = draft.agency();
        message.subject = words.subject();
        message.sentAt = clock.instant();
        message.persist();
        // Everything but the commit is done before the mail leaves: nothing the database could still refuse.
        em.flush();
        mailer.send(Mail.withText(draft.recipient().strip(), words.subject(), words.body()));
        return Optional.of(new Sent(message, items));
    }

    private String write(TodoItem item) {
        try {
            return json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write reminder item " + item.key(), e);
        }
    }
}
