package vn.par.progress.reminder;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Where a unit's reminders go (one address), or an agency's administrators' addresses. Kept here because this service
 * sends the mail and criteria-service's units do not carry an address yet.
 */
@Entity
@Table(name = "unit_contact")
@IdClass(UnitContact.Key.class)
public class UnitContact extends PanacheEntityBase {

    public enum Kind {
        UNIT, AGENCY
    }

    @Id
    @Enumerated(EnumType.STRING)
    public Kind kind;
    /** A unit's code, or an agency's name as {@code AgencyNames.key} writes it. */
    @Id
    public String code;
    /** The unit's or agency's name as given, for the greeting. */
    public String name;
    public String[] emails;
    public Instant updatedAt;
    public String updatedBy;

    public static class Key implements Serializable {
        public Kind kind;
        public String code;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && kind == k.kind && Objects.equals(code, k.code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, code);
        }
    }
}
