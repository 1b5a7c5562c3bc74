package vn.par.scoring.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of scoring-service. Prefix {@code par.scoring}. */
@ConfigMapping(prefix = "par.scoring")
public interface ScoringConfig {

    /** The zone whose calendar decides when a task's due date has passed. */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId zone();

    /** Rebuild the whole projection from par.plans and par.progress when the service starts. */
    @WithDefault("false")
    boolean rebuildAtStart();

    /** Longest silence on a score stream: a comment line is sent at least this often. */
    @WithDefault("15s")
    Duration heartbeat();

    /**
     * Most plans the consumer keeps in memory; a plan beyond it is read again from PostgreSQL when it next changes.
     * Size it to the plans a replica serves (a whole country's agencies are a few thousand).
     */
    @WithDefault("5000")
    int cachedPlans();

    /** Longest pause between attempts to apply a batch of events while the database refuses it. */
    @WithDefault("5s")
    Duration maxRetryBackoff();

    /** Most events a stream may hold for a client that does not read; beyond it the stream ends and the client reconnects. */
    @WithDefault("1000")
    int streamBuffer();

    /**
     * Most score streams one signed-in user may hold open at once, over every page and API stream of this instance;
     * one more is refused with 429 (a wall screen needs two, a few tabs a few more).
     */
    @WithDefault("10")
    int maxStreamsPerUser();

    /** The live consumer of par.plans and par.progress (messaging/ScoringInputs). */
    Inputs inputs();

    interface Inputs {

        /** Whether this instance consumes at all (off only for measurements that must not compete with it). */
        @WithDefault("true")
        boolean enabled();

        /** Most records one poll returns, so most events one transaction applies. */
        @WithDefault("1000")
        int maxPollRecords();

        /**
         * How often applied offsets are committed (also when partitions move and at shutdown): the group's lag, what an
         * operator watches, follows the applied events within about this long, and a restart re-reads no more.
         */
        @WithDefault("1s")
        Duration commitInterval();

        /** Longest wait of a poll when nothing arrives; a record that arrives ends it at once. */
        @WithDefault("100ms")
        Duration pollTimeout();
    }
}
