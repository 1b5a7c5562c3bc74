package vn.par.scoring.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import vn.par.scoring.projection.Appraisal;
import vn.par.scoring.projection.Indicator;
import vn.par.scoring.projection.PlanSnapshot;
import vn.par.scoring.projection.ReportRole;
import vn.par.scoring.projection.TaskProgress;

/** An event of {@code par.plans} or {@code par.progress}, decoded to what scoring applies. */
public sealed interface InputEvent {

    Meta meta();

    /**
     * @param sequence    the event's {@code ce_sequence}: per plan and topic, 1, 2, 3, … in commit order
     * @param time        the event's {@code ce_time}; a state it produces is "as of" this time
     * @param traceparent the W3C traceparent of the span that applies the event, in the trace its
     *                    {@code ce_traceparent} names; the {@code ScoreChanged} it causes continues it. Null when the
     *                    event carries no trace, and in a rebuild
     */
    record Meta(UUID planId, UUID eventId, long sequence, Instant time, String traceparent) {
    }

    /** {@code PlanPublished} or {@code PlanChanged}: a full snapshot. */
    record PlanVersion(Meta meta, PlanSnapshot snapshot, String json) implements InputEvent {
    }

    /** {@code ProgressReported}. */
    record Report(Meta meta, String taskId, ReportRole role, TaskProgress progress) implements InputEvent {
    }

    /** {@code SelfAssessed}. */
    record Assessment(Meta meta, String criterionCode, BigDecimal points) implements InputEvent {
    }

    /** {@code IndicatorReported}. */
    record IndicatorReport(Meta meta, String criterionCode, Indicator indicator) implements InputEvent {
    }

    /** {@code AppraisalRoundOpened} or {@code AppraisalDeadlineMoved}: the round and its deadline now. */
    record Round(Meta meta, String round, Instant deadline) implements InputEvent {
    }

    /** {@code LeafAppraised} in the first appraisal round (the final round's points arrive with the close). */
    record Appraised(Meta meta, String criterionCode, BigDecimal points) implements InputEvent {
    }

    /** {@code AppraisalClosed}: the settled figures. */
    record Closed(Meta meta, Appraisal.Closed settled) implements InputEvent {
    }
}
