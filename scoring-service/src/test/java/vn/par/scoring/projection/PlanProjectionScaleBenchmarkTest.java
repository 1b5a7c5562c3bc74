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
 * How the in-memory cost of one report grows with the size of the plan (issue 8: 3,500 criteria within 1.5× of 35),
 * what scoring rules cost per event (issue 22: at most 1.2× without), and how long a what-if answer takes on a plan of
 * 3,507 criteria (issue 22: p99 at most 50 ms). Measurements, not checks: run them with
 * {@code -Dpar.bench=true -Dtest=PlanProjectionScaleBenchmarkTest}.
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

    @Test
    void costOfAnEventWithRulesAgainstWithout() {
        for (int round = 0; round < 3; round++) {
            Plan manual = plan(7, 20, 24, false);
            Plan ruled = plan(7, 20, 24, true);
            double without = nanosPerReport(manual, 400_000);
            double with = nanosPerEventWithRules(ruled, 400_000);
            System.out.printf("round %d: 3,507 criteria, reports only %.0f ns/event; a third of the leaves by RATIO rules,"
                    + " a quarter of the events indicators %.0f ns/event; ratio %.2f%n", round, without, with, with / without);
        }
    }

    @Test
    void whatIfOnAPlanOf3507Criteria() {
        Plan large = plan(7, 20, 24, true);
        Random random = new Random(11);
        for (String task : large.tasks) { // every task reported: the inputs a plan has late in the year
            large.projection.report(task, ReportRole.LEAD, new TaskProgress(TaskStatus.IN_PROGRESS, random.nextInt(101)),
                    DAY);
        }
        List<WhatIf.Fact> facts = List.of(new WhatIf.Fact("1.1.3", null, null, new BigDecimal("45"), new BigDecimal("50"),
                null, null, null, null), new WhatIf.Fact("2.2.6", null, null, new BigDecimal("31"), new BigDecimal("50"),
                null, null, null, null));
        List<WhatIf.Progress> reports = List.of(new WhatIf.Progress(large.tasks.get(17), 100, null));
        for (int round = 0; round < 3; round++) {
            long[] nanos = new long[300];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                PlanScore answer = WhatIf.score(large.projection.structure(), large.projection.inputs(), facts, reports, DAY,
                        1, java.time.Instant.EPOCH);
                nanos[i] = System.nanoTime() - start;
                if (answer.criteria().size() != 3_507) {
                    throw new AssertionError();
                }
            }
            java.util.Arrays.sort(nanos);
            System.out.printf("round %d: what-if on 3,507 criteria (in memory: copy the inputs, project, score every"
                    + " criterion) p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", round, nanos[150] / 1e6, nanos[296] / 1e6,
                    nanos[299] / 1e6);
        }
    }

    private static double nanosPerEventWithRules(Plan plan, int events) {
        Random random = new Random(7);
        long start = System.nanoTime();
        int changed = 0;
        for (int i = 0; i < events; i++) {
            boolean changedNow;
            if (random.nextInt(4) == 0) {
                String leaf = plan.ratioLeaves.get(random.nextInt(plan.ratioLeaves.size()));
                int cases = 1 + random.nextInt(60);
                changedNow = plan.projection.indicate(leaf, Indicator.ratio(BigDecimal.valueOf(random.nextInt(cases + 1)),
                        BigDecimal.valueOf(cases)), DAY);
            } else {
                String task = plan.tasks.get(random.nextInt(plan.tasks.size()));
                int draw = random.nextInt(100);
                TaskStatus status = draw < 1 ? TaskStatus.BLOCKED : draw < 30 ? TaskStatus.DONE : TaskStatus.IN_PROGRESS;
                changedNow = plan.projection.report(task, ReportRole.LEAD, new TaskProgress(status, random.nextInt(101)), DAY);
            }
            if (changedNow) {
                changed += plan.projection.areas().size();
            }
        }
        long elapsed = System.nanoTime() - start;
        if (changed < 0) {
            throw new AssertionError();
        }
        return (double) elapsed / events;
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

    private record Plan(PlanProjection projection, List<String> tasks, List<String> ratioLeaves) {
    }

    private static Plan plan(int areas, int criteriaPerArea, int leavesPerCriterion) {
        return plan(areas, criteriaPerArea, leavesPerCriterion, false);
    }

    /** @param rules whether every third leaf is scored by a RATIO rule (fullAt 70), the others MANUAL */
    private static Plan plan(int areas, int criteriaPerArea, int leavesPerCriterion, boolean rules) {
        List<String> ratioLeaves = new ArrayList<>();
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
                    PlanSnapshot.Values points = new PlanSnapshot.Values(new BigDecimal("1.5"), new BigDecimal("0.75"),
                            new BigDecimal("1.33"));
                    boolean ratio = rules && l % 3 == 0;
                    if (ratio) {
                        ratioLeaves.add(leaf);
                    }
                    criteria.add(new PlanSnapshot.Criterion(leaf, parent, "Tiêu chí thành phần " + leaf, points,
                            ratio ? new PlanSnapshot.Rule("RATIO", null, null, new BigDecimal("70"), "FULL", null, null)
                                    : null, null, null));
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
        return new Plan(new PlanProjection(new PlanStructure(snapshot), new PlanInputs()), taskIds, ratioLeaves);
    }
}
