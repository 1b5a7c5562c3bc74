package vn.par.scoring.service;

/**
 * What a rebuild did.
 *
 * @param plans           plans in the rebuilt projection
 * @param events          records read from par.plans and par.progress
 * @param changedPlans    plans whose published score differed from the stored one (each got one ScoreChanged)
 * @param durationMillis  the whole rebuild
 * @param replayMillis    reading and folding the topics, before the tables were swapped
 * @param eventsPerSecond events over the whole duration
 */
public record RebuildReport(int plans, long events, int changedPlans, long durationMillis, long replayMillis,
        long eventsPerSecond) {
}
