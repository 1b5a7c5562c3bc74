package vn.par.progress.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.progress.rule.RuleTest.d;
import static vn.par.progress.rule.RuleTest.rule;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import vn.par.infra.problem.ProblemException;

/** An indicator checked against the leaf's rule: exactly the rule's members, each in its range; 400 on the member. */
class FactCheckTest {

    private static final Rule TIERS = rule("""
            {"type":"TIERS","options":[{"key":"NO_VIOLATION","label":"Không có sai phạm","points":1},
              {"key":"VIOLATION","label":"Có sai phạm","points":0}]}""");
    private static final Rule RATIO = rule("{\"type\":\"RATIO\",\"fullAt\":70}");
    private static final Rule COUNT = rule("{\"type\":\"COUNT\",\"perUnit\":1}");
    private static final Rule DEDUCTION = rule("{\"type\":\"DEDUCTION\",\"perViolation\":0.5}");
    private static final Rule SURVEY = rule("{\"type\":\"SURVEY\"}");
    private static final Rule MANUAL = rule("{\"type\":\"MANUAL\"}");
    private static final Rule BRACKETS = rule("{\"type\":\"BRACKETS\",\"brackets\":[{\"min\":8,\"points\":2}]}");

    private static ProblemException refused(Rule rule, Fact fact) {
        return assertThrows(ProblemException.class, () -> FactCheck.check(rule, fact, d("3"), "7.2"));
    }

    private static void assertRefusedOn(String field, Rule rule, Fact fact) {
        ProblemException e = refused(rule, fact);
        assertEquals(400, e.problem().status());
        assertEquals(field, e.problem().field(), e.problem().detail());
    }

    @Test
    void aMemberOfAnotherRulesFactIsRefusedOnThatMember() {
        ProblemException e = refused(RATIO, new Fact(null, null, d("31"), d("50"), d("2"), null, null, null));
        assertEquals("count", e.problem().field());
        assertEquals("Tiêu chí 7.2 chấm theo quy tắc RATIO (tỷ lệ): không nhận trường 'count'; chỉ số của tiêu chí cần "
                + "'numerator' và 'denominator'.", e.problem().detail());
        assertRefusedOn("points", TIERS, new Fact("VIOLATION", null, null, null, null, null, null, d("1")));
        assertRefusedOn("option", MANUAL, new Fact("VIOLATION", null, null, null, null, null, null, d("1")));
    }

    @Test
    void aMissingMemberIsRefusedOnThatMember() {
        assertRefusedOn("denominator", RATIO, new Fact(null, null, d("31"), null, null, null, null, null));
        assertRefusedOn("option", TIERS, Fact.option(null));
        assertRefusedOn("value", BRACKETS, Fact.value(null));
    }

    @Test
    void tiersTakeOnlyOneOfTheRulesKeys() {
        assertEquals(Fact.option("VIOLATION"), FactCheck.check(TIERS, Fact.option("VIOLATION"), d("1"), "6.1.1"));
        ProblemException e = refused(TIERS, Fact.option("violation"));
        assertEquals("option", e.problem().field());
        assertTrue(e.problem().detail().contains("NO_VIOLATION (Không có sai phạm), VIOLATION (Có sai phạm)"),
                e.problem().detail());
    }

    @Test
    void numbersAreNotNegativeHaveAtMostFourDecimalsAndAreNotHuge() {
        assertRefusedOn("value", BRACKETS, Fact.value(d("-1")));
        assertRefusedOn("value", BRACKETS, Fact.value(d("8.12345")));
        assertRefusedOn("value", BRACKETS, Fact.value(d("1e12")));
        assertRefusedOn("value", BRACKETS, Fact.value(d("1e1000000")));
        assertEquals(Fact.value(d("8.1234")), FactCheck.check(BRACKETS, Fact.value(d("8.1234")), d("2"), "1.3.1"));
        // Trailing zeros are not decimals.
        assertEquals(Fact.value(d("8.123400")), FactCheck.check(BRACKETS, Fact.value(d("8.123400")), d("2"), "1.3.1"));
        assertRefusedOn("denominator", RATIO, Fact.ratio(d("0"), d("-2")));
        assertRefusedOn("numerator", RATIO, Fact.ratio(d("0.00001"), d("2")));
    }

    @Test
    void theNumeratorIsNotAboveTheDenominator() {
        ProblemException e = refused(RATIO, Fact.ratio(d("51"), d("50")));
        assertEquals("numerator", e.problem().field());
        assertEquals("Tử số 51 lớn hơn mẫu số 50: số đạt không thể nhiều hơn tổng số.", e.problem().detail());
        FactCheck.check(RATIO, Fact.ratio(d("50"), d("50")), d("4"), "7.2");
        FactCheck.check(RATIO, Fact.ratio(d("0"), d("0")), d("4"), "7.2");
    }

    @Test
    void countsAndViolationsAreWholeNumbers() {
        assertRefusedOn("count", COUNT, Fact.count(d("2.5")));
        assertRefusedOn("count", COUNT, Fact.count(d("-1")));
        assertRefusedOn("violations", DEDUCTION, Fact.violations(d("0.5")));
        assertRefusedOn("violations", DEDUCTION, Fact.violations(d("-3")));
        // 2.0 is the whole number 2, stored as 2.
        BigDecimal stored = FactCheck.check(COUNT, Fact.count(d("2.0")), d("3"), "1.3.1").count();
        assertEquals(d("2"), stored);
    }

    @Test
    void aSurveyPercentIsFrom0To100() {
        assertEquals(Fact.percent(d("100")), FactCheck.check(SURVEY, Fact.percent(d("100")), d("2"), "8.1"));
        assertRefusedOn("percent", SURVEY, Fact.percent(d("100.0001")));
        assertRefusedOn("percent", SURVEY, Fact.percent(d("-0.01")));
    }

    @Test
    void manualPointsAreFrom0ToTheMaximum() {
        assertEquals(Fact.points(d("3")), FactCheck.check(MANUAL, Fact.points(d("3")), d("3"), "1.1"));
        ProblemException e = refused(MANUAL, Fact.points(d("3.01")));
        assertEquals("points", e.problem().field());
        assertEquals("Điểm tự chấm 3.01 vượt điểm tối đa 3 của tiêu chí 7.2.", e.problem().detail());
        assertRefusedOn("points", MANUAL, Fact.points(d("-0.5")));
        assertRefusedOn("points", MANUAL, Fact.points(d("1.23456")));
    }
}
