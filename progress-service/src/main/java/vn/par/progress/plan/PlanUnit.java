package vn.par.progress.plan;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The display name of a unit named in a plan's tasks. */
@Entity
@Table(name = "plan_unit")
@IdClass(PlanUnit.Key.class)
public class PlanUnit extends PanacheEntityBase {

    @Id
    public UUID planId;
    @Id
    public String code;
    public String name;

    public static class Key implements Serializable {
        public UUID planId;
        public String code;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(planId, k.planId) && Objects.equals(code, k.code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(planId, code);
        }
    }
}
