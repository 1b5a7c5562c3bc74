package vn.par.scoring.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.par.scoring.testing.SeedPlan.taskOf;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.par.scoring.projection.PlanInputs;
import vn.par.scoring.projection.PlanProjection;
import vn.par.scoring.projection.PlanStructure;
import vn.par.scoring.projection.ReportRole;
import vn.par.scoring.projection.ScoreGroup;
import vn.par.scoring.projection.TaskProgress;
import vn.par.scoring.projection.TaskStatus;
import vn.par.scoring.testing.SeedPlan;

/** How the plan page arranges a score, on the seed plan, without Quarkus. */
class PlanPageTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 6, 1);

    private final PlanProjection seed = new PlanProjection(new PlanStructure(SeedPlan.snapshot()), new PlanInputs());

    @Test
    void eachAreaGetsItsBarInPercentOfItsMaximum() {
        PlanPage page = page();
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7"), page.areas().stream().map(a -> a.area().code()).toList());
        PlanPage.AreaView area7 = page.areas().get(6);
        assertEquals("85.2", area7.projectedWidth()); // 17.04 / 20
        assertEquals("85.2", area7.baselineAt());
        assertEquals("90", area7.targetAt()); // 18 / 20
        assertEquals(ScoreGroup.B, page.group());
    }

    @Test
    void criteriaAreGroupedByAreaInTreeOrderWithTheirDepth() {
        PlanPage page = page();
        assertEquals(7, page.criteria().size());
        PlanPage.AreaCriteria area1 = page.criteria().get(0);
        assertEquals("1", area1.rows().get(0).criterion().code());
        assertEquals(0, area1.rows().get(0).depth());
        PlanPage.Row sub = area1.rows().stream().filter(r -> r.criterion().code().equals("1.3.1")).findFirst().orElseThrow();
        assertEquals(2, sub.depth());
        PlanPage.AreaCriteria area2 = page.criteria().get(1);
        assertEquals(1, area2.rows().size(), "area 2 is its own leaf: one row");
        assertEquals(32, page.criteria().stream().mapToInt(a -> a.rows().size()).sum());
    }

    @Test
    void atRiskListsTheLeavesAtRiskWithTheirArea() {
        seed.report(taskOf("7.2"), ReportRole.LEAD, new TaskProgress(TaskStatus.BLOCKED, 10), TODAY);
        PlanPage page = page();
        assertEquals(1, page.atRisk().size());
        PlanPage.AtRisk risk = page.atRisk().get(0);
        assertEquals("7", risk.areaCode());
        assertEquals("7.2", risk.criterion().code());
        assertEquals(List.of("LDVL", "TTDVVL"), risk.tasks().get(0).leadUnits().stream().map(u -> u.code()).toList());
    }

    @Test
    void barPartsStayWithinTheBar() {
        assertEquals("100", PlanPage.share(new BigDecimal("21"), new BigDecimal("20")));
        assertEquals("0", PlanPage.share(new BigDecimal("-1"), new BigDecimal("20")));
        assertEquals("0", PlanPage.share(new BigDecimal("1"), BigDecimal.ZERO));
        assertEquals("33.33", PlanPage.share(new BigDecimal("1"), new BigDecimal("3")));
    }

    private PlanPage page() {
        return PlanPage.of(seed.score(TODAY, 1, Instant.EPOCH));
    }
}
