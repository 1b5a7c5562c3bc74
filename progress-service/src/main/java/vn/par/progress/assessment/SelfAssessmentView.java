package vn.par.progress.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import vn.par.progress.report.Evidence;
import vn.par.progress.rule.Decimals;

/** A stored self-assessment, as the API returns it. */
public record SelfAssessmentView(UUID id, UUID planId, String criterionCode, String criterionTitle, String unit,
        BigDecimal points, String comment, List<Evidence> evidence, String assessedBy, Instant assessedAt) {

    static SelfAssessmentView of(SelfAssessment a, String criterionTitle) {
        return new SelfAssessmentView(a.id, a.planId, a.criterionCode, criterionTitle, a.unit, Decimals.plain(a.points),
                a.comment, a.evidence, a.assessedBy, a.assessedAt);
    }
}
