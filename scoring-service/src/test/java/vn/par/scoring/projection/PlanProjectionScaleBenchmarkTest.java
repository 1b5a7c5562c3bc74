package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How the in-memory cost of one report grows with the size of the plan (issue 8: 3,500 criteria within 1.5× of 35).
 * A measurement, not a check: run it with {@code -Dpar.bench=true -Dtest=PlanProjectionScaleBenchmarkTest}.
 */
@EnabledIfSystemProperty(named = "par.bench", matches = "true")
class PlanProjectionScaleBenchmarkTest {

    private static final LocalDate DAY = LocalDate.of(2024, 6, 1);
    private static final boolean DUE = Boolean.getBoolean("par.bench.due");

    @Test
    void costOfAReportBySizeOfThePlan() {
        Plan small = plan(5, 1, 5);     // 5 + 5 + 25 = 35 criteria
        Plan large = plan(7, 20, 24);   // 7 + 140 + 3,360 = 3,507 criteria
        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
            double s = nanosPerReport(small, 400_000);
            double l = nanosPerReport(large, 400_000);
            System.out.printf("round %d: %d criteria %.0f ns/report, %d criteria %.0f ns/report, ratio %.2f%n", round,
                    small.projection.structure().size(), s, large.projection.structure().size(), l, l / s);
        }
    }

    private static double nanosPerReport(Plan plan, int reports) {
        Random random = new Random(7);
        long start = System.nanoTime();
        int changed = 0;
        for (int i = 0; i < reports; i++) {
            String task = plan.tasks.get(random.nextInt(plan.tasks.size()));
            int draw = random.nextInt(100); // about what a reporting season looks like: few blocked tasks
            TaskStatus status = draw < 1 ? TaskStatus.BLOCKED : draw < 30 ? TaskStatus.DONE : TaskStatus.IN_PROGRESS;
            if (plan.projection.report(task, ReportRole.LEAD, new TaskProgress(status, random.nextInt(101)), DAY)) {
                changed += plan.projection.areas().size(); // what a ScoreChanged carries
            }
        }
        long elapsed = System.nanoTime() - start;
        if (changed < 0) {
            throw new AssertionError();
        }
        return (double) elapsed / reports;
    }

    private record Plan(PlanProjection projection, List<String> tasks) {
    }

    private static Plan plan(int areas, int criteriaPerArea, int leavesPerCriterion) {
        List<PlanSnapshot.Criterion> criteria = new ArrayList<>();
        List<PlanSnapshot.Task> tasks = new ArrayList<>();
        List<String> taskIds = new ArrayList<>();
        for (int a = 1; a <= areas; a++) {
            criteria.add(new PlanSnapshot.Criterion(Integer.toString(a), null, "Lĩnh vực " + a, null));
            for (int c = 1; c <= criteriaPerArea; c++) {
                String parent = a + "." + c;
                criteria.add(new PlanSnapshot.Criterion(parent, Integer.toString(a), "Tiêu chí " + parent, null));
                for (int l = 1; l <= leavesPerCriterion; l++) {
                    String leaf = parent + "." + l;
                    criteria.add(new PlanSnapshot.Criterion(leaf, parent, "Tiêu chí thành phần " + leaf,
                            new PlanSnapshot.Points(new BigDecimal("1.5"), new BigDecimal("0.75"), new BigDecimal("1.33"))));
                    for (int t = 0; t < 2; t++) {
                        String id = UUID.randomUUID().toString();
                        taskIds.add(id);
                        tasks.add(new PlanSnapshot.Task(id, leaf, "Nhiệm vụ", List.of("VP"),
                                DUE ? (t == 0 ? LocalDate.of(2024, 3, 31) : null) : null));
                    }
                }
            }
        }
        PlanSnapshot snapshot = new PlanSnapshot(UUID.randomUUID(), 1, "PUBLISHED",
                new PlanSnapshot.Agency("Sở"), 2024, criteria, tasks, List.of());
        return new Plan(new PlanProjection(new PlanStructure(snapshot), new PlanInputs()), taskIds);
    }
}
