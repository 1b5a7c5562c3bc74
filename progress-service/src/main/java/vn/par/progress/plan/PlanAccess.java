package vn.par.progress.plan;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.caller.AgencyScope;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.PlanIndex.KnownPlan;
import vn.par.progress.plan.PlanIndex.KnownTask;

/** Whether a caller may read a plan, or a task's plan, held here (see {@link AgencyScope}). */
@ApplicationScoped
public class PlanAccess {

    private final PlanIndex index;
    private final PlanIndexLoader loader;

    public PlanAccess(PlanIndex index, PlanIndexLoader loader) {
        this.index = index;
        this.loader = loader;
    }

    /** The plan, if the caller may read it: 404 for a plan not held here, 403 for another agency's. */
    public KnownPlan readable(Caller caller, UUID planId) {
        KnownPlan plan = index.plan(planId).orElseThrow(() -> ProblemException.notFound(
                "Không có kế hoạch " + planId + " (hoặc kế hoạch chưa được công bố)."));
        AgencyScope.checkRead(caller, plan.agency());
        return plan;
    }

    /**
     * 403 when the task (active or dropped) belongs to a plan of another agency; an unknown task is left to the
     * caller's own 404.
     */
    public void checkTask(Caller caller, UUID taskId) {
        Optional<UUID> planId = index.task(taskId).map(KnownTask::planId).or(() -> loader.planOfTask(taskId));
        planId.flatMap(index::plan).ifPresent(plan -> AgencyScope.checkRead(caller, plan.agency()));
    }
}
