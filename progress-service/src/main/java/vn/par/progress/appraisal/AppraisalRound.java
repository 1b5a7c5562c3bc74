package vn.par.progress.appraisal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A round a plan has opened, with its deadline as it stands now (null for {@code CLOSED}). */
@Entity
@Table(name = "appraisal_round")
@IdClass(AppraisalRound.Key.class)
public class AppraisalRound extends PanacheEntityBase {

    @Id
    public UUID planId;
    @Id
    @Enumerated(EnumType.STRING)
    public Round round;
    public Instant deadline;
    public String openedBy;
    public Instant openedAt;

    public static class Key implements Serializable {
        public UUID planId;
        public Round round;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(planId, k.planId) && round == k.round;
        }

        @Override
        public int hashCode() {
            return Objects.hash(planId, round);
        }
    }
}
