package vn.par.criteria.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import vn.par.stack.testing.TestInfra;

/** The rule in words on the plan page, the proposal's button, the rule form, and the "not applicable" box. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "admin", roles = "admin")
class RulePagesTest {

    private static final String PROPOSAL_611 = "Không có sai phạm về kinh phí quản lý hành chính được phát hiện trong năm"
            + " đánh giá: 1 điểm; Có sai phạm về kinh phí quản lý hành chính được phát hiện trong năm đánh giá: 0 điểm";

    @Test
    void thePlanPageShowsEachLeafsRuleAndTheSeedsProposalWithItsButton() {
        String id = Pages.importSeed(2090);
        String plan = given().get("/ui/plans/" + id).then().statusCode(200).extract().asString();
        String row611 = Html.criterionRow(plan, "6.1.1");
        assertTrue(row611.contains("data-criterion=\"6.1.1\""), row611);
        assertTrue(row611.contains("<div class=\"rule\" data-field=\"rule\"><span class=\"rule-label\">Cách chấm:</span>"
                + " Tự đánh giá, chấm điểm: đơn vị khai số điểm đạt được</div>"), row611);
        String proposal = Html.between(row611, "data-field=\"proposal\"", "</form>");
        assertTrue(proposal.contains(PROPOSAL_611), proposal);
        assertTrue(proposal.contains("Đọc từ: <q>- Không có sai phạm về kinh phí quản lý hành chính"), proposal);
        assertTrue(proposal.contains("id=\"accept-proposal-6.1.1\" data-action=\"accept-proposal\">Áp dụng đề xuất</button>"));
        assertFalse(Html.criterionRow(plan, "6.1.2").contains("data-field=\"proposal\""), "no wording in 6.1.2's text");
        assertFalse(Html.criterionRow(plan, "6.1").contains("data-field=\"rule\""), "a parent has no rule");
        assertTrue(Html.criterionRow(plan, "1.3.1").contains("Từ 8 trở lên: 2 điểm; dưới 8: 0 điểm"));

        Pages.Csrf csrf = Pages.Csrf.from("/ui/plans/" + id);
        String accept = "/ui/plans/" + id + "/edit/criteria/6.1.1/rule/accept-proposal";
        csrf.form().post(accept).then().statusCode(303)
                .header("Location", containsString("/ui/plans/" + id + "?ok=rule-accepted&code=6.1.1#c-6.1.1"));
        String after = given().get("/ui/plans/" + id + "?ok=rule-accepted&code=6.1.1").then().statusCode(200).extract()
                .asString();
        assertTrue(after.contains("Đã áp dụng quy tắc đề xuất cho tiêu chí 6.1.1."));
        String row = Html.criterionRow(after, "6.1.1");
        assertTrue(row.contains("Cách chấm:</span> " + PROPOSAL_611 + "</div>"), row);
        assertFalse(row.contains("data-field=\"proposal\""), row);
        given().get("/api/plans/" + id).then().body(criterion("6.1.1") + ".rule.type", equalTo("TIERS"));

        // pressed twice (two tabs): the plan page again, saying why
        csrf.form().post(accept).then().statusCode(409)
                .body(containsString("Tiêu chí 6.1.1 không có quy tắc chấm điểm đề xuất nào để áp dụng."));
        Pages.form().post("/ui/plans/" + id + "/edit/criteria/1.3.1/rule/accept-proposal").then().statusCode(400);
        given().get("/api/plans/" + id).then().body(criterion("1.3.1") + ".rule.type", equalTo("MANUAL"));
    }

    @Test
    void aRefusedRuleShowsTheFormAgainWithEachMessageNextToItsRow() {
        String id = Pages.importSeed(2091);
        String page = rulePage(id, "6.1.2");
        String form = given().get(page).then().statusCode(200).extract().asString();
        assertTrue(form.contains("<option value=\"MANUAL\" selected>"), form);
        assertTrue(form.contains("<script src=\"/criteria-ui/rule-form.js\" defer></script>"));
        assertEquals(Html.count(form, "<script"), Html.count(form, "<script src="), "no inline script");
        assertEquals(2, Pages.inputValues(form, "optionKey").size(), "the two options a TIERS rule needs at least");

        Pages.Csrf csrf = Pages.Csrf.from(page);
        // a blank row in the middle is dropped, so the repeated key is the second row shown again
        String html = tiers(csrf, new String[][] { { "A", "Đạt", "2" }, { "", "", "" }, { "A", "Không đạt", "0,5" } })
                .post(page).then().statusCode(400).extract().asString();
        assertTrue(html.contains("name=\"optionKey\" value=\"A\" maxlength=\"40\" aria-label=\"Mã kết quả 2\"><span"
                + " class=\"field-error\">Mã lựa chọn &#39;A&#39; bị trùng"), html);
        assertEquals(List.of("A", "A", "", ""), Pages.inputValues(html, "optionKey"));
        assertEquals(List.of("Đạt", "Không đạt", "", ""), Pages.inputValues(html, "optionLabel"));
        assertEquals(List.of("2", "0,5", "", ""), Pages.inputValues(html, "optionPoints"));
        assertTrue(html.contains("<option value=\"TIERS\" selected>"));

        tiers(csrf, new String[][] { { "A", "Đạt", "hai" }, { "B", "Không đạt", "0" } }).post(page).then().statusCode(400)
                .body(containsString("aria-label=\"Điểm của kết quả 1\"><span class=\"field-error\">Số điểm phải là một số"));
        tiers(csrf, new String[][] { { "A", "Đạt", "2,5" }, { "B", "Không đạt", "0" } }).post(page).then().statusCode(400)
                .body(containsString("<span class=\"field-error\">Số điểm (2,5) lớn hơn điểm tối đa của tiêu chí (2).</span>"));
        csrf.form().formParam("type", "BRACKETS")
                .formParam("bracketMin", "4").formParam("bracketMinInclusive", "true")
                .formParam("bracketMax", "8").formParam("bracketMaxInclusive", "true").formParam("bracketPoints", "1")
                .formParam("bracketMin", "8").formParam("bracketMinInclusive", "true")
                .formParam("bracketMax", "").formParam("bracketMaxInclusive", "false").formParam("bracketPoints", "2")
                .post(page).then().statusCode(400)
                .body(containsString("<tr><td colspan=\"5\"><span class=\"field-error\">Khoảng thứ 2 (từ 8 trở lên) chồng lên"
                        + " khoảng thứ 1 (từ 4 đến 8)"));
        csrf.form().formParam("type", "RATIO").formParam("fullAt", "0").formParam("whenNoCases", "FULL").post(page)
                .then().statusCode(400).body(containsString("<span class=\"field-error\">Tỷ lệ đạt đủ điểm (fullAt) phải lớn"
                        + " hơn 0 và không quá 100"));
        csrf.form().formParam("type", "COUNT").formParam("perUnit", "").post(page).then().statusCode(400)
                .body(containsString("<span class=\"field-error\">Cần số điểm cho mỗi trường hợp (perUnit).</span>"));
        Pages.form().formParam("type", "SURVEY").post(page).then().statusCode(400); // no CSRF token
        given().get("/api/plans/" + id + "/history").then().body("", hasSize(1));
    }

    @Test
    void anAcceptedRuleGoesBackToThePlanWhereItReadsInWords() {
        String id = Pages.importSeed(2092);
        String page = rulePage(id, "1.3.1");
        Pages.Csrf csrf = Pages.Csrf.from(page);
        csrf.form().formParam("type", "BRACKETS")
                .formParam("bracketMin", "8").formParam("bracketMinInclusive", "true")
                .formParam("bracketMax", "").formParam("bracketMaxInclusive", "false").formParam("bracketPoints", "2")
                .formParam("bracketMin", "").formParam("bracketMinInclusive", "true")
                .formParam("bracketMax", "").formParam("bracketMaxInclusive", "false").formParam("bracketPoints", "")
                .formParam("bracketMin", "4").formParam("bracketMinInclusive", "true")
                .formParam("bracketMax", "8").formParam("bracketMaxInclusive", "false").formParam("bracketPoints", "1")
                .formParam("bracketMin", "").formParam("bracketMinInclusive", "true")
                .formParam("bracketMax", "4").formParam("bracketMaxInclusive", "false").formParam("bracketPoints", "0")
                // fields of another type are not read
                .formParam("perUnit", "hai").formParam("optionKey", "X").formParam("reason", "Theo bộ tiêu chí")
                .post(page).then().statusCode(303)
                .header("Location", containsString("/ui/plans/" + id + "?ok=rule&code=1.3.1#c-1.3.1"));
        String plan = given().get("/ui/plans/" + id + "?ok=rule&code=1.3.1").then().statusCode(200).extract().asString();
        assertTrue(plan.contains("Đã lưu quy tắc chấm điểm của tiêu chí 1.3.1."));
        String row = Html.criterionRow(plan, "1.3.1");
        assertTrue(row.contains("Cách chấm:</span> Từ 8 trở lên: 2 điểm; từ 4 đến dưới 8: 1 điểm; dưới 4: 0 điểm</div>"),
                row);
        assertFalse(row.contains("data-field=\"proposal\""), "setting a rule drops the proposal");

        // a decimal comma; the form opens again with the rule as it stands
        String ratio = rulePage(id, "6.1.2");
        Pages.Csrf.from(ratio).form().formParam("type", "RATIO").formParam("fullAt", "70,5")
                .formParam("whenNoCases", "POINTS").formParam("whenNoCasesPoints", "0,5").post(ratio).then()
                .statusCode(303);
        given().get("/api/plans/" + id).then()
                .body(criterion("6.1.2") + ".ruleDescription",
                        equalTo("Tỷ lệ × điểm tối đa, đủ điểm khi đạt 70,5 %; không có trường hợp nào: 0,5 điểm"));
        String again = given().get(ratio).then().statusCode(200).extract().asString();
        assertTrue(again.contains("<option value=\"RATIO\" selected>"));
        assertEquals(List.of("70,5"), Pages.inputValues(again, "fullAt"));
        assertEquals(List.of("0,5"), Pages.inputValues(again, "whenNoCasesPoints"));
        assertTrue(again.contains("<option value=\"POINTS\" selected>"));
        String history = given().get("/ui/plans/" + id + "/history").asString();
        assertTrue(history.contains("<td>Quy tắc chấm điểm</td>") && history.contains("Theo bộ tiêu chí"), history);

        given().get(rulePage(id, "1.3")).then().statusCode(400).body(containsString("có tiêu chí con"));
    }

    @Test
    void aLeafIsFlaggedNotApplicableWithAReasonFromItsForm() {
        String id = Pages.importSeed(2093);
        String page = "/ui/plans/" + id + "/edit/criteria/6.3.2";
        String form = given().get(page).then().statusCode(200).extract().asString();
        assertTrue(form.contains("name=\"applicable\" value=\"true\" checked"), form);
        assertFalse(given().get("/ui/plans/" + id + "/edit/criteria/6.3").asString().contains("name=\"applicable\""));
        // a form without the box (as a parent's is) leaves the flag alone
        Pages.Csrf.from(page).form().formParam("title", "Số đơn vị SNCL tự bảo đảm chi thường xuyên")
                .formParam("maxPoints", "1").formParam("baselinePoints", "0").formParam("targetPoints", "0")
                .formParam("note", "").formParam("reason", "").post(page).then().statusCode(303);
        given().get("/api/plans/" + id + "/history").then().body("", hasSize(1));

        Pages.Csrf csrf = Pages.Csrf.from(page);
        String html = edit(csrf, "").post(page).then().statusCode(400).extract().asString();
        assertTrue(html.contains("<span class=\"field-error\">Cần lý do khi đánh dấu tiêu chí 6.3.2 là không áp dụng"), html);
        assertTrue(html.contains("name=\"applicable\" value=\"true\">"), "the box is shown as it was sent, unticked");

        edit(csrf, "Sở không có đơn vị SNCL tự bảo đảm chi thường xuyên").post(page).then().statusCode(303);
        String row = Html.criterionRow(given().get("/ui/plans/" + id).asString(), "6.3.2");
        assertTrue(row.contains("class=\"not-applicable\""), row);
        assertTrue(row.contains("Không áp dụng: Sở không có đơn vị SNCL tự bảo đảm chi thường xuyên"), row);
        given().get("/api/plans/" + id).then().body(criterion("6.3.2") + ".applicable", equalTo(false));
        // the title saved again without touching the box changes nothing about the flag
        edit(csrf, "").post(page).then().statusCode(303);
        given().get("/api/plans/" + id + "/history").then().body("", hasSize(2))
                .body("[0].field", equalTo("applicable"));
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void aViewerCannotOpenTheRuleForm() {
        String any = java.util.UUID.randomUUID().toString();
        given().get(rulePage(any, "6.1.1")).then().statusCode(403);
    }

    @Test
    void theScriptThatShowsOneFieldsetIsServed() {
        given().get("/criteria-ui/rule-form.js").then().statusCode(200).body(containsString("data-rule-type"));
    }

    /** The criterion form of 6.3.2 as the seed has it, the box left unticked: only its hidden "false" is sent. */
    private static RequestSpecification edit(Pages.Csrf csrf, String reason) {
        return csrf.form().formParam("title", "Số đơn vị SNCL tự bảo đảm chi thường xuyên").formParam("maxPoints", "1")
                .formParam("baselinePoints", "0").formParam("targetPoints", "0").formParam("note", "")
                .formParam("applicable", "false").formParam("reason", reason);
    }

    private static RequestSpecification tiers(Pages.Csrf csrf, String[][] rows) {
        RequestSpecification request = csrf.form().formParam("type", "TIERS");
        for (String[] row : rows) {
            request.formParam("optionKey", row[0]).formParam("optionLabel", row[1]).formParam("optionPoints", row[2]);
        }
        return request;
    }

    private static String rulePage(String id, String code) {
        return "/ui/plans/" + id + "/edit/criteria/" + code + "/rule";
    }

    private static String criterion(String code) {
        String[] parts = code.split("\\.");
        StringBuilder path = new StringBuilder("criteria.find { it.code == '" + parts[0] + "' }");
        String prefix = parts[0];
        for (int i = 1; i < parts.length; i++) {
            prefix = prefix + "." + parts[i];
            path.append(".children.find { it.code == '").append(prefix).append("' }");
        }
        return path.toString();
    }
}
