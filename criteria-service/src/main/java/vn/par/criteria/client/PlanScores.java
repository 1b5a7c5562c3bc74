package vn.par.criteria.client;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The members of scoring-service's {@code GET /api/plans/{id}/scores} this service uses (scoring-service's README,
 * "API"; docs/contracts/appraisal.md, "Scores"). Points are exact decimals as sent, at most 2 decimals.
 *
 * @param basis    {@code FINAL} once the year's appraisal is closed, else {@code PROJECTED}
 * @param criteria every criterion in tree order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanScores(String basis, Figure selfAssessed, Figure appraised, @JsonProperty("final") Figure finalPoints,
        List<CriterionScores> criteria) {

    public static final String FINAL = "FINAL";

    /** Whether the year's appraisal is closed, so the final points are the official ones. */
    public boolean closed() {
        return FINAL.equals(basis);
    }

    public List<CriterionScores> criteria() {
        return criteria == null ? List.of() : criteria;
    }

    /** One of the appraisal's figures for the whole plan: its total. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Figure(BigDecimal total) {
    }

    /**
     * One criterion's points; a parent's are the sums of its applicable leaves'. Each is null when scoring-service has
     * none: {@code projected} for a leaf not applicable, {@code selfAssessedPoints} for a leaf never self-assessed,
     * {@code finalPoints} until the appraisal is closed.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CriterionScores(String code, BigDecimal projected, BigDecimal selfAssessedPoints,
            BigDecimal appraisedPoints, BigDecimal finalPoints) {
    }
}
