package vn.par.progress.appraisal;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A plan's current appraisal round: the row whose lock orders the opening of rounds against the writes they allow
 * (see {@link AppraisalGate}).
 */
@Entity
@Table(name = "plan_appraisal")
public class PlanAppraisal extends PanacheEntityBase {

    @Id
    public UUID planId;
    /** Null until the first round is opened. */
    @Enumerated(EnumType.STRING)
    public Round round;
    /** The {@code AppraisalClosed} payload once the plan is closed: its frozen figures. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String closedFigures;
}
