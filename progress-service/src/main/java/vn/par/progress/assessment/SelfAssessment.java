package vn.par.progress.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.par.progress.report.Evidence;

/** Points a lead unit claims for a leaf criterion (tự chấm điểm). The one with the highest sequence counts. */
@Entity
@Table(name = "self_assessment")
public class SelfAssessment extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID planId;
    public String criterionCode;
    public String unit;
    public BigDecimal points;
    public String comment;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Evidence> evidence;
    public String assessedBy;
    public Instant assessedAt;
    /** The {@code ce_sequence} of its {@code SelfAssessed} event: the order scoring-service applies them in. */
    public long eventSequence;
    /** With {@code assessedBy}, identifies a retried MANUAL indicator; null without an Idempotency-Key. */
    public String idempotencyKey;
    /** SHA-256 of the indicator request the key was first used with. */
    public String requestHash;
}
