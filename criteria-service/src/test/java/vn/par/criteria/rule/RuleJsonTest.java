package vn.par.criteria.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.par.infra.problem.ProblemException;

/** Every rule type: its canonical form, its words, and each refusal of the contract with the member it names. */
class RuleJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final BigDecimal MAX = new BigDecimal("2");

    private static Rule read(String json) {
        return read(json, MAX);
    }

    private static Rule read(String json, BigDecimal max) {
        return RuleJson.read(tree(json), "rule", max);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** The field of the 400 problem the rule is refused with; the message is Vietnamese and said to the person. */
    private static String refusedAt(String json) {
        return refusedAt(json, MAX);
    }

    private static String refusedAt(String json, BigDecimal max) {
        ProblemException e = assertThrows(ProblemException.class, () -> read(json, max));
        assertEquals(400, e.problem().status());
        assertEquals(e.problem().field(), e.problem().errors().get(0).field());
        return e.problem().field();
    }

    private static String message(String json) {
        return assertThrows(ProblemException.class, () -> read(json)).problem().detail();
    }

    @Nested
    class Tiers {

        @Test
        void theContractsExampleIsCanonicalAndReadsInWords() {
            Rule rule = read("{'type':'TIERS','options':[{'key':'NO_VIOLATION','label':' Không có sai phạm ','points':1.0},"
                    + "{'key':'VIOLATION','label':'Có sai phạm','points':0}]}", BigDecimal.ONE);
            assertEquals("{\"type\":\"TIERS\",\"options\":[{\"key\":\"NO_VIOLATION\",\"label\":\"Không có sai phạm\","
                    + "\"points\":1},{\"key\":\"VIOLATION\",\"label\":\"Có sai phạm\",\"points\":0}]}", rule.canonical());
            assertEquals("Không có sai phạm: 1 điểm; Có sai phạm: 0 điểm", rule.describe());
            assertEquals(BigDecimal.ONE, rule.highestPoints());
        }

        @Test
        void threeTiersWithADecimalComma() {
            Rule rule = read("{'type':'TIERS','options':[{'key':'KIP_THOI','label':'Ban hành kịp thời','points':1},"
                    + "{'key':'KHONG_KIP_THOI','label':'Ban hành không kịp thời','points':0.50},"
                    + "{'key':'KHONG_BAN_HANH','label':'Không ban hành','points':0}]}");
            assertEquals("Ban hành kịp thời: 1 điểm; Ban hành không kịp thời: 0,5 điểm; Không ban hành: 0 điểm",
                    rule.describe());
            assertTrue(rule.canonical().contains("\"points\":0.5}"), rule.canonical());
        }

        @Test
        void pointsUpToTheMaximumWithFourDecimalsAtMost() {
            assertEquals(MAX, read(tiers("2", "0")).highestPoints(), "points = max is accepted");
            assertEquals(new BigDecimal("1.2345"), read(tiers("1.2345", "0")).highestPoints());
            assertEquals("rule.options[1].points", refusedAt(tiers("1", "2.0001")), "above the maximum");
            assertEquals("rule.options[0].points", refusedAt(tiers("1.23456", "0")), "5 decimals");
            assertEquals("rule.options[1].points", refusedAt(tiers("1", "-1")), "negative");
            assertEquals("rule.options[0].points", refusedAt(tiers("'1'", "0")), "a string is not a number");
            assertEquals("rule.options[0].points", refusedAt("{'type':'TIERS','options':[{'key':'A','label':'a'},"
                    + "{'key':'B','label':'b','points':0}]}"), "points are required");
            assertTrue(message(tiers("1", "3")).contains("lớn hơn điểm tối đa của tiêu chí (2)"));
        }

        @Test
        void twoToTwentyOptions() {
            assertEquals("rule.options", refusedAt("{'type':'TIERS','options':[{'key':'A','label':'a','points':1}]}"));
            assertEquals("rule.options", refusedAt(options(21)));
            assertEquals(20, ((Rule.Tiers) read(options(20))).options().size());
            assertEquals("rule.options", refusedAt("{'type':'TIERS'}"), "missing");
            assertEquals("rule.options", refusedAt("{'type':'TIERS','options':{'key':'A'}}"), "not an array");
            assertEquals("rule.options[1]", refusedAt("{'type':'TIERS','options':[{'key':'A','label':'a','points':1},2]}"));
        }

        @Test
        void keysAreShortAsciiAndUniqueCaseSensitively() {
            assertEquals("rule.options[1].key", refusedAt(keyed("A", "A")), "repeated");
            read(keyed("a", "A"));
            assertEquals("rule.options[0].key", refusedAt(keyed("KHÔNG", "B")), "not ASCII");
            assertEquals("rule.options[0].key", refusedAt(keyed("CO SAI", "B")), "a space");
            assertEquals("rule.options[0].key", refusedAt(keyed("", "B")), "empty");
            assertEquals("rule.options[0].key", refusedAt(keyed("K".repeat(41), "B")), "41 characters");
            read(keyed("K".repeat(40), "a-b_1"));
            assertEquals("rule.options[0].key", refusedAt("{'type':'TIERS','options':[{'key':1,'label':'a','points':1},"
                    + "{'key':'B','label':'b','points':0}]}"), "a number");
            assertTrue(message(keyed("A", "A")).contains("Mã lựa chọn 'A' bị trùng"));
        }

        @Test
        void labelsAreNotBlankAndAtMost300Characters() {
            assertEquals("rule.options[0].label", refusedAt(labelled("   ")));
            assertEquals("rule.options[0].label", refusedAt(labelled("x".repeat(301))));
            assertEquals("x".repeat(300), ((Rule.Tiers) read(labelled("x".repeat(300)))).options().get(0).label());
            assertEquals("rule.options[0].label", refusedAt("{'type':'TIERS','options':[{'key':'A','points':1},"
                    + "{'key':'B','label':'b','points':0}]}"), "missing");
        }

        @Test
        void aMemberAnOptionDoesNotHaveIsRefused() {
            assertEquals("rule.options[0].colour", refusedAt("{'type':'TIERS','options':[{'key':'A','label':'a','points':1,"
                    + "'colour':'red'},{'key':'B','label':'b','points':0}]}"));
            assertEquals("rule.fullAt", refusedAt("{'type':'TIERS','fullAt':70,'options':[]}"));
        }

        private static String tiers(String first, String second) {
            return "{'type':'TIERS','options':[{'key':'A','label':'a','points':" + first + "},{'key':'B','label':'b','points':"
                    + second + "}]}";
        }

        private static String keyed(String first, String second) {
            return "{'type':'TIERS','options':[{'key':'" + first + "','label':'a','points':1},{'key':'" + second
                    + "','label':'b','points':0}]}";
        }

        private static String labelled(String label) {
            return "{'type':'TIERS','options':[{'key':'A','label':'" + label + "','points':1},{'key':'B','label':'b','points':0}]}";
        }

        private static String options(int count) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add("{'key':'K" + i + "','label':'Mức " + i + "','points':0}");
            }
            return "{'type':'TIERS','options':[" + String.join(",", list) + "]}";
        }
    }

    @Nested
    class Brackets {

        @Test
        void theContractsExampleIsCanonicalAndReadsInWords() {
            String example = "{\"type\":\"BRACKETS\",\"brackets\":[{\"min\":8,\"minInclusive\":true,\"max\":null,"
                    + "\"maxInclusive\":false,\"points\":2},{\"min\":4,\"minInclusive\":true,\"max\":8,\"maxInclusive\":false,"
                    + "\"points\":1},{\"min\":null,\"minInclusive\":true,\"max\":4,\"maxInclusive\":false,\"points\":0}]}";
            Rule rule = read(example);
            assertEquals(example, rule.canonical());
            assertEquals("Từ 8 trở lên: 2 điểm; từ 4 đến dưới 8: 1 điểm; dưới 4: 0 điểm", rule.describe());
        }

        @Test
        void defaultsAreWrittenOutAndAnUnboundedEndTakesItsDefaultFlag() {
            assertEquals("{\"type\":\"BRACKETS\",\"brackets\":[{\"min\":8,\"minInclusive\":false,\"max\":null,"
                    + "\"maxInclusive\":false,\"points\":2},{\"min\":null,\"minInclusive\":true,\"max\":8,"
                    + "\"maxInclusive\":true,\"points\":0}]}", read("{'type':'BRACKETS','brackets':[{'min':8,"
                            + "'minInclusive':false,'maxInclusive':true,'points':2},{'max':8,'maxInclusive':true,'minInclusive':false,'points':0}]}")
                            .canonical());
        }

        @Test
        void wordsForEveryKindOfEnd() {
            Rule rule = read("{'type':'BRACKETS','brackets':[{'min':90,'minInclusive':false,'points':2},"
                    + "{'min':70,'max':90,'maxInclusive':true,'points':1},{'max':70,'points':0}]}");
            assertEquals("Trên 90: 2 điểm; từ 70 đến 90: 1 điểm; dưới 70: 0 điểm", rule.describe());
            assertEquals("Trên 0,5 đến dưới 1: 1 điểm; bằng 5: 2 điểm; không quá 0,25: 0 điểm; giá trị khác: 0 điểm",
                    read("{'type':'BRACKETS','brackets':[{'min':0.5,'minInclusive':false,'max':1,'points':1},"
                            + "{'min':5,'max':5,'maxInclusive':true,'points':2},{'max':0.25,'maxInclusive':true,'points':0}]}")
                            .describe());
            assertEquals("Mọi giá trị: 1 điểm", read("{'type':'BRACKETS','brackets':[{'points':1}]}").describe());
        }

        @Test
        void valuesLeftOutOfEveryBracketAreSaidToGiveNothing() {
            assertFalse(covers("{'min':8,'points':2}"), "0 to 8 is left out");
            assertTrue(covers("{'min':0,'points':2}"));
            assertFalse(covers("{'min':0,'minInclusive':false,'points':2}"), "0 itself is left out");
            assertFalse(covers("{'min':4,'minInclusive':false,'points':2},{'max':4,'points':0}"), "4 is left out");
            assertTrue(covers("{'min':4,'minInclusive':false,'points':2},{'max':4,'maxInclusive':true,'points':0}"));
            assertFalse(covers("{'min':0,'max':4,'points':1}"), "4 and above are left out");
            assertTrue(covers("{'min':4,'max':4,'maxInclusive':true,'points':1},{'min':4,'minInclusive':false,'points':2},"
                    + "{'max':4,'points':0}"));
        }

        @Test
        void overlappingBracketsAreRefusedTouchingOnesAreNot() {
            assertEquals("rule.brackets[1]", refusedAt(brackets("{'min':4,'max':8,'maxInclusive':true,'points':1},"
                    + "{'min':8,'points':2}")), "8 is in both");
            assertEquals("rule.brackets[1]", refusedAt(brackets("{'min':4,'max':8,'points':1},{'min':6,'points':2}")));
            assertEquals("rule.brackets[2]", refusedAt(brackets("{'min':8,'points':2},{'max':4,'points':0},"
                    + "{'max':5,'min':3,'points':1}")));
            assertEquals("rule.brackets[1]", refusedAt(brackets("{'max':4,'points':0},{'max':1,'points':1}")),
                    "both unbounded below");
            assertEquals("rule.brackets[1]", refusedAt(brackets("{'min':4,'points':0},{'min':10,'points':1}")),
                    "both unbounded above");
            assertEquals("rule.brackets[1]", refusedAt(brackets("{'min':5,'max':5,'maxInclusive':true,'points':1},"
                    + "{'min':5,'points':2}")), "a single value inside another bracket");
            // touching ends where one side leaves the shared number out
            read(brackets("{'min':4,'max':8,'points':1},{'min':8,'points':2}"));
            read(brackets("{'min':4,'max':8,'maxInclusive':true,'points':1},{'min':8,'minInclusive':false,'points':2}"));
            read(brackets("{'min':4,'max':8,'points':1},{'min':8,'minInclusive':false,'points':2}"));
            read(brackets("{'min':5,'max':5,'maxInclusive':true,'points':1},{'min':5,'minInclusive':false,'points':2}"));
            assertTrue(message(brackets("{'min':4,'max':8,'maxInclusive':true,'points':1},{'min':8,'points':2}"))
                    .contains("Khoảng thứ 2 (từ 8 trở lên) chồng lên khoảng thứ 1 (từ 4 đến 8)"));
        }

        @Test
        void aBracketMustHoldSomeNumber() {
            read(brackets("{'min':5,'max':5,'maxInclusive':true,'points':1}"));
            assertEquals("rule.brackets[0].max", refusedAt(brackets("{'min':5,'max':5,'points':1}")));
            assertEquals("rule.brackets[0].max", refusedAt(brackets("{'min':5,'minInclusive':false,'max':5,"
                    + "'maxInclusive':true,'points':1}")));
            assertEquals("rule.brackets[1].max", refusedAt(brackets("{'min':9,'points':2},{'min':8,'max':4,'points':1}")));
        }

        @Test
        void oneToTwentyBracketsEachWithItsPointsAndPlainEnds() {
            assertEquals("rule.brackets", refusedAt(brackets("")));
            assertEquals("rule.brackets", refusedAt("{'type':'BRACKETS'}"));
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                many.add("{'min':" + i + ",'max':" + (i + 1) + ",'points':0}");
            }
            assertEquals("rule.brackets", refusedAt(brackets(String.join(",", many))));
            assertEquals(20, ((Rule.Brackets) read(brackets(String.join(",", many.subList(0, 20))))).brackets().size());
            assertEquals("rule.brackets[0].points", refusedAt(brackets("{'min':1}")));
            assertEquals("rule.brackets[0].points", refusedAt(brackets("{'min':1,'points':2.5}")), "above the maximum");
            assertEquals("rule.brackets[0].min", refusedAt(brackets("{'min':'tám','points':1}")));
            assertEquals("rule.brackets[0].min", refusedAt(brackets("{'min':-1,'points':1}")));
            assertEquals("rule.brackets[0].max", refusedAt(brackets("{'max':1.00001,'points':1}")));
            assertEquals("rule.brackets[0].minInclusive", refusedAt(brackets("{'min':1,'minInclusive':'có','points':1}")));
            assertEquals("rule.brackets[0].minInclusive", refusedAt(brackets("{'minInclusive':1,'points':1}")),
                    "checked even where the end is unbounded");
            assertEquals("rule.brackets[0].from", refusedAt(brackets("{'from':1,'points':1}")));
        }

        private static boolean covers(String brackets) {
            return ((Rule.Brackets) read(brackets(brackets))).coversEveryValue();
        }

        private static String brackets(String list) {
            return "{'type':'BRACKETS','brackets':[" + list + "]}";
        }
    }

    @Nested
    class Ratio {

        @Test
        void defaultsAreFullAt100AndFullPointsWithoutCases() {
            Rule rule = read("{'type':'RATIO'}");
            assertEquals("{\"type\":\"RATIO\",\"fullAt\":100,\"whenNoCases\":\"FULL\"}", rule.canonical());
            assertEquals("Tỷ lệ × điểm tối đa, đủ điểm khi đạt 100 %; không có trường hợp nào: đủ điểm", rule.describe());
        }

        @Test
        void theContractsExample() {
            Rule rule = read("{'type':'RATIO','fullAt':70.0,'whenNoCases':'FULL'}");
            assertEquals("{\"type\":\"RATIO\",\"fullAt\":70,\"whenNoCases\":\"FULL\"}", rule.canonical());
            assertEquals("Tỷ lệ × điểm tối đa, đủ điểm khi đạt 70 %; không có trường hợp nào: đủ điểm", rule.describe());
            assertEquals("{\"type\":\"RATIO\",\"fullAt\":70,\"whenNoCases\":\"ZERO\"}",
                    read("{'type':'RATIO','fullAt':7E+1,'whenNoCases':'ZERO'}").canonical(), "never 7E+1");
        }

        @Test
        void fullAtIsAboveZeroAndAtMost100() {
            assertEquals("rule.fullAt", refusedAt("{'type':'RATIO','fullAt':0}"));
            assertEquals("rule.fullAt", refusedAt("{'type':'RATIO','fullAt':100.5}"));
            assertEquals("rule.fullAt", refusedAt("{'type':'RATIO','fullAt':-10}"));
            assertEquals("rule.fullAt", refusedAt("{'type':'RATIO','fullAt':'70%'}"));
            assertEquals("rule.fullAt", refusedAt("{'type':'RATIO','fullAt':50.00001}"));
            assertEquals("{\"type\":\"RATIO\",\"fullAt\":100,\"whenNoCases\":\"FULL\"}",
                    read("{'type':'RATIO','fullAt':100.000}").canonical());
            assertEquals("{\"type\":\"RATIO\",\"fullAt\":0.0001,\"whenNoCases\":\"FULL\"}",
                    read("{'type':'RATIO','fullAt':0.0001}").canonical());
        }

        @Test
        void whenNoCasesIsFullZeroOrPointsUpToTheMaximum() {
            Rule rule = read("{'type':'RATIO','whenNoCases':1.5}");
            assertEquals("{\"type\":\"RATIO\",\"fullAt\":100,\"whenNoCases\":1.5}", rule.canonical());
            assertEquals("Tỷ lệ × điểm tối đa, đủ điểm khi đạt 100 %; không có trường hợp nào: 1,5 điểm", rule.describe());
            assertEquals(new BigDecimal("1.5"), rule.highestPoints());
            assertEquals("Tỷ lệ × điểm tối đa, đủ điểm khi đạt 100 %; không có trường hợp nào: 0 điểm",
                    read("{'type':'RATIO','whenNoCases':'ZERO'}").describe());
            read("{'type':'RATIO','whenNoCases':2}");
            assertEquals("rule.whenNoCases", refusedAt("{'type':'RATIO','whenNoCases':2.5}"), "numeric above max");
            assertEquals("rule.whenNoCases", refusedAt("{'type':'RATIO','whenNoCases':-1}"));
            assertEquals("rule.whenNoCases", refusedAt("{'type':'RATIO','whenNoCases':'full'}"));
            assertEquals("rule.whenNoCases", refusedAt("{'type':'RATIO','whenNoCases':true}"));
            assertEquals("rule.whenNoCases", refusedAt("{'type':'RATIO','whenNoCases':0.12345}"));
        }
    }

    @Nested
    class CountAndDeduction {

        @Test
        void perUnitIsRequiredAndAboveZero() {
            Rule rule = read("{'type':'COUNT','perUnit':1.0}");
            assertEquals("{\"type\":\"COUNT\",\"perUnit\":1}", rule.canonical());
            assertEquals("Mỗi trường hợp: 1 điểm, không quá điểm tối đa", rule.describe());
            assertEquals("rule.perUnit", refusedAt("{'type':'COUNT'}"));
            assertEquals("rule.perUnit", refusedAt("{'type':'COUNT','perUnit':null}"));
            assertEquals("rule.perUnit", refusedAt("{'type':'COUNT','perUnit':0}"));
            assertEquals("rule.perUnit", refusedAt("{'type':'COUNT','perUnit':-0.5}"));
            assertEquals("rule.perUnit", refusedAt("{'type':'COUNT','perUnit':0.00001}"));
            assertEquals("rule.perViolation", refusedAt("{'type':'COUNT','perUnit':1,'perViolation':1}"));
        }

        @Test
        void perViolationIsRequiredAndAboveZero() {
            Rule rule = read("{'type':'DEDUCTION','perViolation':0.25}");
            assertEquals("{\"type\":\"DEDUCTION\",\"perViolation\":0.25}", rule.canonical());
            assertEquals("Điểm tối đa, trừ 0,25 điểm cho mỗi sai phạm, thấp nhất 0 điểm", rule.describe());
            assertEquals("rule.perViolation", refusedAt("{'type':'DEDUCTION'}"));
            assertEquals("rule.perViolation", refusedAt("{'type':'DEDUCTION','perViolation':0}"));
            assertEquals("rule.perViolation", refusedAt("{'type':'DEDUCTION','perViolation':'0,5'}"));
            assertEquals("rule.perViolation", refusedAt("{'type':'DEDUCTION','perViolation':1E+9}"), "too large");
        }
    }

    @Nested
    class SurveyManualAndTheType {

        @Test
        void surveyAndManualHaveOnlyTheirType() {
            assertEquals("{\"type\":\"SURVEY\"}", read("{'type':'SURVEY'}").canonical());
            assertEquals("{\"type\":\"MANUAL\"}", read("{'type':'MANUAL'}").canonical());
            assertEquals("rule.points", refusedAt("{'type':'MANUAL','points':1}"));
            assertEquals("rule.options", refusedAt("{'type':'SURVEY','options':[]}"));
            assertEquals("Tự đánh giá, chấm điểm: đơn vị khai số điểm đạt được", RuleJson.MANUAL.describe());
        }

        @Test
        void theTypeIsRequiredAndKnown() {
            assertEquals("rule.type", refusedAt("{'type':'PERCENT'}"));
            assertEquals("rule.type", refusedAt("{'type':'tiers'}"), "case-sensitive");
            assertEquals("rule.type", refusedAt("{'options':[]}"));
            assertEquals("rule.type", refusedAt("{'type':3}"));
            assertEquals("rule", refusedAt("'TIERS'"));
            assertEquals("rule", refusedAt("null"));
            assertTrue(message("{'type':'PERCENT'}").contains("TIERS, BRACKETS, RATIO, COUNT, DEDUCTION, SURVEY, MANUAL"));
        }

        @Test
        void aLeafWithoutAMaximumTakesOnlyZeroPoints() {
            read("{'type':'TIERS','options':[{'key':'A','label':'a','points':0},{'key':'B','label':'b','points':0}]}",
                    BigDecimal.ZERO);
            assertEquals("rule.options[0].points", refusedAt("{'type':'TIERS','options':[{'key':'A','label':'a','points':0.5},"
                    + "{'key':'B','label':'b','points':0}]}", BigDecimal.ZERO));
        }
    }

    @Test
    void theCanonicalTextReadsBackAsTheSameRule() {
        for (String json : List.of("{'type':'TIERS','options':[{'key':'A','label':'Đạt yêu cầu','points':1},"
                + "{'key':'B','label':'Không đạt yêu cầu','points':0}]}",
                "{'type':'BRACKETS','brackets':[{'min':8,'points':2},{'max':8,'points':0}]}",
                "{'type':'RATIO','fullAt':70,'whenNoCases':0.5}", "{'type':'COUNT','perUnit':0.5}",
                "{'type':'DEDUCTION','perViolation':0.25}", "{'type':'SURVEY'}", "{'type':'MANUAL'}")) {
            Rule rule = read(json);
            assertEquals(rule, RuleJson.fromCanonical(rule.canonical()));
        }
    }
}
