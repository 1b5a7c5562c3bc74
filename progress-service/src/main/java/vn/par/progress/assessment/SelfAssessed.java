package vn.par.progress.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The data of a {@code SelfAssessed} event on par.progress (its schema: deploy/events/asyncapi.yaml). */
public record SelfAssessed(UUID assessmentId, UUID planId, String criterionCode, String unit, BigDecimal points,
        String assessedBy, Instant assessedAt) {

    public static final String TYPE = "SelfAssessed";
}
