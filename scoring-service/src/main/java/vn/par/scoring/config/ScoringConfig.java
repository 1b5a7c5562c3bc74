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
}
