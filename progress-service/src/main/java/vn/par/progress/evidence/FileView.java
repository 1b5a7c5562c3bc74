package vn.par.progress.evidence;

import java.util.UUID;

/** A stored evidence file as the API describes it (its bytes are at {@code GET /api/evidence/{id}}). */
public record FileView(UUID id, String name, long size, String contentType, String sha256) {

    static FileView of(EvidenceFile f) {
        return new FileView(f.id, f.name, f.size, f.contentType, f.sha256);
    }
}
