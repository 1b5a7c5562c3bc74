package vn.par.progress.plan;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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
    /** The derived target for this year: the points a reminder says are at stake; null in copies from before it. */
    public BigDecimal targetPoints;
    public int position;
    /** A leaf's rule as the snapshot wrote it (canonical JSON); null for a parent and in snapshots from before rules. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String rule;
    /** The rule in Vietnamese words, from the snapshot, for people to read. */
    public String ruleDescription;
    /** False when the leaf does not count this year (không áp dụng). */
    public boolean applicable;
    public String notApplicableReason;
    /** The lead units named on the criterion's own row: who reports a leaf that has no task. */
    public String[] leadUnits;

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
