package vn.par.scoring.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import vn.par.scoring.projection.PlanInputs;
import vn.par.scoring.projection.PlanProjection;
import vn.par.scoring.projection.PlanStructure;
import vn.par.scoring.projection.Precision;
import vn.par.scoring.repository.PlanRow;
import vn.par.scoring.repository.Sequences;

/** A plan's projection held in memory by the consumer that applies its events, with where it stands. */
final class LivePlan {

    final UUID planId;
    final PlanInputs inputs;
    /** Null until the plan's first snapshot arrives. */
    PlanProjection projection;
    long plansSequence;
    long progressSequence;
    long scoreSequence;
    Instant asOf;
    /** The JSON of a snapshot applied since the last save, to store with the row. */
    String newSnapshot;
    boolean dirty;

    LivePlan(UUID planId, PlanInputs inputs, PlanProjection projection, Sequences sequences, Instant asOf) {
        this.planId = planId;
        this.inputs = inputs;
        this.projection = projection;
        this.plansSequence = sequences.plans();
        this.progressSequence = sequences.progress();
        this.scoreSequence = sequences.score();
        this.asOf = asOf;
    }

    Sequences sequences() {
        return new Sequences(plansSequence, progressSequence, scoreSequence);
    }

    /** The row to save, and forgets what it saves. */
    PlanRow takeRow() {
        String snapshot = newSnapshot;
        newSnapshot = null;
        dirty = false;
        if (projection == null) {
            return new PlanRow(planId, null, null, null, null, null, sequences(), asOf, null, null, null, null);
        }
        PlanStructure s = projection.structure();
        return new PlanRow(planId, s.version(), s.status(), s.agency(), s.year(), snapshot, sequences(), asOf,
                projection.total(), s.baseline(), s.target(), s.max());
    }

    /** The index this plan last published, or null before its first score. */
    BigDecimal published() {
        return projection == null ? null : Precision.publish(projection.total());
    }
}
