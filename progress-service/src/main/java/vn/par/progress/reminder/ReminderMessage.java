package vn.par.progress.reminder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A reminder e-mail sent; its items are the {@code reminder_sent} rows that name it. */
@Entity
@Table(name = "reminder_message")
public class ReminderMessage extends PanacheEntityBase {

    /** To whom: a unit, or an agency's administrator (a copy of the tasks overdue for more than two weeks). */
    public enum Kind {
        UNIT, AGENCY_ADMIN
    }

    @Id
    public UUID id;
    public LocalDate sentOn;
    public String recipient;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    /** The unit it was addressed to; null for an administrator's copy. */
    public String unit;
    /** The agency an administrator's copy is about; null for a unit's reminder. */
    public String agency;
    public String subject;
    public Instant sentAt;
}
