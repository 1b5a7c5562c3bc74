package vn.par.progress.indicator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.par.progress.report.Evidence;
import vn.par.progress.rule.RuleType;

/**
 * A fact a lead unit reported for a leaf scored by a rule other than {@code MANUAL} (a {@code MANUAL} one is a
 * {@code SelfAssessment}). Exactly the members of {@code ruleType} are set. Never changed once stored.
 */
@Entity
@Table(name = "indicator")
public class Indicator extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID planId;
    public String criterionCode;
    public String unit;
    @Enumerated(EnumType.STRING)
    public RuleType ruleType;
    public String option;
    public BigDecimal value;
    public BigDecimal numerator;
    public BigDecimal denominator;
    public Long count;
    public Long violations;
    public BigDecimal percent;
    /** What the fact gave under the rule when it was reported, exact. */
    public BigDecimal points;
    public String comment;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Evidence> evidence;
    public String reportedBy;
    public Instant reportedAt;
    /** The {@code ce_sequence} of its {@code IndicatorReported} event: the order scoring-service applies them in. */
    public long eventSequence;
    /** With {@code reportedBy}, identifies a retried request; null when the client sent no Idempotency-Key. */
    public String idempotencyKey;
    /** SHA-256 of the request the key was first used with, to tell a retry from a reuse of the key. */
    public String requestHash;
}
