package vn.par.progress.plan;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the report path needs to know about every published plan, in memory: which plan and criterion a task
 * belongs to, its lead and coordinating units, whether its plan takes reports, and each criterion's maximum.
 * Loaded from the database at start and replaced plan by plan when a newer snapshot has been applied, so
 * accepting a report reads nothing from the database.
 */
@ApplicationScoped
public class PlanIndex {

    /** An active task of a known plan. */
    public record KnownTask(UUID id, UUID planId, String criterionCode, List<String> leadUnits,
            List<String> coordinatingUnits) {
    }

    /** A criterion; {@code leadUnits} are the lead units of its active tasks (who may self-assess it). */
    public record KnownCriterion(String code, boolean leaf, BigDecimal maxPoints, List<String> leadUnits) {
    }

    public record KnownPlan(UUID id, long version, String status, Map<String, KnownCriterion> criteria) {
        public boolean open() {
            return Plan.PUBLISHED.equals(status);
        }
    }

    private final Map<UUID, KnownPlan> plans = new ConcurrentHashMap<>();
    private final Map<UUID, KnownTask> tasks = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> taskIdsByPlan = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public Optional<KnownTask> task(UUID taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }

    public Optional<KnownPlan> plan(UUID planId) {
        return Optional.ofNullable(plans.get(planId));
    }

    /** The version of the plan held here, 0 when unknown. */
    public long version(UUID planId) {
        KnownPlan plan = plans.get(planId);
        return plan == null ? 0 : plan.version();
    }

    /**
     * Holds {@code plan} and its active tasks, unless a version at least as new is already held (the start-up
     * load and the consumer may race; the newer always wins).
     */
    synchronized void put(KnownPlan plan, Collection<KnownTask> activeTasks) {
        if (version(plan.id()) >= plan.version()) {
            return;
        }
        Set<UUID> ids = new HashSet<>();
        for (KnownTask task : activeTasks) {
            tasks.put(task.id(), task);
            ids.add(task.id());
        }
        plans.put(plan.id(), plan);
        Set<UUID> previous = taskIdsByPlan.put(plan.id(), ids);
        if (previous != null) {
            previous.removeAll(ids);
            previous.forEach(tasks::remove);
        }
    }

    void markLoaded() {
        loaded = true;
    }

    /** Whether the start-up load from the database has finished (readiness waits for it). */
    public boolean loaded() {
        return loaded;
    }

    public int planCount() {
        return plans.size();
    }

    public int taskCount() {
        return tasks.size();
    }
}
