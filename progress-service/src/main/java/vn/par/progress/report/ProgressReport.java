package vn.par.progress.report;

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
import vn.par.progress.caller.UnitRole;

/** An accepted progress report. Never changed once stored. */
@Entity
@Table(name = "progress_report")
public class ProgressReport extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID taskId;
    public UUID planId;
    public String criterionCode;
    public String unit;
    @Enumerated(EnumType.STRING)
    public UnitRole role;
    public String reportedBy;
    @Enumerated(EnumType.STRING)
    public ReportStatus status;
    public int percentComplete;
    public String comment;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Evidence> evidence;
    public Instant reportedAt;
    public boolean changesTaskState;
    /** With {@code reportedBy}, identifies a retried request; null when the client sent no Idempotency-Key. */
    public String idempotencyKey;
    /** SHA-256 of the request the key was first used with, to tell a retry from a reuse of the key. */
    public String requestHash;
}
