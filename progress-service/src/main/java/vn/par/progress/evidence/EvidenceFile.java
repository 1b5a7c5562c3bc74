package vn.par.progress.evidence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An uploaded evidence file with its bytes. Lists of evidence only ever read its metadata (a scalar query); the bytes
 * are loaded to be downloaded.
 */
@Entity
@Table(name = "evidence_file")
public class EvidenceFile extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public long size;
    /** As detected from the content, never from the name or the part's declared type. */
    public String contentType;
    public String sha256;
    /** The agency it belongs to, as agency names are compared; null for a provincial administrator's upload. */
    public String agencyKey;
    public String agencyName;
    public String uploadedBy;
    public Instant uploadedAt;
    public byte[] content;
}
