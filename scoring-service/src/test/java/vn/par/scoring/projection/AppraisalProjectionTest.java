package vn.par.scoring.projection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.scoring.testing.SeedPlan;

/**
 * The appraisal's figures on the seed plan without rules (docs/contracts/appraisal.md, known answers): what was
 * claimed, what the first appraisal made of it, and the settled final figures, worked out by hand.
 */
class AppraisalProjectionTest {

    private static final LocalDate JANUARY = LocalDate.of(2025, 1, 10);
    private static final Instant DEADLINE = Instant.parse("2025-01-15T10:00:00Z");

    private final PlanProjection p = new PlanProjection(new PlanStructure(SeedPlan.snapshot()), new PlanInputs());

    /** Every leaf self-assessed at its derived baseline, but 6.1.2 = 2 and 7.2 = 4. */
    private void selfAssessTheKnownAnswers() {
        for (CriterionScore c : score().criteria()) {
            if (c.leaf()) {
                p.selfAssess(c.code(), c.baseline(), JANUARY);
            }
        }
        p.selfAssess("6.1.2", dec("2"), JANUARY);
        p.selfAssess("7.2", dec("4"), JANUARY);
    }

    @Test
    void beforeAnyRoundTheFiguresFollowWhatWasClaimed() {
        PlanScore before = score();
        assertEquals("PROJECTED", before.basis());
        assertNull(before.round());
        assertEquals(dec("0"), before.selfAssessed().total(), "nothing claimed yet");
        assertNull(before.finalFigure());
        assertNull(criterion(before, "6.1.2").selfAssessedPoints(), "chưa tự chấm");

        selfAssessTheKnownAnswers();
        PlanScore claimed = score();
        assertAll(
                () -> assertEquals(dec("90.96"), claimed.selfAssessed().total(), "89.62 + 0.67 (6.1.2) + 0.67 (7.2)"),
                () -> assertEquals(dec("90.96"), claimed.selfAssessed().percent()),
                () -> assertEquals(dec("90.96"), claimed.appraised().total(), "nothing appraised: as claimed"),
                () -> assertEquals(dec("7.58").add(dec("0.67")), area(claimed.selfAssessed(), "6").total()),
                () -> assertEquals(dec("90.96"), claimed.projected(), "the projection follows the self-assessments"));
    }

    @Test
    void theFirstAppraisalAdjustsALeafAndTheAppraisedFigureFollows() {
        selfAssessTheKnownAnswers();
        assertTrue(p.round("APPRAISAL", DEADLINE));
        assertFalse(p.round("APPRAISAL", DEADLINE), "the same round again moves nothing");
        assertTrue(p.appraise("6.1.2", dec("1.5"), JANUARY));
        PlanScore appraised = score();
        assertAll(
                () -> assertEquals("APPRAISAL", appraised.round()),
                () -> assertEquals(DEADLINE, appraised.deadline()),
                () -> assertEquals(dec("90.96"), appraised.selfAssessed().total()),
                () -> assertEquals(dec("90.46"), appraised.appraised().total(), "6.1.2: 2 → 1.5"),
                () -> assertEquals(dec("7.75"), area(appraised.appraised(), "6").total(), "8.25 − 0.5"),
                () -> assertTrue(criterion(appraised, "6.1.2").adjusted()),
                () -> assertEquals(dec("1.5"), criterion(appraised, "6.1.2").appraisedPoints()),
                () -> assertFalse(criterion(appraised, "7.2").adjusted(), "7.2 not appraised: accepted at 4"),
                () -> assertEquals(dec("4"), criterion(appraised, "7.2").appraisedPoints()),
                () -> assertEquals("PROJECTED", appraised.basis()));
        assertFalse(p.appraise("7.2", dec("4"), JANUARY), "appraised at what was claimed: no figure moves");
        assertFalse(criterion(score(), "7.2").adjusted(), "appraised at what was claimed: not adjusted");
    }

    @Test
    void closingFreezesTheSettledFiguresAndMakesTheFinalOneTheHeadline() {
        selfAssessTheKnownAnswers();
        p.round("APPRAISAL", DEADLINE);
        p.appraise("6.1.2", dec("1.5"), JANUARY);
        assertTrue(p.close(settledAsProgressServiceWould()));
        PlanScore closed = score();
        assertAll(
                () -> assertEquals("FINAL", closed.basis()),
                () -> assertEquals("CLOSED", closed.round()),
                () -> assertEquals(dec("90.96"), closed.finalFigure().total(), "6.1.2's final appraisal: 2"),
                () -> assertEquals(dec("90.46"), closed.appraised().total()),
                () -> assertEquals(dec("90.96"), closed.selfAssessed().total()),
                () -> assertEquals(dec("2"), criterion(closed, "6.1.2").finalPoints()),
                () -> assertEquals(dec("8.25"), area(closed.finalFigure(), "6").total()));

        // Nothing moves a closed year: a late claim changes the projection, not the settled figures.
        p.selfAssess("7.2", dec("1"), JANUARY);
        assertFalse(p.round("FINAL_APPRAISAL", DEADLINE));
        assertFalse(p.close(settledAsProgressServiceWould()));
        PlanScore after = score();
        assertEquals(dec("90.96"), after.finalFigure().total());
        assertEquals(dec("90.96"), after.selfAssessed().total());
        assertEquals(dec("4"), criterion(after, "7.2").selfAssessedPoints());
        assertEquals(dec("87.96"), after.projected(), "the projection still moves: 90.96 − 3");

        // A fresh projection over the stored inputs (a restart) shows the same settled figures.
        PlanProjection restarted = new PlanProjection(p.structure(), p.inputs().copy());
        assertEquals(after, restarted.score(JANUARY, 1, Instant.EPOCH));
    }

    /** As progress-service settles it: every applicable leaf at its claim, 6.1.2 appraised 1.5 then finally 2. */
    private Appraisal.Closed settledAsProgressServiceWould() {
        Map<String, Appraisal.Leaf> leaves = new HashMap<>();
        for (CriterionScore c : score().criteria()) {
            if (c.leaf()) {
                BigDecimal claimed = c.code().equals("6.1.2") ? dec("2") : c.code().equals("7.2") ? dec("4") : c.baseline();
                leaves.put(c.code(), c.code().equals("6.1.2")
                        ? new Appraisal.Leaf(claimed, dec("1.5"), dec("2"), dec("2"))
                        : new Appraisal.Leaf(claimed, null, null, claimed));
            }
        }
        return new Appraisal.Closed(leaves);
    }

    @Test
    void aLeafNeverSelfAssessedCountsZeroAndIsAdjustedWhenAppraisedAboveIt() {
        ObjectNode json = SeedPlan.json(UUID.randomUUID());
        PlanProjection q = new PlanProjection(new PlanStructure(SeedPlan.snapshot(json)), new PlanInputs());
        q.appraise("7.3", dec("2"), JANUARY);
        PlanScore score = q.score(JANUARY, 1, Instant.EPOCH);
        assertTrue(criterion(score, "7.3").adjusted(), "nothing claimed counts 0; appraised 2");
        assertEquals(dec("2"), score.appraised().total());
        assertEquals(dec("0"), score.selfAssessed().total());
    }

    private PlanScore score() {
        return p.score(JANUARY, 1, Instant.EPOCH);
    }

    private static CriterionScore criterion(PlanScore score, String code) {
        return score.criteria().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    private static Figure.AreaFigure area(Figure figure, String code) {
        return figure.areas().stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
