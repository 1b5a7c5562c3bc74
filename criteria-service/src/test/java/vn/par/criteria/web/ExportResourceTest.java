package vn.par.criteria.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import vn.par.criteria.ServiceStubs;
import vn.par.stack.testing.TestInfra;

/**
 * {@code /ui/plans/{id}/export.xlsx} through HTTP, read back with POI: the appendix's columns with the plan's
 * declared values, and the projected points scoring-service (here a stub) has — or an empty column and a note
 * when it has none to give.
 */
@QuarkusTest
@TestProfile(ServiceStubs.Profile.class)
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class ExportResourceTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @BeforeAll
    static void startScoring() {
        ServiceStubs.start();
    }

    @AfterEach
    void scoringBackToNormal() {
        ServiceStubs.reset();
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void theExportHasTheAppendixColumnsTheDeclaredValuesAndTheProjectedPoints() throws IOException {
        String id = Pages.importSeed(2077);
        ServiceStubs.SCORING.authorizations.clear();
        ServiceStubs.answerProjected(Map.of("6.1.2", "1.5", "6", "9.25", "1", "12"));
        byte[] bytes = given().get("/ui/plans/" + id + "/export.xlsx").then().statusCode(200)
                .contentType(startsWith(XLSX))
                .header("Content-Disposition",
                        equalTo("attachment; filename=\"ke-hoach-2077-so-lao-dong-thuong-binh-va-xa-hoi.xlsx\""))
                .extract().asByteArray();
        assertTrue(ServiceStubs.SCORING.authorizations.size() == 1
                && ServiceStubs.SCORING.authorizations.get(0).matches("Bearer \\S{20,}"),
                "the signed-in person's access token goes along: " + ServiceStubs.SCORING.authorizations);
        assertEquals(List.of("/api/plans/" + id + "/scores"), ServiceStubs.SCORING.paths);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals(List.of("STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm theo bộ tiêu chí",
                    "Điểm đạt được năm 2076", "Mục tiêu năm 2077", "Nhiệm vụ, giải pháp", "Chủ trì", "Phối hợp", "Ghi chú",
                    "Điểm dự kiến (projected)"), texts(sheet.getRow(PlanWorkbook.HEADER_ROW)));
            List<String> codes = new ArrayList<>();
            for (int r = PlanWorkbook.FIRST_LINE_ROW; r <= sheet.getLastRowNum(); r++) {
                codes.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertEquals(32, codes.size(), "one row per criterion and nothing else: " + codes);
            assertEquals(List.of("1", "1.1", "1.2", "1.3", "1.3.1"), codes.subList(0, 5), "tree order");
            assertEquals("7.4", codes.get(31));

            Row r612 = sheet.getRow(PlanWorkbook.FIRST_LINE_ROW + codes.indexOf("6.1.2"));
            assertEquals("Tổ chức thực hiện các kiến nghị sau thanh tra, kiểm tra, kiểm toán nhà nước về tài chính, ngân sách",
                    r612.getCell(1).getStringCellValue());
            assertEquals(CellType.NUMERIC, r612.getCell(2).getCellType());
            assertEquals(2.0, r612.getCell(2).getNumericCellValue());
            assertEquals("0.##", r612.getCell(2).getCellStyle().getDataFormatString());
            assertEquals(1.33, r612.getCell(3).getNumericCellValue(), 1e-9);
            assertEquals(2.0, r612.getCell(4).getNumericCellValue());
            assertTrue(r612.getCell(5).getStringCellValue().startsWith("- Tổ chức thực hiện nghiêm các kiến nghị"));
            assertEquals("Phòng Kế hoạch - Tài chính", r612.getCell(6).getStringCellValue());
            assertEquals("Các PCM, ĐVSNCL thuộc Sở", r612.getCell(7).getStringCellValue());
            assertEquals(1.5, r612.getCell(9).getNumericCellValue());
            // declared values as the plan has them, also where the children add up to something else
            Row r13 = sheet.getRow(PlanWorkbook.FIRST_LINE_ROW + codes.indexOf("1.3"));
            assertEquals(2.0, r13.getCell(2).getNumericCellValue());
            assertEquals(12.0, sheet.getRow(PlanWorkbook.FIRST_LINE_ROW).getCell(9).getNumericCellValue());
            // a criterion scoring-service did not give stays empty
            assertEquals(CellType.BLANK, r13.getCell(9).getCellType());
            // several tasks: one "- " bullet per line
            Row r3 = sheet.getRow(PlanWorkbook.FIRST_LINE_ROW + codes.indexOf("3"));
            assertTrue(r3.getCell(5).getStringCellValue().matches("(?s)- [^\\n]+\\n- .+"),
                    r3.getCell(5).getStringCellValue());
        }
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void whenScoringAnswersWithAnErrorTheExportHasNoProjectionAndSaysWhy() throws IOException {
        String id = Pages.importSeed(2078);
        ServiceStubs.SCORING.mode = ServiceStubs.Mode.ERROR;
        assertExportedWithoutProjection(id, "hệ thống chấm điểm trả lời lỗi (HTTP 503)");
        ServiceStubs.SCORING.mode = ServiceStubs.Mode.HANG_UP;
        assertExportedWithoutProjection(id, "không kết nối được hệ thống chấm điểm");
        ServiceStubs.SCORING.mode = ServiceStubs.Mode.NOT_FOUND;
        assertExportedWithoutProjection(id, "hệ thống chấm điểm chưa có kế hoạch này");
        ServiceStubs.SCORING.mode = ServiceStubs.Mode.UNREADABLE;
        assertExportedWithoutProjection(id, "câu trả lời của hệ thống chấm điểm không đọc được");
        ServiceStubs.SCORING.answer("{\"basis\":\"PROJECTED\",\"criteria\":[{\"code\":\"1\",\"projected\":null}]}");
        assertExportedWithoutProjection(id, "hệ thống chấm điểm chưa có điểm tiêu chí nào");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void whenScoringAnswersTooLateTheExportGivesUpAfterTheReadTimeout() throws IOException {
        String id = Pages.importSeed(2080);
        ServiceStubs.SCORING.mode = ServiceStubs.Mode.SLOW;
        long started = System.nanoTime();
        assertExportedWithoutProjection(id, "hệ thống chấm điểm không trả lời kịp");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds >= 3 && seconds < 6, "the 4 s read timeout, not the stub's 6 s: " + seconds + " s");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void whenScoringIsUnreachableTheExportStillWorks() throws IOException {
        String id = Pages.importSeed(2079);
        ServiceStubs.stop();
        assertExportedWithoutProjection(id, "không kết nối được hệ thống chấm điểm");
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    void aReporterCannotExport() {
        given().get("/ui/plans/" + java.util.UUID.randomUUID() + "/export.xlsx").then().statusCode(403);
    }

    private static void assertExportedWithoutProjection(String id, String why) throws IOException {
        byte[] bytes = given().get("/ui/plans/" + id + "/export.xlsx").then().statusCode(200).contentType(startsWith(XLSX))
                .extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            Sheet sheet = workbook.getSheetAt(0);
            int last = PlanWorkbook.FIRST_LINE_ROW + 31;
            for (int r = PlanWorkbook.FIRST_LINE_ROW; r <= last; r++) {
                assertEquals(CellType.BLANK, sheet.getRow(r).getCell(9).getCellType(), "row " + r);
            }
            assertEquals(2.0, sheet.getRow(PlanWorkbook.FIRST_LINE_ROW + 3).getCell(2).getNumericCellValue(),
                    "the plan itself is there (1.3's maximum)");
            assertNull(sheet.getRow(last + 1), "a blank row before the note");
            String note = sheet.getRow(last + 2).getCell(0).getStringCellValue();
            assertTrue(note.startsWith("Không có điểm dự kiến: "), note);
            assertTrue(note.contains(why), note);
            assertFalse(note.contains("Exception"), note);
        }
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(c -> texts.add(c.getStringCellValue()));
        return texts;
    }
}
