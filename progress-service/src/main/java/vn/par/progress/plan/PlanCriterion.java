package vn.par.progress.plan;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A criterion of a plan's latest version. {@code maxPoints} is the derived maximum, the one scoring uses. */
@Entity
@Table(name = "plan_criterion")
@IdClass(PlanCriterion.Key.class)
public class PlanCriterion extends PanacheEntityBase {

    @Id
    public UUID planId;
    @Id
    public String code;
    public String parentCode;
    /** The top-level criterion (lĩnh vực) this one belongs to; its own code for an area. */
    public String areaCode;
    public String title;
    public boolean leaf;
    public BigDecimal maxPoints;
    public int position;

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
