package vn.par.scoring.projection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.scoring.testing.SeedPlan.taskOf;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.scoring.testing.SeedPlan;

/**
 * The projection with scoring rules and a leaf that is not applicable, on the seed plan: the known answers,
 * one indicator after another, each worked out by hand.
 */
class RuleProjectionTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 9, 30);

    private final PlanProjection p = new PlanProjection(
            new PlanStructure(SeedPlan.snapshot(SeedPlan.withKnownRules(UUID.randomUUID()))), new PlanInputs());

    @Test
    void beforeAnyIndicatorTheIndexIsOverTheApplicableMaximum() {
        PlanScore score = score();
        assertAll(
                () -> assertEquals(dec("89.62"), score.projected(), "6.3.2 had 0 last year: leaving it moves nothing"),
                () -> assertEquals(dec("99"), score.max(), "6.3.2's 1 point leaves the maximum"),
                () -> assertEquals(dec("93.25"), score.target()),
                () -> assertEquals(dec("90.53"), score.percent(), "89.62 / 99 = 90.5252…"),
                () -> assertEquals(ScoreGroup.A, score.group()),
                () -> assertEquals(dec("3.63"), score.shortfall(), "93.25 − 89.62: no leaf above its target"),
                () -> assertNull(score.earned(), "nothing measured yet"),
                () -> assertEquals(0, score.measuredLeaves()),
                () -> assertEquals(new Share(dec("2"), dec("2")), score.survey()),
                () -> assertEquals(new Share(dec("87.62"), dec("97")), score.selfControlled()));
        assertEquals(dec("10"), area(score, "6").max(), "11 − 6.3.2");
        assertEquals(dec("4"), criterion(score, "6.3").max());
        CriterionScore na = criterion(score, "6.3.2");
        assertFalse(na.applicable());
        assertNull(na.projected(), "a leaf that is not applicable counts nowhere");
        assertEquals(dec("1"), na.max(), "its own figures are still shown");
        assertEquals("TIERS", criterion(score, "6.1.1").rule().type());
        assertEquals("MANUAL", criterion(score, "6.1.2").rule().type(), "no rule set: MANUAL");
    }

    @Test
    void theKnownAnswersOneIndicatorAfterAnother() {
        assertTrue(p.indicate("6.1.1", Indicator.option("VIOLATION"), TODAY));
        assertEquals(dec("88.62"), score().projected());
        assertEquals(dec("6.58"), area(score(), "6").projected(), "7.58 − 1");

        assertTrue(p.indicate("1.3.1", Indicator.of(RuleType.BRACKETS, dec("9")), TODAY),
                "the points stay, but what the leaf earned is published");
        assertEquals(dec("88.62"), score().projected(), "9 ≥ 8 gives 2, as last year");
        assertEquals(dec("2"), criterion(score(), "1.3.1").earned());

        p.indicate("1.3.1", Indicator.of(RuleType.BRACKETS, dec("5")), TODAY);
        assertEquals(dec("87.62"), score().projected(), "5 is in [4, 8): 1");

        p.indicate("7.2", Indicator.ratio(dec("45"), dec("50")), TODAY);
        assertEquals(dec("88.29"), score().projected(), "90 % ≥ 70 %: 4 instead of 3.33");

        p.indicate("7.2", Indicator.ratio(dec("31"), dec("50")), TODAY);
        assertEquals(dec("87.83"), score().projected(), "4 × 62 / 70 = 3.542857…: 87.62 + 0.212857…");
        assertEquals(dec("17.25"), area(score(), "7").projected(), "9.71 + 3.542857… + 2 + 2");

        p.indicate("6.3.4", Indicator.of(RuleType.DEDUCTION, dec("1")), TODAY);
        assertEquals(dec("87.33"), score().projected());

        p.indicate("1.6", Indicator.of(RuleType.COUNT, dec("2")), TODAY);
        assertEquals(dec("86.33"), score().projected());

        p.indicate("7.4", Indicator.of(RuleType.SURVEY, dec("82.35")), TODAY);
        PlanScore afterSurvey = score();
        assertAll(
                () -> assertEquals(dec("85.98"), afterSurvey.projected(), "2 × 82.35 % = 1.647: 86.332857… − 0.353"),
                () -> assertEquals(dec("16.9"), area(afterSurvey, "7").projected(), "16.899857…"),
                () -> assertEquals(new Share(dec("1.65"), dec("2")), afterSurvey.survey()),
                () -> assertEquals(new Share(dec("1.65"), dec("2")), area(afterSurvey, "7").survey()),
                () -> assertEquals(new Share(dec("84.33"), dec("97")), afterSurvey.selfControlled()),
                // area 3 2 + 6.1.2 0.67 + 7.1 0.29 + 7.2 0.457143 + 6.1.1 1 + 1.3.1 1 + 6.3.4 0.5 + 1.6 1 + 7.4 0.353
                () -> assertEquals(dec("7.27"), afterSurvey.shortfall()),
                () -> assertEquals(6, afterSurvey.measuredLeaves()),
                // 0 (6.1.1) + 1 (1.3.1) + 3.542857 (7.2) + 0.5 (6.3.4) + 2 (1.6) + 1.647 (7.4)
                () -> assertEquals(dec("8.69"), afterSurvey.earned()),
                () -> assertEquals(dec("2.17"), area(afterSurvey, "6").shortfall(), "6.1.1 1 + 6.1.2 0.67 + 6.3.4 0.5"),
                () -> assertEquals(dec("3.54"), criterion(afterSurvey, "7.2").earned()),
                () -> assertEquals(dec("31"), criterion(afterSurvey, "7.2").indicator().numerator()),
                () -> assertTrue(criterion(afterSurvey, "7.2").measured()),
                () -> assertFalse(criterion(afterSurvey, "7.1").measured()));

        p.indicate("7.2", Indicator.ratio(dec("0"), dec("0")), TODAY);
        assertEquals(dec("86.44"), score().projected(), "no cases: FULL, 4 points");
    }

    @Test
    void aFactCountsOnlyWhileTheLeafsRuleHasItsType() {
        p.selfAssess("7.2", dec("1"), TODAY);
        assertEquals(dec("89.62"), score().projected(), "a self-assessment of a RATIO leaf does not count");
        assertFalse(criterion(score(), "7.2").selfAssessed());
        p.indicate("7.2", Indicator.ratio(dec("45"), dec("50")), TODAY);
        assertEquals(dec("90.29"), score().projected(), "7.2 at 4 (89.62 + 0.67), everything else as before");

        // Version 2 makes 7.2 MANUAL: the self-assessment counts now, the ratio no longer.
        ObjectNode v2 = SeedPlan.withKnownRules(p.structure().planId());
        v2.put("version", 2);
        SeedPlan.criterion(v2, "7.2").putObject("rule").put("type", "MANUAL");
        PlanProjection next = new PlanProjection(new PlanStructure(SeedPlan.snapshot(v2)), p.inputs());
        PlanScore score = next.score(TODAY, 2, Instant.EPOCH);
        assertEquals(dec("1"), criterion(score, "7.2").projected());
        assertTrue(criterion(score, "7.2").selfAssessed());
        assertEquals(RuleType.MANUAL, criterion(score, "7.2").indicator().ruleType());
    }

    @Test
    void pointsAtStakeAreTheTargetsOfTheLeavesAtRisk() {
        p.report(taskOf("7.2"), ReportRole.LEAD, new TaskProgress(TaskStatus.BLOCKED, 30), TODAY);
        p.report(taskOf("6.1.2"), ReportRole.LEAD, new TaskProgress(TaskStatus.BLOCKED, 0), TODAY);
        PlanScore score = score();
        assertEquals(dec("4"), area(score, "7").atStake(), "7.2's target");
        assertEquals(dec("2"), area(score, "6").atStake(), "6.1.2's target");
        assertEquals(dec("6"), score.atStake());
        assertEquals(dec("6"), p.atStake(), "the event path agrees");
    }

    @Test
    void aNotApplicableLeafTakesNoRiskAndNoPoints() {
        ObjectNode plan = SeedPlan.withKnownRules(UUID.randomUUID());
        SeedPlan.criterion(plan, "7.3").put("applicable", false);
        SeedPlan.task(plan, taskOf("7.3")).put("dueDate", "2024-03-31");
        PlanProjection q = new PlanProjection(new PlanStructure(SeedPlan.snapshot(plan)), new PlanInputs());
        assertFalse(q.report(taskOf("7.3"), ReportRole.LEAD, new TaskProgress(TaskStatus.DONE, 100), TODAY),
                "nothing published moves");
        PlanScore score = q.score(TODAY, 1, Instant.EPOCH);
        assertEquals(dec("16"), area(score, "7").max(), "20 − 4 (7.3)");
        assertEquals(List.of(), area(score, "7").atRisk());
        assertEquals(dec("87.62"), score.projected(), "89.62 − 7.3's 2 points");
    }

    @Test
    void incrementalUpdatesWithRulesEqualAFreshComputation() {
        Random random = new Random(7);
        List<String> tasks = SeedPlan.allTaskIds();
        for (int i = 0; i < 3_000; i++) {
            switch (random.nextInt(8)) {
                case 0 -> p.indicate("6.1.1", Indicator.option(random.nextBoolean() ? "VIOLATION" : "NO_VIOLATION"), TODAY);
                case 1 -> p.indicate("1.3.1", Indicator.of(RuleType.BRACKETS, BigDecimal.valueOf(random.nextInt(120), 1)),
                        TODAY);
                case 2 -> {
                    int d = random.nextInt(60);
                    p.indicate("7.2", Indicator.ratio(BigDecimal.valueOf(d == 0 ? 0 : random.nextInt(d + 1)),
                            BigDecimal.valueOf(d)), TODAY);
                }
                case 3 -> p.indicate("7.4", Indicator.of(RuleType.SURVEY, BigDecimal.valueOf(random.nextInt(10001), 2)),
                        TODAY);
                case 4 -> p.selfAssess(List.of("1.1", "6.1.2", "7.2").get(random.nextInt(3)),
                        BigDecimal.valueOf(random.nextInt(300), 2), TODAY);
                default -> p.report(tasks.get(random.nextInt(tasks.size())), ReportRole.LEAD,
                        new TaskProgress(TaskStatus.values()[random.nextInt(4)], random.nextInt(101)), TODAY);
            }
        }
        PlanProjection fresh = new PlanProjection(p.structure(), p.inputs().copy());
        assertEquals(0, fresh.total().compareTo(p.total()));
        assertEquals(0, fresh.shortfall().compareTo(p.shortfall()));
        assertEquals(fresh.score(TODAY, 1, Instant.EPOCH), score());
    }

    @Test
    void whatIfScoresACopyAndStoresNothing() {
        PlanScore answer = WhatIf.score(p.structure(), p.inputs(),
                List.of(new WhatIf.Fact("7.2", null, null, dec("45"), dec("50"), null, null, null, null)),
                List.of(new WhatIf.Progress(taskOf("6.1.2"), 100, null)), TODAY, 1, Instant.EPOCH);
        assertEquals(dec("90.96"), answer.projected(),
                "89.62 + 0.67 (7.2 at 4) + 0.67 (6.1.2 done)");
        assertEquals(dec("89.62"), score().projected(), "the plan's own inputs are untouched");
        assertTrue(p.inputs().indicators().isEmpty());
    }

    @Test
    void whatIfRefusesAFactTheRuleCannotTake() {
        assertRefused("indicators[0].count", new WhatIf.Fact("7.2", null, null, null, null, dec("3"), null, null, null));
        assertRefused("indicators[0].numerator", new WhatIf.Fact("7.2", null, null, dec("51"), dec("50"), null, null,
                null, null));
        assertRefused("indicators[0].option", new WhatIf.Fact("6.1.1", "LATE", null, null, null, null, null, null, null));
        assertRefused("indicators[0].code", new WhatIf.Fact("6.3.2", null, null, null, null, null, null, null, dec("1")));
        assertRefused("indicators[0].code", new WhatIf.Fact("6.1", null, null, null, null, null, null, null, dec("1")));
        assertRefused("indicators[0].code", new WhatIf.Fact("9.9", null, null, null, null, null, null, null, dec("1")));
        assertRefused("indicators[0].count", new WhatIf.Fact("1.6", null, null, null, null, dec("1.5"), null, null, null));
        assertRefused("indicators[0].percent", new WhatIf.Fact("7.4", null, null, null, null, null, null, dec("100.01"),
                null));
        assertRefused("indicators[0].points", new WhatIf.Fact("6.1.2", null, null, null, null, null, null, null,
                dec("2.5")));
        assertRefused("indicators[0].value", new WhatIf.Fact("1.3.1", null, dec("-1"), null, null, null, null, null,
                null));
        WhatIf.Refused unknownTask = assertThrows(WhatIf.Refused.class, () -> WhatIf.score(p.structure(), p.inputs(),
                List.of(), List.of(new WhatIf.Progress("no-such-task", 50, null)), TODAY, 1, Instant.EPOCH));
        assertEquals("reports[0].taskId", unknownTask.field());
    }

    private void assertRefused(String field, WhatIf.Fact fact) {
        WhatIf.Refused refused = assertThrows(WhatIf.Refused.class,
                () -> WhatIf.score(p.structure(), p.inputs(), List.of(fact), List.of(), TODAY, 1, Instant.EPOCH));
        assertEquals(field, refused.field(), refused.getMessage());
    }

    private PlanScore score() {
        return p.score(TODAY, 1, Instant.EPOCH);
    }

    private static AreaScore area(PlanScore score, String code) {
        return score.areas().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    private static CriterionScore criterion(PlanScore score, String code) {
        return score.criteria().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
