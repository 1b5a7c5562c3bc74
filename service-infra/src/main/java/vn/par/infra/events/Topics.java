package vn.par.infra.events;

/**
 * The Kafka topics of the system, in one place. Every topic is keyed by plan id, so the events of one plan
 * stay in order on one partition.
 */
public final class Topics {

    /** Full snapshots of published plans ({@code PlanPublished}, {@code PlanChanged}); compacted. */
    public static final String PLANS = "par.plans";
    /**
     * Progress reports, self-assessments and rule indicators ({@code ProgressReported}, {@code SelfAssessed},
     * {@code IndicatorReported}).
     */
    public static final String PROGRESS = "par.progress";
    /** Projected scores ({@code ScoreChanged}). */
    public static final String SCORES = "par.scores";

    private Topics() {
    }
}
