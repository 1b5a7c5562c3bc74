package vn.par.progress.appraisal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import vn.par.progress.report.Evidence;
import vn.par.progress.rule.Decimals;

/** What the appraisal's endpoints answer (docs/contracts/appraisal.md). Points are exact, without trailing zeros. */
public final class AppraisalViews {

    private AppraisalViews() {
    }

    /** A round a plan opened, its deadline as it stands, and each move of it. */
    public record RoundView(Round round, Instant deadline, String openedBy, Instant openedAt,
            List<DeadlineChangeView> deadlineChanges) {
    }

    public record DeadlineChangeView(Instant previousDeadline, Instant deadline, String reason, String movedBy,
            Instant movedAt) {
        static DeadlineChangeView of(DeadlineChange c) {
            return new DeadlineChangeView(c.previousDeadline, c.deadline, c.reason, c.movedBy, c.movedAt);
        }
    }

    /** A stored appraisal. */
    public record AppraisalView(UUID id, UUID planId, String criterionCode, Round round, BigDecimal points, String note,
            String appraisedBy, Instant appraisedAt) {
        static AppraisalView of(Appraisal a) {
            return new AppraisalView(a.id, a.planId, a.criterionCode, a.round, Decimals.plain(a.points), a.note,
                    a.appraisedBy, a.appraisedAt);
        }
    }

    /** A stored explanation. */
    public record ExplanationView(UUID id, UUID planId, String criterionCode, String unit, String text,
            List<Evidence> evidence, String submittedBy, Instant submittedAt) {
        static ExplanationView of(Explanation e) {
            return new ExplanationView(e.id, e.planId, e.criterionCode, e.unit, e.text, e.evidence, e.submittedBy,
                    e.submittedAt);
        }
    }

    /** A leaf's explanation as the sheet shows it. */
    public record LeafExplanation(String text, List<Evidence> evidence, String unit, Instant at) {
    }

    /**
     * An applicable leaf of the appraisal sheet.
     *
     * @param selfAssessed   what its latest self-assessment or indicator gives under its rule; null: not self-assessed
     * @param appraised      the first appraisal's points (the latest of round {@code APPRAISAL}), or null
     * @param adjusted       whether {@code appraised} differs from {@code selfAssessed} (none: 0)
     * @param finalAppraised the final appraisal's points (round {@code FINAL_APPRAISAL}), or null
     * @param finalPoints    the final appraisal, else the first, else the self-assessed points, else 0
     * @param evidence       the evidence of the self-assessment that counts (for the pages; the API gives its count)
     */
    public record SheetLeaf(String code, String title, String areaCode, BigDecimal maxPoints, JsonNode rule,
            List<String> leadUnits, BigDecimal selfAssessed, Instant selfAssessedAt, int evidenceCount,
            BigDecimal appraised, String appraisalNote, boolean adjusted, LeafExplanation explanation,
            BigDecimal finalAppraised, String finalNote, @JsonProperty("final") BigDecimal finalPoints,
            @JsonIgnore List<Evidence> evidence) {
    }

    /**
     * A plan's appraisal sheet: the round, its deadline, the rounds' history, every applicable leaf and the sums over
     * them. Once closed, the figures are the frozen ones of {@code AppraisalClosed}.
     */
    public record AppraisalSheet(UUID planId, String agency, int year, Round round, Instant deadline, List<RoundView> rounds,
            List<SheetLeaf> leaves, BigDecimal selfAssessed, BigDecimal appraised, @JsonProperty("final") BigDecimal finalPoints) {
    }

    /**
     * What a plan still lacks before the appraisal: applicable leaves whose self-assessment (or indicator) that counts
     * has no evidence, and those never self-assessed, with their lead units.
     */
    public record EvidenceReadiness(UUID planId, List<ReadinessLeaf> withoutEvidence, List<ReadinessLeaf> notSelfAssessed) {
    }

    public record ReadinessLeaf(String code, String title, List<String> leadUnits) {
    }
}
