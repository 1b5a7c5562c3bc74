package vn.par.criteria.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.par.criteria.rule.RuleJson;
import vn.par.infra.problem.ProblemException;

/** How the rule form is read into the API's rule and filled from a rule. */
class RuleFormTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static RuleForm tiers(List<String> keys, List<String> labels, List<String> points) {
        return RuleForm.posted("TIERS", keys, labels, points, null, null, null, null, null, "", "", "", "", "", "");
    }

    @Test
    void tierRowsLeftBlankAreDroppedAndCommasRead() {
        RuleForm form = tiers(List.of("A", "", "B", ""), List.of("Đạt", "", "Không đạt", ""), List.of("1", "", "0,5", ""));
        assertEquals("{\"type\":\"TIERS\",\"options\":[{\"key\":\"A\",\"label\":\"Đạt\",\"points\":1},"
                + "{\"key\":\"B\",\"label\":\"Không đạt\",\"points\":0.5}]}", form.toJson().toString());
        // shown again: the rows read first, so rule.options[1] is the second row, then two spare rows
        assertEquals(List.of("A", "B", "", ""), form.withSpareRows().options().stream().map(RuleForm.OptionRow::key).toList());
    }

    @Test
    void aNumberThePageCannotReadIsRefusedUnderItsRowsPath() {
        ProblemException e = assertThrows(ProblemException.class, () -> tiers(List.of("A", "", "B"),
                List.of("Đạt", "", "Không"), List.of("1", "", "một")).toJson());
        assertEquals("rule.options[1].points", e.problem().field());
        assertEquals("Số điểm phải là một số, ví dụ 15,5 (để trống nếu không có).", e.problem().detail());
    }

    @Test
    void bracketEndsLeftEmptyAreUnboundedAndOtherTypesFieldsAreNotRead() {
        RuleForm form = RuleForm.posted("BRACKETS", List.of("X"), List.of(), List.of(), List.of("8", "", ""),
                List.of("true", "true", "true"), List.of("", "", "8"), List.of("false", "false", "false"),
                List.of("2", "", "0"), "", "", "", "hai", "", "");
        assertEquals("{\"type\":\"BRACKETS\",\"brackets\":[{\"min\":8,\"minInclusive\":true,\"maxInclusive\":false,"
                + "\"points\":2},{\"minInclusive\":true,\"max\":8,\"maxInclusive\":false,\"points\":0}]}",
                form.toJson().toString());
    }

    @Test
    void aRatiosPointsWithoutCasesComeFromTheirOwnField() throws Exception {
        RuleForm points = RuleForm.posted("RATIO", null, null, null, null, null, null, null, null, "70,5", "POINTS", "0,5",
                "", "", "");
        assertEquals("{\"type\":\"RATIO\",\"fullAt\":70.5,\"whenNoCases\":0.5}", points.toJson().toString());
        RuleForm full = RuleForm.posted("RATIO", null, null, null, null, null, null, null, null, "", "FULL", "3", "", "",
                "");
        assertEquals("{\"type\":\"RATIO\",\"whenNoCases\":\"FULL\"}", full.toJson().toString());
        ProblemException e = assertThrows(ProblemException.class, () -> RuleForm.posted("RATIO", null, null, null, null,
                null, null, null, null, "", "POINTS", " ", "", "", "").toJson());
        assertEquals("rule.whenNoCases", e.problem().field());
    }

    @Test
    void theFormIsFilledWithTheRuleAsItStands() throws Exception {
        RuleForm form = RuleForm.of(RuleJson.read(JSON.readTree("{\"type\":\"BRACKETS\",\"brackets\":[{\"min\":0.5,"
                + "\"minInclusive\":false,\"max\":1,\"maxInclusive\":true,\"points\":1.25}]}"), "rule", BigDecimal.TEN));
        assertEquals("BRACKETS", form.type());
        assertEquals(new RuleForm.BracketRow("0,5", false, "1", true, "1,25"), form.brackets().get(0));
        assertEquals(3, form.brackets().size(), "the bracket and two spare rows");
        assertEquals(2, form.options().size(), "the fewest options a TIERS rule has, for a change of type");
        assertEquals("100", form.fullAt());
        RuleForm deduction = RuleForm.of(RuleJson.read(JSON.readTree("{\"type\":\"DEDUCTION\",\"perViolation\":0.25}"),
                "rule", BigDecimal.ONE));
        assertEquals("0,25", deduction.perViolation());
    }
}
