package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.par.stack.Stack;

/**
 * Two scoring-service instances in one consumer group share the partitions of par.plans and par.progress, with
 * the projection in the one PostgreSQL database. One of them is killed mid-stream; after the rebalance the other
 * owns every partition and the scores are still exact.
 */
@ExtendWith(SystemStack.class)
class ScaleOutIT {

    @Test
    void twoScoringInstancesShareTheStreamAndOneSurvivesTheOthersDeath() {
        Stack stack = SystemStack.stack();
        String second = stack.startReplica("scoring-service", "scoring-service-2");
        try {
            PlanModel plan = Scenario.publishedPlan(stack, 2060);
            int total = 900;
            AtomicBoolean killed = new AtomicBoolean();
            Reporters.Outcome outcome = new Reporters(stack, plan.scoredTasks(), 20).post(total, accepted -> {
                if (accepted == total / 3 && killed.compareAndSet(false, true)) {
                    stack.service("scoring-service").kill();
                }
            }, Duration.ofSeconds(120));
            assertTrue(killed.get());
            assertEquals(List.of(), outcome.unexpected());
            // The killed member leaves the group only when its session times out; then the survivor takes over.
            Scenario.awaitScores(stack, second, plan, outcome.latestPercent(), Duration.ofSeconds(150));
            assertEquals(total, Scenario.appliedProgressSequence(stack, plan.id()));
        } finally {
            stack.startService("scoring-service");
            stack.service("scoring-service-2").stop();
        }
    }
}
