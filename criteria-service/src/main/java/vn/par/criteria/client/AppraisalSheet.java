package vn.par.criteria.client;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The members of progress-service's {@code GET /api/plans/{id}/appraisal} this service uses
 * (docs/contracts/appraisal.md, "Rounds"): per applicable leaf, whether it was self-assessed, how many evidence
 * documents its self-assessment carries (the API gives their number, not the documents), and its explanation with the
 * evidence that goes with it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppraisalSheet(List<Leaf> leaves) {

    public List<Leaf> leaves() {
        return leaves == null ? List.of() : leaves;
    }

    /** @param selfAssessed the self-assessed points; null: not self-assessed */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Leaf(String code, BigDecimal selfAssessed, int evidenceCount, Explanation explanation) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Explanation(String text, List<Evidence> evidence, String unit) {

        public List<Evidence> evidence() {
            return evidence == null ? List.of() : evidence;
        }
    }

    /** A link ({@code title}, {@code url}) or an uploaded file ({@code name}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Evidence(String title, String url, String name) {

        /** What a reader calls it: its title, else the file's name, else its address. */
        public String label() {
            if (title != null && !title.isBlank()) {
                return title.strip();
            }
            return name != null && !name.isBlank() ? name.strip() : url;
        }
    }
}
