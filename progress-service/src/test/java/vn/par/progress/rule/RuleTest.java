package vn.par.progress.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Each rule type of docs/contracts/scoring-rules.md, read from its JSON and evaluated; expected values by hand. */
class RuleTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final String TIERS = """
            {"type":"TIERS","options":[{"key":"ON_TIME","label":"Ban hành kịp thời","points":1},
              {"key":"LATE","label":"Ban hành không kịp thời","points":0.5},{"key":"NONE","label":"Không ban hành","points":0}]}""";
    /** "Có từ 08 tin, bài viết trở lên: 2 / từ 4 đến dưới 8: 1 / dưới 4: 0", the defaults left out. */
    private static final String BRACKETS = """
            {"type":"BRACKETS","brackets":[{"min":8,"max":null,"points":2},{"min":4,"max":8,"points":1},
              {"min":null,"max":4,"points":0}]}""";

    static Rule rule(String json) {
        try {
            return Rule.ofLeaf(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static void assertPoints(String expected, Rule rule, Fact fact, String max) {
        BigDecimal points = rule.points(fact, d(max));
        assertEquals(0, d(expected).compareTo(points), "expected " + expected + ", got " + points);
    }

    @Test
    void tiersGiveTheChosenOptionsPoints() {
        Rule tiers = rule(TIERS);
        assertPoints("1", tiers, Fact.option("ON_TIME"), "1");
        assertPoints("0.5", tiers, Fact.option("LATE"), "1");
        assertPoints("0", tiers, Fact.option("NONE"), "1");
        // An option worth more than the leaf's maximum in this plan version gives the maximum.
        assertPoints("0.75", tiers, Fact.option("ON_TIME"), "0.75");
        assertThrows(IllegalArgumentException.class, () -> tiers.points(Fact.option("on_time"), d("1")),
                "keys are case-sensitive; FactCheck refuses an unknown one before it is scored");
    }

    @Test
    void bracketsGiveTheFirstBracketThatContainsTheValue() {
        Rule brackets = rule(BRACKETS);
        assertPoints("2", brackets, Fact.value(d("9")), "2");
        assertPoints("2", brackets, Fact.value(d("8")), "2"); // min inclusive by default
        assertPoints("1", brackets, Fact.value(d("7.9999")), "2"); // max exclusive by default
        assertPoints("1", brackets, Fact.value(d("4")), "2");
        assertPoints("0", brackets, Fact.value(d("3.5")), "2");
        assertPoints("0", brackets, Fact.value(d("0")), "2"); // the open lower end
        assertPoints("2", brackets, Fact.value(d("100000")), "2"); // the open upper end
    }

    @Test
    void bracketsWithExclusiveAndInclusiveEndsAndNoneThatContainsTheValue() {
        // "Trên 90%: 2 / từ 70% đến 90%: 1": nothing for 70 exclusive below, nothing below 70.
        Rule brackets = rule("""
                {"type":"BRACKETS","brackets":[
                  {"min":90,"minInclusive":false,"max":null,"maxInclusive":false,"points":2},
                  {"min":70,"minInclusive":true,"max":90,"maxInclusive":true,"points":1}]}""");
        assertPoints("2", brackets, Fact.value(d("90.0001")), "2");
        assertPoints("1", brackets, Fact.value(d("90")), "2");
        assertPoints("1", brackets, Fact.value(d("70")), "2");
        assertPoints("0", brackets, Fact.value(d("69.9999")), "2");
    }

    @Test
    void overlappingBracketsGiveTheFirstOnesPoints() {
        Rule brackets = rule("""
                {"type":"BRACKETS","brackets":[{"min":5,"max":10,"points":1.5},{"min":0,"max":20,"points":0.5}]}""");
        assertPoints("1.5", brackets, Fact.value(d("6")), "2");
        assertPoints("0.5", brackets, Fact.value(d("4")), "2");
    }

    @Test
    void ratioGivesTheMaximumTimesTheRateOverFullAtWithOneExactDivision() {
        Rule ratio = rule("""
                {"type":"RATIO","fullAt":70,"whenNoCases":"FULL"}""");
        // 45/50 = 90 % ≥ 70 %: the maximum.
        assertPoints("4", ratio, Fact.ratio(d("45"), d("50")), "4");
        // 31/50 = 62 %: 4 × 62 / 70 = 31 × 100 × 4 / (50 × 70) = 12400 / 3500, to 34 significant digits.
        BigDecimal points = ratio.points(Fact.ratio(d("31"), d("50")), d("4"));
        assertEquals(d("3.542857142857142857142857142857143"), points);
        assertEquals(d("3.5429"), Decimals.rounded(points));
        // Exactly at fullAt: the maximum.
        assertPoints("4", ratio, Fact.ratio(d("35"), d("50")), "4");
    }

    @Test
    void ratioWithoutCasesGivesWhenNoCases() {
        assertPoints("4", rule("{\"type\":\"RATIO\",\"fullAt\":70,\"whenNoCases\":\"FULL\"}"), Fact.ratio(d("0"), d("0")), "4");
        assertPoints("0", rule("{\"type\":\"RATIO\",\"fullAt\":70,\"whenNoCases\":\"ZERO\"}"), Fact.ratio(d("0"), d("0")), "4");
        assertPoints("1.5", rule("{\"type\":\"RATIO\",\"fullAt\":70,\"whenNoCases\":1.5}"), Fact.ratio(d("0"), d("0")), "4");
        // Points above the maximum give the maximum.
        assertPoints("1", rule("{\"type\":\"RATIO\",\"whenNoCases\":2}"), Fact.ratio(d("0"), d("0")), "1");
    }

    @Test
    void ratioDefaultsToFullAt100AndFullWithoutCases() {
        Rule ratio = rule("{\"type\":\"RATIO\"}");
        assertPoints("2", ratio, Fact.ratio(d("0"), d("0")), "2");
        // 2 × 0.9 = 1.8
        assertPoints("1.8", ratio, Fact.ratio(d("45"), d("50")), "2");
        assertPoints("2", ratio, Fact.ratio(d("50"), d("50")), "2");
    }

    @Test
    void countGivesPointsPerItemCappedAtTheMaximum() {
        Rule count = rule("{\"type\":\"COUNT\",\"perUnit\":1}");
        assertPoints("2", count, Fact.count(d("2")), "3");
        assertPoints("3", count, Fact.count(d("3")), "3");
        assertPoints("3", count, Fact.count(d("5")), "3");
        assertPoints("0", count, Fact.count(d("0")), "3");
        // "mỗi bài 0,25 điểm": 3 × 0.25
        assertPoints("0.75", rule("{\"type\":\"COUNT\",\"perUnit\":0.25}"), Fact.count(d("3")), "1");
    }

    @Test
    void deductionTakesPointsPerViolationFloorAtZero() {
        Rule deduction = rule("{\"type\":\"DEDUCTION\",\"perViolation\":0.5}");
        assertPoints("1", deduction, Fact.violations(d("0")), "1");
        assertPoints("0.5", deduction, Fact.violations(d("1")), "1");
        assertPoints("0", deduction, Fact.violations(d("2")), "1");
        assertPoints("0", deduction, Fact.violations(d("3")), "1");
    }

    @Test
    void surveyGivesTheShareOfTheMaximum() {
        Rule survey = rule("{\"type\":\"SURVEY\"}");
        // 2 × 82.35 / 100
        assertEquals(d("1.647"), survey.points(Fact.percent(d("82.35")), d("2")).stripTrailingZeros());
        assertPoints("2", survey, Fact.percent(d("100")), "2");
        assertPoints("0", survey, Fact.percent(d("0")), "2");
    }

    @Test
    void manualGivesTheDeclaredPoints() {
        Rule manual = rule("{\"type\":\"MANUAL\"}");
        assertPoints("1.5", manual, Fact.points(d("1.5")), "3");
        assertPoints("0", manual, Fact.points(d("0")), "3");
    }

    @Test
    void aLeafWithoutARuleIsManual() {
        assertInstanceOf(Rule.Manual.class, Rule.ofLeaf(null));
        assertInstanceOf(Rule.Manual.class, Rule.ofLeaf(JSON.nullNode()));
    }

    @Test
    void rulesThatCannotBeReadNameTheMember() {
        assertEquals("rule.type FORMULA is not a known rule type",
                assertThrows(Rule.UnreadableRuleException.class, () -> rule("{\"type\":\"FORMULA\"}")).getMessage());
        assertEquals("rule.options[1].points is missing", assertThrows(Rule.UnreadableRuleException.class,
                () -> rule("{\"type\":\"TIERS\",\"options\":[{\"key\":\"A\",\"points\":1},{\"key\":\"B\"}]}")).getMessage());
        assertEquals("rule.brackets[0].minInclusive is not true or false", assertThrows(Rule.UnreadableRuleException.class,
                () -> rule("{\"type\":\"BRACKETS\",\"brackets\":[{\"min\":1,\"minInclusive\":\"yes\",\"points\":1}]}"))
                .getMessage());
        assertEquals("rule.perUnit is missing",
                assertThrows(Rule.UnreadableRuleException.class, () -> rule("{\"type\":\"COUNT\"}")).getMessage());
        assertEquals("rule.perViolation 0 is not above 0",
                assertThrows(Rule.UnreadableRuleException.class, () -> rule("{\"type\":\"DEDUCTION\",\"perViolation\":0}"))
                        .getMessage());
        assertEquals("rule.fullAt 0 is not above 0",
                assertThrows(Rule.UnreadableRuleException.class, () -> rule("{\"type\":\"RATIO\",\"fullAt\":0}")).getMessage());
        assertEquals("rule.whenNoCases is not FULL, ZERO or a number",
                assertThrows(Rule.UnreadableRuleException.class, () -> rule("{\"type\":\"RATIO\",\"whenNoCases\":\"HALF\"}"))
                        .getMessage());
    }
}
