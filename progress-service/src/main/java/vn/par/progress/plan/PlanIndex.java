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

import vn.par.progress.appraisal.Round;
import vn.par.progress.rule.Rule;

/**
 * What the report path needs to know about the plans, in memory: which plan and criterion a task belongs to, its
 * lead and coordinating units, whether its plan takes reports, and each criterion's maximum. A plan is read from
 * the database the first time one of its tasks or the plan itself is asked for (so the service starts in the same
 * time whatever number of plans it holds), and replaced when a newer snapshot has been applied; after that,
 * accepting a report reads nothing from the database. An id the database does not know is asked of it each time:
 * that is the not-found path, one primary-key read.
 */
@ApplicationScoped
public class PlanIndex {

    /** An active task of a known plan. */
    public record KnownTask(UUID id, UUID planId, String criterionCode, List<String> leadUnits,
            List<String> coordinatingUnits) {
    }

    /**
     * A criterion. {@code leadUnits} may report its indicators (and self-assess it): the lead units of its active
     * tasks, or, when these name none, the lead units of the criterion's own row.
     *
     * @param rule       how a leaf is scored; null for a parent
     * @param applicable false when the leaf does not count this year (không áp dụng)
     */
    public record KnownCriterion(String code, boolean leaf, BigDecimal maxPoints, List<String> leadUnits, Rule rule,
            boolean applicable) {
    }

    public record KnownPlan(UUID id, long version, String status, PlanAgency agency, Map<String, KnownCriterion> criteria) {
        public boolean open() {
            return Plan.PUBLISHED.equals(status);
        }
    }

    private final Map<UUID, KnownPlan> plans = new ConcurrentHashMap<>();
    private final Map<UUID, KnownTask> tasks = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> taskIdsByPlan = new ConcurrentHashMap<>();
    /**
     * Each plan's current appraisal round, apart from its snapshot (a new version keeps the round): read with the plan,
     * then set by {@link #roundChanged} once a round's opening is committed. A plan without a round has no entry.
     */
    private final Map<UUID, Round> rounds = new ConcurrentHashMap<>();
    private final PlanIndexLoader loader;

    public PlanIndex(PlanIndexLoader loader) {
        this.loader = loader;
    }

    /** The task if it is an active task of a plan held here; reads its plan from the database if not yet in memory. */
    public Optional<KnownTask> task(UUID taskId) {
        KnownTask task = tasks.get(taskId);
        if (task == null) {
            // Not in memory: a task of a plan not read yet, a dropped task, or no task at all.
            Optional<UUID> planId = loader.planOfTask(taskId);
            if (planId.isPresent() && !plans.containsKey(planId.get())) {
                refresh(planId.get());
            }
            task = tasks.get(taskId);
        }
        return Optional.ofNullable(task);
    }

    /** The plan if this service holds it; read from the database if not yet in memory. */
    public Optional<KnownPlan> plan(UUID planId) {
        KnownPlan plan = plans.get(planId);
        if (plan == null) {
            refresh(planId);
            plan = plans.get(planId);
        }
        return Optional.ofNullable(plan);
    }

    /** Holds the plan as the database has it now, unless the version held here is at least as new. */
    public void refresh(UUID planId) {
        loader.load(planId).ifPresent(loaded -> {
            if (loaded.round() != null) {
                // A round set since the read (roundChanged) is newer than the one read.
                rounds.putIfAbsent(planId, loaded.round());
            }
            put(loaded.plan(), loaded.activeTasks());
        });
    }

    /**
     * The plan's current appraisal round, null when none was opened; reads nothing from the database once the plan is
     * held (the progress-report path asks it whether the plan is closed).
     */
    public Round round(UUID planId) {
        if (!plans.containsKey(planId)) {
            refresh(planId);
        }
        return rounds.get(planId);
    }

    /** Called once the opening of {@code round} is committed. */
    public void roundChanged(UUID planId, Round round) {
        rounds.put(planId, round);
    }

    /** The version of the plan held in memory, 0 when not (yet) held; reads nothing from the database. */
    public long version(UUID planId) {
        KnownPlan plan = plans.get(planId);
        return plan == null ? 0 : plan.version();
    }

    /**
     * Holds {@code plan} and its active tasks, unless a version at least as new is already held (a first read and
     * the consumer may race; the newer always wins).
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
}
