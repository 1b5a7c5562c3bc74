package vn.par.progress.appraisal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import vn.par.progress.report.Evidence;

/** The data of the appraisal's events on par.progress (docs/contracts/appraisal.md, "Events"). */
public final class AppraisalEvents {

    private AppraisalEvents() {
    }

    /** A round opened; {@code deadline} is null for {@code CLOSED}. */
    public record AppraisalRoundOpened(UUID planId, Round round, Instant deadline, String openedBy, Instant openedAt) {
        public static final String TYPE = "AppraisalRoundOpened";
    }

    public record AppraisalDeadlineMoved(UUID planId, Round round, Instant deadline, Instant previousDeadline,
            String reason, String movedBy, Instant movedAt) {
        public static final String TYPE = "AppraisalDeadlineMoved";
    }

    public record LeafAppraised(UUID appraisalId, UUID planId, String criterionCode, Round round, BigDecimal points,
            String note, String appraisedBy, Instant appraisedAt) {
        public static final String TYPE = "LeafAppraised";
    }

    public record ExplanationSubmitted(UUID explanationId, UUID planId, String criterionCode, String unit, String text,
            List<Evidence> evidence, String submittedBy, Instant submittedAt) {
        public static final String TYPE = "ExplanationSubmitted";
    }

    /**
     * The year closed, with every applicable leaf's figures as they were settled (exact; null where there is none) and
     * their sums: what a later plan version or rule can no longer change.
     */
    public record AppraisalClosed(UUID planId, String closedBy, Instant closedAt, List<ClosedLeaf> leaves,
            BigDecimal selfAssessed, BigDecimal appraised, @JsonProperty("final") BigDecimal finalPoints) {
        public static final String TYPE = "AppraisalClosed";
    }

    public record ClosedLeaf(String criterionCode, BigDecimal selfAssessed, BigDecimal appraised, BigDecimal finalAppraised,
            @JsonProperty("final") BigDecimal finalPoints) {
    }
}
