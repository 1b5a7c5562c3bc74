package vn.par.progress.appraisal;

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

/** A lead unit's explanation (giải trình) of a leaf the appraisal adjusted; the latest counts. */
@Entity
@Table(name = "explanation")
public class Explanation extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID planId;
    public String criterionCode;
    public String unit;
    public String text;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Evidence> evidence;
    public String submittedBy;
    public Instant submittedAt;
    /** The {@code ce_sequence} of its {@code ExplanationSubmitted} event: what "latest" means. */
    public long eventSequence;
}
