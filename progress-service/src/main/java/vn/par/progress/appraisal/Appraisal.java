package vn.par.progress.appraisal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The appraiser's points for a leaf in one round; the one with the highest event sequence of its round counts. */
@Entity
@Table(name = "appraisal")
public class Appraisal extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID planId;
    public String criterionCode;
    @Enumerated(EnumType.STRING)
    public Round round;
    public BigDecimal points;
    public String note;
    public String appraisedBy;
    public Instant appraisedAt;
    /** The {@code ce_sequence} of its {@code LeafAppraised} event: what "latest" means. */
    public long eventSequence;
}
