package vn.par.criteria;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import vn.par.criteria.ScoresFixture.Leaf;
import vn.par.criteria.ScoresFixture.Points;
import vn.par.stack.testing.TestInfra;

/**
 * {@code GET /api/plans/{id}/report.docx} through HTTP against stubs of scoring-service and progress-service, the
 * document read back with POI: the agency, every leaf, the appraisal's figures and evidence, the totals; the same
 * document without those figures, saying why, when the services do not answer; who may have it.
 */
@QuarkusTest
@TestProfile(ServiceStubs.Profile.class)
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class SelfAssessmentReportTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final BigDecimal TWO = new BigDecimal("2");
    private static final BigDecimal FOUR = new BigDecimal("4");
    private static String published;

    @BeforeAll
    static void startStubs() {
        ServiceStubs.start();
    }

    @AfterEach
    void stubsBackToNormal() {
        ServiceStubs.reset();
    }

    /** The sample plan of 2049, published once for every test of the class. */
    private static synchronized String plan() {
        if (published == null) {
            published = ScopeFixture.publishedSeed(2049);
        }
        return published;
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void theReportHasTheAgencyEveryLeafTheAppraisalsFiguresTheEvidenceAndTheTotals() throws IOException {
        String id = plan();
        List<Leaf> leaves = ScoresFixture.leaves(id);
        // The appraisal contract's known answers: self-assessed 90.96, appraised 90.46 (6.1.2 cut to 1.5), final 90.96.
        ServiceStubs.SCORING.answer(ScoresFixture.answer(leaves, "FINAL", l -> {
            BigDecimal self = l.code().equals("6.1.2") ? TWO : l.code().equals("7.2") ? FOUR : l.baseline();
            return new Points(l.target(), self, l.code().equals("6.1.2") ? new BigDecimal("1.5") : self, self);
        }));
        ServiceStubs.PROGRESS.answer("""
                {"planId": "%s", "round": "CLOSED", "leaves": [
                 {"code": "1.1", "selfAssessed": null, "evidenceCount": 0, "explanation": null},
                 {"code": "6.1.2", "selfAssessed": 2, "evidenceCount": 2, "explanation": {"text": "Đã quyết toán",
                  "unit": "KHTC", "at": "2050-01-20T03:00:00Z", "evidence": [
                   {"title": "Biên bản kiểm tra", "url": "https://vb.example.vn/bb.pdf"},
                   {"fileId": "0b6f7c1e-4a55-4d0f-9a51-4c1c8e0d2a11", "name": "quyet-toan.pdf", "size": 1234}]}},
                 {"code": "7.2", "selfAssessed": 4, "evidenceCount": 0, "explanation": null}],
                 "selfAssessed": 90.96, "appraised": 90.46, "final": 90.96}""".formatted(id));

        byte[] bytes = given().get("/api/plans/" + id + "/report.docx").then().statusCode(200)
                .contentType(startsWith(DOCX))
                .header("Content-Disposition", equalTo("attachment; filename=\"bao-cao-tu-danh-gia-2049-so-lao-dong-"
                        + "thuong-binh-va-xa-hoi.docx\""))
                .extract().asByteArray();
        assertEquals(List.of("/api/plans/" + id + "/scores"), ServiceStubs.SCORING.paths);
        assertEquals(List.of("/api/plans/" + id + "/appraisal"), ServiceStubs.PROGRESS.paths);
        assertTrue(ServiceStubs.SCORING.authorizations.get(0).matches("Bearer \\S{20,}")
                && ServiceStubs.PROGRESS.authorizations.get(0).equals(ServiceStubs.SCORING.authorizations.get(0)),
                "the caller's token goes to both: " + ServiceStubs.SCORING.authorizations + " "
                        + ServiceStubs.PROGRESS.authorizations);

        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            String text = paragraphs(doc);
            assertTrue(text.contains("BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2049"), text);
            assertTrue(text.contains(TestPlans.AGENCY + " — lập lúc "), text);
            assertTrue(!text.contains("Chưa có điểm chính thức") && !text.contains("Không có"), text);
            Map<String, List<String>> rows = rows(doc.getTables().get(1));
            for (Leaf leaf : leaves) {
                assertTrue(rows.containsKey(leaf.code()), "leaf " + leaf.code() + " in " + rows.keySet());
            }
            assertEquals(32 + 7 + 1, rows.size(), "every criterion, a total per area, the plan's total");
            assertEquals(List.of("", "Tổng cộng", "100", "89,62", "93,25", "", "", "", "", "90,96", "90,46", "90,96", ""),
                    rows.get("Tổng cộng"));
            assertEquals(List.of("", "Cộng lĩnh vực 6", "11", "7,58", "8,25", "", "", "", "", "8,25", "7,75", "8,25", ""),
                    rows.get("Cộng lĩnh vực 6"));
            // the target as the appendix declares it (15,5), the total as its children add up (13,5)
            assertEquals(List.of("15,5", "13,5", "15,5"), rows.get("1").subList(2, 5));
            assertEquals(List.of("15,5", "13,5", "13,5"), rows.get("Cộng lĩnh vực 1").subList(2, 5));
            List<String> r612 = rows.get("6.1.2");
            assertEquals(List.of("2", "1,33", "2"), r612.subList(2, 5));
            assertEquals("Phòng Kế hoạch - Tài chính", r612.get(6));
            assertEquals("Các PCM, ĐVSNCL thuộc Sở", r612.get(7));
            assertEquals(List.of("2", "1,5", "2"), r612.subList(9, 12));
            assertEquals("2 tài liệu kèm điểm tự chấm\nGiải trình của Phòng Kế hoạch - Tài chính:\n- Biên bản kiểm tra\n"
                    + "- quyet-toan.pdf", r612.get(12));
            assertEquals("Điểm tự chấm không kèm tài liệu kiểm chứng", rows.get("7.2").get(12));
            assertEquals("Chưa tự chấm", rows.get("1.1").get(12));
            assertEquals("", rows.get("6.1.1").get(12), "a leaf the sheet does not list");
        }
    }

    @Test
    @TestSecurity(user = "snv", roles = "appraiser")
    void withoutTheOtherServicesTheReportIsStillMadeAndSaysWhy() throws IOException {
        String id = plan();
        ServiceStubs.stop();
        try (XWPFDocument doc = report(id)) {
            String text = paragraphs(doc);
            assertTrue(text.contains("Không có điểm tự chấm, điểm thẩm định và điểm chính thức: không kết nối được hệ"
                    + " thống chấm điểm; các cột (10), (11), (12) để trống."), text);
            assertTrue(text.contains("Không có thông tin tài liệu kiểm chứng: không kết nối được hệ thống theo dõi tiến"
                    + " độ; cột (13) để trống."), text);
            Map<String, List<String>> rows = rows(doc.getTables().get(1));
            assertEquals(40, rows.size());
            rows.forEach((key, cells) -> assertEquals(List.of("", "", "", ""), cells.subList(9, 13), key));
            assertEquals(List.of("100", "89,62", "93,25"), rows.get("Tổng cộng").subList(2, 5), "the plan is all there");
        }

        ServiceStubs.start();
        ServiceStubs.SCORING.answer(ScoresFixture.answer(ScoresFixture.leaves(id), "PROJECTED",
                l -> new Points(l.baseline(), l.baseline(), l.baseline(), null)));
        ServiceStubs.PROGRESS.mode = ServiceStubs.Mode.NOT_FOUND;
        try (XWPFDocument doc = report(id)) {
            String text = paragraphs(doc);
            assertTrue(text.contains("Chưa có điểm chính thức: kỳ thẩm định năm 2049 chưa kết thúc; cột (12) để trống."),
                    text);
            assertTrue(text.contains("hệ thống theo dõi tiến độ chưa có kế hoạch này"), text);
            assertEquals(List.of("89,62", "89,62", ""), rows(doc.getTables().get(1)).get("Tổng cộng").subList(9, 12));
        }
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void aViewerHasNoReport() {
        given().get("/api/plans/" + ScopeFixture.plans().aPublished() + "/report.docx").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "pvb-khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "PVB-KHTC"))
    void aReporterOfAnotherAgencyHasNoReport() {
        given().get("/api/plans/" + ScopeFixture.plans().aPublished() + "/report.docx").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/plans/" + ScopeFixture.plans().bDraft() + "/report.docx").then().statusCode(403);
        assertEquals(List.of(), ServiceStubs.SCORING.paths, "nothing is asked for a plan the caller may not read");
    }

    @Test
    @TestSecurity(user = "pvb", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "agency", value = ScopeFixture.AGENCY_B))
    void anAgencyAdministratorHasItsOwnAgencysReportsOnly() {
        given().get("/api/plans/" + ScopeFixture.plans().aPublished() + "/report.docx").then().statusCode(403);
        given().get("/api/plans/" + ScopeFixture.plans().bDraft() + "/report.docx").then().statusCode(200);
    }

    @Test
    void withoutATokenItIsUnauthorized() {
        RestAssured.given().get("/api/plans/" + java.util.UUID.randomUUID() + "/report.docx").then().statusCode(401);
    }

    private static XWPFDocument report(String id) throws IOException {
        byte[] bytes = given().get("/api/plans/" + id + "/report.docx").then().statusCode(200).extract().asByteArray();
        return new XWPFDocument(new ByteArrayInputStream(bytes));
    }

    private static String paragraphs(XWPFDocument doc) {
        StringBuilder text = new StringBuilder();
        doc.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
        return text.toString();
    }

    /** The table's rows after its two header rows, by code (criteria) or label (totals); each cell's lines joined. */
    private static Map<String, List<String>> rows(XWPFTable table) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (XWPFTableRow row : table.getRows().subList(2, table.getRows().size())) {
            List<String> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) {
                List<String> lines = new ArrayList<>();
                cell.getParagraphs().forEach(p -> lines.add(p.getText()));
                cells.add(String.join("\n", lines));
            }
            rows.put(cells.get(0).isEmpty() ? cells.get(1) : cells.get(0), cells);
        }
        return rows;
    }
}
