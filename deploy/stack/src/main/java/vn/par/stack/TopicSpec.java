package vn.par.stack;

import java.util.List;

/** A topic the system needs, created explicitly (brokers here never auto-create topics). */
public record TopicSpec(String name, int partitions, boolean compacted) {

    /**
     * The system's topics. Every topic is keyed by plan id. Six partitions for the event streams let up to
     * six scoring-service instances share the load; the plan topic is compacted, so it always holds the latest
     * snapshot of every plan.
     */
    public static final List<TopicSpec> SYSTEM = List.of(
            new TopicSpec("par.plans", 3, true),
            new TopicSpec("par.progress", 6, false),
            new TopicSpec("par.scores", 6, false));
}
