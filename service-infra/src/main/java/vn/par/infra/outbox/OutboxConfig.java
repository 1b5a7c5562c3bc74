package vn.par.infra.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay behaves. Prefix {@code par.outbox}. */
@ConfigMapping(prefix = "par.outbox")
public interface OutboxConfig {

    /** The CloudEvents {@code source} of every event this service emits, e.g. {@code /progress-service}. */
    String source();

    /** Whether this instance relays the outbox to Kafka (several instances may run; one relays at a time). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Most events sent to Kafka in one round trip. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay sleeps when it was not woken by a commit; bounds delivery delay after a restart. */
    @WithDefault("500ms")
    Duration pollInterval();

    /**
     * How often the relay reads the outbox from its first row rather than from the ids it knows are delivered (see
     * DeliveredFloor): the longest a row could wait if the assumptions that let it skip them ever failed.
     */
    @WithDefault("10s")
    Duration rescanInterval();

    /** Longest pause between attempts while Kafka or the database is unreachable. */
    @WithDefault("5s")
    Duration maxBackoff();

    /** How long the broker may take to acknowledge a batch before the attempt counts as failed. */
    @WithDefault("30s")
    Duration sendTimeout();

    /**
     * The relay's Kafka {@code compression.type}. lz4 by default: criteria-service's plan snapshots need it (a large
     * plan is over a megabyte of JSON). A service whose events are small sets {@code none}: they gain little, and lz4
     * allocates two 64 KB buffers for every batch it starts, which at a modest rate is a batch, so 128 KB, per event
     * (a third of scoring-service's allocations at 450 reports/s, a young collection every 0.4 s).
     */
    @WithDefault("lz4")
    String compression();
}
