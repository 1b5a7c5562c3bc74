package vn.par.progress.plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.StartupEvent;

/** Fills the plan index from the database at start; the service is not ready before that. */
@Readiness
@ApplicationScoped
public class PlanIndexLoader implements HealthCheck {

    private final PlanCopyService plans;
    private final PlanIndex index;

    public PlanIndexLoader(PlanCopyService plans, PlanIndex index) {
        this.plans = plans;
        this.index = index;
    }

    void load(@Observes StartupEvent event) {
        plans.loadIndex();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("plan index").status(index.loaded())
                .withData("plans", index.planCount()).withData("activeTasks", index.taskCount()).build();
    }
}
