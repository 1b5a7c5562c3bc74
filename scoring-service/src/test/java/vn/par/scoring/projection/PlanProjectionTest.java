package vn.par.scoring.projection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.scoring.testing.SeedPlan.taskOf;
import static vn.par.scoring.testing.SeedPlan.tasksOf;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.scoring.testing.SeedPlan;

/** The scoring rule on the seed plan, without Quarkus, Kafka or a database. */
class PlanProjectionTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 6, 1);
    private static final TaskProgress DONE = new TaskProgress(TaskStatus.DONE, 100);

    private final PlanProjection seed = new PlanProjection(new PlanStructure(SeedPlan.snapshot()), new PlanInputs());

    @Test
    void beforeAnyProgressTheIndexIsTheDerivedBaseline() {
        PlanScore score = score(seed);
        assertAll(
                () -> assertEquals(dec("89.62"), score.projected()),
                () -> assertEquals(dec("89.62"), score.baseline()),
                () -> assertEquals(dec("93.25"), score.target()),
                () -> assertEquals(dec("100"), score.max()),
                () -> assertEquals(dec("89.62"), score.percent()),
                () -> assertEquals(32, score.criteria().size()));
        assertArea(score, "1", "15.5", "13.5", "13.5", "13.5");
        assertArea(score, "2", "14", "14", "14", "14");
        assertArea(score, "3", "17.5", "15.5", "17.5", "15.5");
        assertArea(score, "4", "10", "10", "10", "10");
        assertArea(score, "5", "12", "12", "12", "12");
        assertArea(score, "6", "11", "7.58", "8.25", "7.58");
        assertArea(score, "7", "20", "17.04", "18", "17.04");
        assertCriterion(score, "6.1", "4", "3.33", "4", "3.33");
        assertCriterion(score, "6.3", "5", "2.25", "2.25", "2.25");
        assertCriterion(score, "7.1", "10", "9.71", "10", "9.71");
        assertCriterion(score, "7.2", "4", "3.33", "4", "3.33");
        assertCriterion(score, "7.3", "4", "2", "2", "2");
        assertCriterion(score, "7.4", "2", "2", "2", "2");
        assertEquals(dec("0"), criterion(score, "7.2").completion());
        assertNull(criterion(score, "7").completion(), "a parent has no completion of its own");
    }

    @Test
    void everyTaskDoneGivesTheDerivedTarget() {
        for (String task : SeedPlan.allTaskIds()) {
            seed.report(task, ReportRole.LEAD, DONE, TODAY);
        }
        PlanScore score = score(seed);
        assertEquals(dec("93.25"), score.projected());
        assertEquals(dec("93.25"), score.percent());
        for (AreaScore area : score.areas()) {
            assertEquals(area.target(), area.projected(), "area " + area.code());
        }
        // 6.3.2 and 6.4 have no task (F = 0) but baseline = target there, so the target total is still reached.
        assertEquals(dec("0"), criterion(score, "6.3.2").completion());
    }

    @Test
    void partialProgressWorkedOutByHand() {
        // Area 3 (baseline 15.5, target 17.5) has two tasks: DONE and 40 % → F = (1 + 0.4) / 2 = 0.7,
        // projected 15.5 + 2 × 0.7 = 16.9, i.e. 16.9 / 17.5 = 96.571428…% → 96.57.
        seed.report(tasksOf("3").get(0), ReportRole.LEAD, DONE, TODAY);
        seed.report(tasksOf("3").get(1), ReportRole.LEAD, new TaskProgress(TaskStatus.IN_PROGRESS, 40), TODAY);
        // 6.1.2 (1.33 → 2) at 60 %: 1.33 + 0.67 × 0.6 = 1.732 → 1.73; 6.1 = 1 + 1.732 + 1 = 3.732 → 3.73;
        // area 6 = 7.58 + 0.402 = 7.982 → 7.98.
        seed.report(taskOf("6.1.2"), ReportRole.LEAD, new TaskProgress(TaskStatus.IN_PROGRESS, 60), TODAY);
        // Area 4 (10 → 10) has three tasks; one DONE moves its completion to 100 / 3 = 33.33…% but not its points.
        seed.report(tasksOf("4").get(0), ReportRole.LEAD, DONE, TODAY);
        // Plan: 89.62 + 1.4 + 0.402 = 91.422 → 91.42.
        PlanScore score = score(seed);
        assertEquals(dec("91.42"), score.projected());
        assertEquals(dec("91.42"), score.percent());
        AreaScore area3 = area(score, "3");
        assertEquals(dec("16.9"), area3.projected());
        assertEquals(dec("96.57"), area3.percent());
        assertEquals(dec("70"), criterion(score, "3").completion());
        assertEquals(dec("1.73"), criterion(score, "6.1.2").projected());
        assertEquals(dec("60"), criterion(score, "6.1.2").completion());
        assertEquals(dec("3.73"), criterion(score, "6.1").projected());
        assertEquals(dec("7.98"), area(score, "6").projected());
        assertEquals(dec("72.56"), area(score, "6").percent()); // 7.982 / 11 = 72.5636…%
        assertEquals(dec("10"), area(score, "4").projected());
        assertEquals(dec("33.33"), criterion(score, "4").completion());
    }

    @Test
    void anAreaIsRoundedFromItsExactSumNotSummedFromRoundedChildren() {
        // 7.1 at 50 %: 9.71 + 0.29 × 0.5 = 9.855 → 9.86.  7.2 at 50 %: 3.33 + 0.67 × 0.5 = 3.665 → 3.67.
        seed.report(taskOf("7.1"), ReportRole.LEAD, new TaskProgress(TaskStatus.IN_PROGRESS, 50), TODAY);
        seed.report(taskOf("7.2"), ReportRole.LEAD, new TaskProgress(TaskStatus.IN_PROGRESS, 50), TODAY);
        PlanScore score = score(seed);
        assertEquals(dec("9.86"), criterion(score, "7.1").projected());
        assertEquals(dec("3.67"), criterion(score, "7.2").projected());
        // Rounded children would add up to 9.86 + 3.67 + 2 + 2 = 17.53; the exact area is 17.52.
        assertEquals(dec("17.52"), area(score, "7").projected());
        assertEquals(dec("87.6"), area(score, "7").percent());
        // Rounded areas would add up to 90.11; the exact plan is 89.62 + 0.145 + 0.335 = 90.1.
        assertEquals(dec("90.1"), score.projected());
    }

    @Test
    void leavesAreClampedToZeroAndToTheirMaximum() {
        // Upstream prevents these values, but a stale or wrong plan must never score outside [0, max]:
        // A: baseline 3 above its max 2, going down to 1; B: target −1 below zero.
        PlanProjection p = new PlanProjection(new PlanStructure(new PlanSnapshot(UUID.randomUUID(), 1, "PUBLISHED",
                new PlanSnapshot.Agency("Sở thử"), 2024,
                List.of(criterion("1", null), leaf("1.1", "1", "2", "3", "1"), leaf("1.2", "1", "1", "0.5", "-1")),
                List.of(task("a", "1.1"), task("b", "1.2")), List.of())), new PlanInputs());
        assertEquals(dec("2"), criterion(score(p), "1.1").projected(), "F = 0: 3 is clamped to max 2");
        assertEquals(dec("0.5"), criterion(score(p), "1.2").projected());

        p.report("a", ReportRole.LEAD, new TaskProgress(TaskStatus.IN_PROGRESS, 25), TODAY);
        assertEquals(dec("2"), criterion(score(p), "1.1").projected(), "3 − 2 × 0.25 = 2.5, clamped to 2");
        p.report("a", ReportRole.LEAD, DONE, TODAY);
        assertEquals(dec("1"), criterion(score(p), "1.1").projected(), "F = 1: the target, inside the range");

        p.report("b", ReportRole.LEAD, new TaskProgress(TaskStatus.IN_PROGRESS, 20), TODAY);
        assertEquals(dec("0.2"), criterion(score(p), "1.2").projected(), "0.5 − 1.5 × 0.2 = 0.2");
        p.report("b", ReportRole.LEAD, DONE, TODAY);
        assertEquals(dec("0"), criterion(score(p), "1.2").projected(), "−1 is clamped to 0");
        assertEquals(dec("1"), score(p).projected(), "the area sums the clamped leaves");

        p.selfAssess("1.1", dec("5"), TODAY);
        p.selfAssess("1.2", dec("-2"), TODAY);
        assertEquals(dec("2"), criterion(score(p), "1.1").projected(), "a self-assessment is clamped to max too");
        assertEquals(dec("0"), criterion(score(p), "1.2").projected());
    }

    @Test
    void theLatestSelfAssessmentOverridesTheProjection() {
        assertTrue(seed.selfAssess("7.3", dec("3.5"), TODAY));
        seed.report(taskOf("7.3"), ReportRole.LEAD, DONE, TODAY);
        PlanScore score = score(seed);
        CriterionScore c73 = criterion(score, "7.3");
        assertEquals(dec("3.5"), c73.projected(), "the assessment wins over the tasks");
        assertTrue(c73.selfAssessed());
        assertEquals(dec("100"), c73.completion(), "completion still shows the tasks");
        assertEquals(dec("18.54"), area(score, "7").projected()); // 17.04 − 2 + 3.5
        assertEquals(dec("91.12"), score.projected());

        seed.selfAssess("7.3", dec("2.75"), TODAY);
        assertEquals(dec("2.75"), criterion(score(seed), "7.3").projected(), "the latest one counts");
        assertFalse(seed.selfAssess("7", dec("20"), TODAY), "an assessment of a parent does not count");
        assertEquals(dec("17.79"), area(score(seed), "7").projected());
    }

    @Test
    void coordinatingReportsAreIgnored() {
        assertFalse(seed.report(taskOf("7.2"), ReportRole.COORDINATING, DONE, TODAY));
        assertEquals(dec("89.62"), score(seed).projected());
        assertNull(seed.inputs().progress(taskOf("7.2")), "not even recorded");
    }

    @Test
    void aReportOnATaskOfAParentCriterionIsIgnored() {
        // The appendix puts a task on 1.3, a parent of 1.3.1 and 1.3.2: only tasks of leaves are scored.
        assertFalse(seed.report(taskOf("1.3"), ReportRole.LEAD, DONE, TODAY));
        PlanScore score = score(seed);
        assertEquals(dec("89.62"), score.projected());
        assertEquals(dec("0"), criterion(score, "1.3.1").completion());
    }

    @Test
    void reportsTellWhetherThePublishedScoreChanged() {
        TaskProgress half = new TaskProgress(TaskStatus.IN_PROGRESS, 50);
        assertTrue(seed.report(taskOf("7.2"), ReportRole.LEAD, half, TODAY));
        assertFalse(seed.report(taskOf("7.2"), ReportRole.LEAD, half, TODAY), "the same report again");
        assertTrue(seed.report(taskOf("2"), ReportRole.LEAD, half, TODAY), "area 2 keeps 14 points, but completion moves");
        assertTrue(seed.report(taskOf("2"), ReportRole.LEAD, new TaskProgress(TaskStatus.BLOCKED, 50), TODAY),
                "only the risk moved");
    }

    @Test
    void blockedAndOverdueTasksPutTheirLeavesAtRisk() {
        ObjectNode json = SeedPlan.json(UUID.randomUUID());
        SeedPlan.task(json, taskOf("7.3")).put("dueDate", "2024-03-31");
        SeedPlan.task(json, taskOf("7.4")).put("dueDate", "2024-03-31");
        SeedPlan.task(json, taskOf("6.2")).put("dueDate", "2024-12-31");
        PlanProjection p = new PlanProjection(new PlanStructure(SeedPlan.snapshot(json)), new PlanInputs());
        p.report(taskOf("7.2"), ReportRole.LEAD, new TaskProgress(TaskStatus.BLOCKED, 30), TODAY);
        p.report(taskOf("7.4"), ReportRole.LEAD, DONE, TODAY);

        PlanScore score = p.score(TODAY, 1, Instant.EPOCH);
        assertEquals(List.of("7.2", "7.3"), area(score, "7").atRisk(), "7.4 is overdue but DONE; 6.2 not due yet");
        assertEquals(List.of(), area(score, "6").atRisk());
        CriterionScore c72 = criterion(score, "7.2");
        assertTrue(c72.atRisk());
        assertEquals(List.of(RiskReason.BLOCKED), c72.risks().get(0).reasons());
        assertEquals(List.of(new UnitRef("LDVL", "Phòng Lao động - Việc làm và GDNN"),
                new UnitRef("TTDVVL", "Trung tâm Dịch vụ việc làm")), c72.risks().get(0).leadUnits());
        TaskRisk overdue = criterion(score, "7.3").risks().get(0);
        assertEquals(List.of(RiskReason.OVERDUE), overdue.reasons());
        assertNull(overdue.status(), "nobody reported yet");
        assertEquals(LocalDate.of(2024, 3, 31), overdue.dueDate());
        assertTrue(criterion(score, "7").atRisk(), "a parent is at risk when a leaf below it is");
        assertFalse(criterion(score, "7.4").atRisk());

        // The event path judges on the event's day: the same plan in January has only the blocked task.
        PlanProjection january = new PlanProjection(p.structure(), new PlanInputs(p.inputs().progress(), Map.of(), Map.of()));
        january.judgeRisksAt(LocalDate.of(2024, 1, 15));
        assertEquals(List.of("7.2"), january.areas().stream().filter(a -> a.code().equals("7")).findFirst()
                .orElseThrow().atRisk());
    }

    @Test
    void aNewPlanVersionRecomputesOnTheNewStructureKeepingReportsThatStillApply() {
        String added = "5eed0000-0000-4000-8000-0000000000aa";
        seed.report(taskOf("7.2"), ReportRole.LEAD, DONE, TODAY);
        seed.report(taskOf("6.1.2"), ReportRole.LEAD, DONE, TODAY);
        seed.report(added, ReportRole.LEAD, DONE, TODAY); // not in version 1 yet: kept, not scored
        assertEquals(dec("90.96"), score(seed).projected()); // 89.62 + 0.67 (7.2) + 0.67 (6.1.2)
        ObjectNode v2 = SeedPlan.json(UUID.randomUUID());
        v2.put("version", 2);
        SeedPlan.criterion(v2, "7.3").with("derived").put("targetPoints", 3);       // target revised
        SeedPlan.tasks(v2).remove(indexOf(v2, taskOf("7.2")));                          // 7.2 loses its task
        SeedPlan.tasks(v2).addObject().put("id", added).put("criterionCode", "6.1.2")  // 6.1.2 gains one
                .put("description", "Rà soát kiến nghị kiểm toán").putArray("leadUnits").add("KHTC");
        PlanProjection next = new PlanProjection(new PlanStructure(SeedPlan.snapshot(v2)), seed.inputs());
        PlanScore score = score(next);
        assertEquals(dec("3.33"), criterion(score, "7.2").projected(), "no task left: F = 0");
        assertEquals(dec("2"), criterion(score, "6.1.2").projected(), "both tasks DONE, the new one included");
        assertEquals(dec("2"), criterion(score, "7.3").projected(), "F = 0 keeps the baseline");
        assertEquals(dec("94.25"), score.target(), "93.25 + 1 for 7.3");
        assertEquals(dec("90.29"), score.projected()); // 89.62 + 0.67 (6.1.2)
    }

    @Test
    void incrementalUpdatesEqualAFreshComputation() {
        Random random = new Random(42);
        List<String> tasks = SeedPlan.allTaskIds();
        TaskStatus[] statuses = TaskStatus.values();
        for (int i = 0; i < 2_000; i++) {
            if (random.nextInt(20) == 0) {
                seed.selfAssess(List.of("1.1", "6.1.2", "7.3").get(random.nextInt(3)),
                        BigDecimal.valueOf(random.nextInt(400), 2), TODAY);
            } else {
                seed.report(tasks.get(random.nextInt(tasks.size())), ReportRole.LEAD,
                        new TaskProgress(statuses[random.nextInt(statuses.length)], random.nextInt(101)), TODAY);
            }
        }
        PlanProjection fresh = new PlanProjection(seed.structure(),
                new PlanInputs(seed.inputs().progress(), seed.inputs().assessments(), seed.inputs().indicators()));
        assertEquals(0, fresh.total().compareTo(seed.total()));
        assertEquals(score(fresh), score(seed));
    }

    private static int indexOf(ObjectNode plan, String taskId) {
        for (int i = 0; i < plan.get("tasks").size(); i++) {
            if (plan.get("tasks").get(i).get("id").asText().equals(taskId)) {
                return i;
            }
        }
        throw new IllegalArgumentException(taskId);
    }

    private static PlanScore score(PlanProjection p) {
        return p.score(TODAY, 0, Instant.EPOCH);
    }

    private static AreaScore area(PlanScore score, String code) {
        return score.areas().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    private static CriterionScore criterion(PlanScore score, String code) {
        Map<String, CriterionScore> byCode = score.criteria().stream()
                .collect(Collectors.toMap(CriterionScore::code, Function.identity()));
        return byCode.get(code);
    }

    private static void assertArea(PlanScore score, String code, String max, String baseline, String target,
            String projected) {
        AreaScore a = area(score, code);
        assertAll("area " + code,
                () -> assertEquals(dec(max), a.max()),
                () -> assertEquals(dec(baseline), a.baseline()),
                () -> assertEquals(dec(target), a.target()),
                () -> assertEquals(dec(projected), a.projected()));
    }

    private static void assertCriterion(PlanScore score, String code, String max, String baseline, String target,
            String projected) {
        CriterionScore c = criterion(score, code);
        assertAll("criterion " + code,
                () -> assertEquals(dec(max), c.max()),
                () -> assertEquals(dec(baseline), c.baseline()),
                () -> assertEquals(dec(target), c.target()),
                () -> assertEquals(dec(projected), c.projected()));
    }

    private static PlanSnapshot.Criterion criterion(String code, String parent) {
        return new PlanSnapshot.Criterion(code, parent, "Tiêu chí " + code, null);
    }

    private static PlanSnapshot.Criterion leaf(String code, String parent, String max, String baseline, String target) {
        return new PlanSnapshot.Criterion(code, parent, "Tiêu chí " + code,
                new PlanSnapshot.Values(dec(max), dec(baseline), dec(target)));
    }

    private static PlanSnapshot.Task task(String id, String criterion) {
        return new PlanSnapshot.Task(id, criterion, "Nhiệm vụ " + id, List.of("VP"), null);
    }

    private static BigDecimal dec(String value) {
        return Precision.publish(new BigDecimal(value));
    }
}
