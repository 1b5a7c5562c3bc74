package vn.par.scoring.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Each rule type on its own, at its boundaries; expected values worked out by hand. */
class ScoringRuleTest {

    private static final BigDecimal ONE = dec("1");
    private static final BigDecimal TWO = dec("2");
    private static final BigDecimal FOUR = dec("4");

    @Test
    void tiersGiveTheChosenOptionsPointsAndNothingForAnUnknownOption() {
        ScoringRule rule = ScoringRule.of(new PlanSnapshot.Rule("TIERS", List.of(
                new PlanSnapshot.Option("ON_TIME", "Ban hành kịp thời", ONE),
                new PlanSnapshot.Option("LATE", "Ban hành không kịp thời", dec("0.5")),
                new PlanSnapshot.Option("NONE", "Không ban hành", dec("0"))), null, null, null, null, null));
        assertEquals(ONE, rule.points(Indicator.option("ON_TIME"), ONE));
        assertEquals(dec("0.5"), rule.points(Indicator.option("LATE"), ONE));
        assertEquals(dec("0"), rule.points(Indicator.option("NONE"), ONE));
        assertNull(rule.points(Indicator.option("late"), ONE), "keys are case-sensitive");
        assertNull(rule.points(Indicator.of(RuleType.COUNT, ONE), ONE), "a fact of another type does not fit");
        assertEquals(dec("0.75"), rule.points(Indicator.option("ON_TIME"), dec("0.75")),
                "never above the leaf's maximum (lowered in a later version)");
    }

    @Test
    void bracketsTakeTheFirstBracketThatContainsTheValue() {
        // 1.3.1 of the known answers: from 8 up = 2; from 4 to below 8 = 1; below 4 = 0.
        ScoringRule rule = brackets(bracket(dec("8"), true, null, false, TWO), bracket(FOUR, true, dec("8"), false, ONE),
                bracket(null, true, FOUR, false, dec("0")));
        assertEquals(TWO, rule.points(Indicator.of(RuleType.BRACKETS, dec("8")), TWO), "8 is in [8, ∞)");
        assertEquals(TWO, rule.points(Indicator.of(RuleType.BRACKETS, dec("9")), TWO));
        assertEquals(ONE, rule.points(Indicator.of(RuleType.BRACKETS, dec("7.9999")), TWO));
        assertEquals(ONE, rule.points(Indicator.of(RuleType.BRACKETS, FOUR), TWO), "4 is in [4, 8)");
        assertEquals(dec("0"), rule.points(Indicator.of(RuleType.BRACKETS, dec("3.99")), TWO));
        assertEquals(dec("0"), rule.points(Indicator.of(RuleType.BRACKETS, dec("0")), TWO));

        // "trên 90%: 2 / từ 70% - 90%: 1": 90 is not above 90; a gap below 70 gives nothing.
        ScoringRule rate = brackets(bracket(dec("90"), false, null, false, TWO),
                bracket(dec("70"), true, dec("90"), true, ONE));
        assertEquals(ONE, rate.points(Indicator.of(RuleType.BRACKETS, dec("90")), TWO));
        assertEquals(TWO, rate.points(Indicator.of(RuleType.BRACKETS, dec("90.01")), TWO));
        assertEquals(ONE, rate.points(Indicator.of(RuleType.BRACKETS, dec("70")), TWO));
        assertEquals(dec("0"), rate.points(Indicator.of(RuleType.BRACKETS, dec("69.99")), TWO), "no bracket: 0");
    }

    @Test
    void bracketsFollowTheSnapshotsDefaultsForAnAbsentEnd() {
        // minInclusive absent = true, maxInclusive absent = false
        ScoringRule rule = ScoringRule.of(new PlanSnapshot.Rule("BRACKETS", null, List.of(
                new PlanSnapshot.Bracket(dec("5"), null, dec("10"), null, ONE)), null, null, null, null));
        assertEquals(ONE, rule.points(Indicator.of(RuleType.BRACKETS, dec("5")), TWO));
        assertEquals(dec("0"), rule.points(Indicator.of(RuleType.BRACKETS, dec("10")), TWO));
    }

    @Test
    void ratioScalesTheMaximumByTheRateUpToFullAt() {
        ScoringRule rule = ratio(dec("70"), "FULL");
        // 45 / 50 = 90 % ≥ 70 %: full.
        assertEquals(FOUR, rule.points(Indicator.ratio(dec("45"), dec("50")), FOUR));
        // 35 / 50 = 70 %: exactly full.
        assertEquals(FOUR, rule.points(Indicator.ratio(dec("35"), dec("50")), FOUR));
        // 31 / 50 = 62 %: 4 × 62 / 70 = 3.542857142857142…, carried to 12 places.
        assertEquals(dec("3.542857142857"), rule.points(Indicator.ratio(dec("31"), dec("50")), FOUR));
        assertEquals(0, dec("3.54").compareTo(rule.points(Indicator.ratio(dec("31"), dec("50")), FOUR)
                .setScale(2, java.math.RoundingMode.HALF_UP)));
        assertEquals(0, rule.points(Indicator.ratio(dec("0"), dec("50")), FOUR).signum());
        // fullAt 100 by default: 1 / 4 = 25 % of 2 points.
        assertEquals(0, dec("0.5").compareTo(ratio(null, null).points(Indicator.ratio(ONE, FOUR), TWO)));
    }

    @Test
    void ratioWithoutCasesGivesWhenNoCases() {
        Indicator none = Indicator.ratio(dec("0"), dec("0"));
        assertEquals(FOUR, ratio(dec("70"), "FULL").points(none, FOUR));
        assertEquals(dec("0"), ratio(dec("70"), "ZERO").points(none, FOUR));
        assertEquals(dec("1.5"), ratio(dec("70"), "1.5").points(none, FOUR));
        assertEquals(FOUR, ratio(dec("70"), null).points(none, FOUR), "FULL by default");
        assertEquals(FOUR, ratio(dec("70"), "9").points(none, FOUR), "clamped to the maximum");
    }

    @Test
    void countIsCappedAtTheMaximum() {
        ScoringRule rule = ScoringRule.of(new PlanSnapshot.Rule("COUNT", null, null, null, null, ONE, null));
        assertEquals(dec("0"), rule.points(Indicator.of(RuleType.COUNT, dec("0")), dec("3")));
        assertEquals(TWO, rule.points(Indicator.of(RuleType.COUNT, TWO), dec("3")));
        assertEquals(dec("3"), rule.points(Indicator.of(RuleType.COUNT, dec("3")), dec("3")));
        assertEquals(dec("3"), rule.points(Indicator.of(RuleType.COUNT, dec("5")), dec("3")));
        ScoringRule quarter = ScoringRule.of(new PlanSnapshot.Rule("COUNT", null, null, null, null, dec("0.25"), null));
        assertEquals(0, dec("0.75").compareTo(quarter.points(Indicator.of(RuleType.COUNT, dec("3")), ONE)));
    }

    @Test
    void deductionIsFlooredAtZero() {
        ScoringRule rule = ScoringRule.of(new PlanSnapshot.Rule("DEDUCTION", null, null, null, null, null, dec("0.5")));
        assertEquals(0, ONE.compareTo(rule.points(Indicator.of(RuleType.DEDUCTION, dec("0")), ONE)));
        assertEquals(0, dec("0.5").compareTo(rule.points(Indicator.of(RuleType.DEDUCTION, ONE), ONE)));
        assertEquals(0, dec("0").compareTo(rule.points(Indicator.of(RuleType.DEDUCTION, TWO), ONE)));
        assertEquals(dec("0"), rule.points(Indicator.of(RuleType.DEDUCTION, dec("3")), ONE));
    }

    @Test
    void surveyIsTheFavourableShareOfTheMaximum() {
        ScoringRule rule = ScoringRule.of(new PlanSnapshot.Rule("SURVEY", null, null, null, null, null, null));
        assertEquals(0, dec("1.647").compareTo(rule.points(Indicator.of(RuleType.SURVEY, dec("82.35")), TWO)));
        assertEquals(0, TWO.compareTo(rule.points(Indicator.of(RuleType.SURVEY, dec("100")), TWO)));
        assertEquals(0, dec("0").compareTo(rule.points(Indicator.of(RuleType.SURVEY, dec("0")), TWO)));
    }

    @Test
    void manualIsTheDeclaredPointsAndAMissingRuleIsManual() {
        assertEquals(dec("1.5"), ScoringRule.of(null).points(Indicator.of(RuleType.MANUAL, dec("1.5")), TWO));
        assertEquals(TWO, ScoringRule.MANUAL.points(Indicator.of(RuleType.MANUAL, dec("3")), TWO), "clamped");
        assertNull(ScoringRule.MANUAL.points(null, TWO));
    }

    @Test
    void aTypeThisServiceDoesNotKnowTakesNoFact() {
        ScoringRule rule = ScoringRule.of(new PlanSnapshot.Rule("WEIGHTED", null, null, null, null, null, null));
        assertNull(rule.type());
        for (RuleType type : Arrays.asList(RuleType.BRACKETS, RuleType.COUNT, RuleType.MANUAL)) {
            assertNull(rule.points(Indicator.of(type, ONE), TWO));
        }
    }

    private static ScoringRule brackets(PlanSnapshot.Bracket... brackets) {
        return ScoringRule.of(new PlanSnapshot.Rule("BRACKETS", null, List.of(brackets), null, null, null, null));
    }

    private static PlanSnapshot.Bracket bracket(BigDecimal min, boolean minInclusive, BigDecimal max,
            boolean maxInclusive, BigDecimal points) {
        return new PlanSnapshot.Bracket(min, minInclusive, max, maxInclusive, points);
    }

    private static ScoringRule ratio(BigDecimal fullAt, String whenNoCases) {
        return ScoringRule.of(new PlanSnapshot.Rule("RATIO", null, null, fullAt, whenNoCases, null, null));
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
