package vn.par.criteria.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import vn.par.criteria.importing.ParsedCriterion;
import vn.par.criteria.importing.PlanFixtures;
import vn.par.criteria.plan.CriterionCode;

/** The plan → workbook writer on its own: the seed's rows with a fixed projection. */
class PlanWorkbookTest {

    private static final Instant EXPORTED = Instant.parse("2024-06-30T07:05:00Z");

    @Test
    void theSeedIsWrittenInTheAppendixLayoutWithTheProjectedColumn() throws Exception {
        PlanWorkbook.Projection projection = new PlanWorkbook.Projection(
                Map.of("1", new BigDecimal("12.5"), "6.1.2", new BigDecimal("1.3333"), "7", new BigDecimal("17")), null);
        try (XSSFWorkbook workbook = read(PlanWorkbook.write(seed(), projection, EXPORTED))) {
            Sheet sheet = workbook.getSheet("Kế hoạch 2024");
            assertTrue(sheet.getRow(0).getCell(0).getStringCellValue()
                    .startsWith("KẾ HOẠCH CẢI THIỆN CHỈ SỐ CCHC NĂM 2024 — SỞ LAO ĐỘNG"));
            assertEquals("Đã công bố, phiên bản 3. Xuất lúc 30/06/2024 14:05.", sheet.getRow(1).getCell(0).getStringCellValue());
            assertEquals(List.of("STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm theo bộ tiêu chí",
                    "Điểm đạt được năm 2023", "Mục tiêu năm 2024", "Nhiệm vụ, giải pháp", "Chủ trì", "Phối hợp", "Ghi chú",
                    "Điểm dự kiến (projected)"), texts(sheet.getRow(PlanWorkbook.HEADER_ROW)));
            assertEquals(List.of("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"),
                    texts(sheet.getRow(PlanWorkbook.HEADER_ROW + 1)));
            assertEquals(PlanWorkbook.FIRST_LINE_ROW + 31, sheet.getLastRowNum(), "32 criteria, no note");

            Row area1 = sheet.getRow(PlanWorkbook.FIRST_LINE_ROW);
            assertEquals("1", area1.getCell(0).getStringCellValue());
            assertEquals(15.5, area1.getCell(4).getNumericCellValue(), "the declared target, not the derived 13,5");
            assertEquals(12.5, area1.getCell(9).getNumericCellValue());
            assertTrue(workbook.getFontAt(area1.getCell(1).getCellStyle().getFontIndex()).getBold(), "areas in bold");

            Row r612 = row(sheet, "6.1.2");
            assertEquals(2.0, r612.getCell(2).getNumericCellValue());
            assertEquals("0.##", r612.getCell(2).getCellStyle().getDataFormatString());
            assertEquals(1.33, r612.getCell(3).getNumericCellValue(), 1e-9);
            assertEquals(1.3333, r612.getCell(9).getNumericCellValue(), 1e-9);
            assertEquals("0.##", r612.getCell(9).getCellStyle().getDataFormatString());
            assertEquals("Phòng Kế hoạch - Tài chính", r612.getCell(6).getStringCellValue());
            assertTrue(r612.getCell(5).getCellStyle().getWrapText());

            Row r611 = row(sheet, "6.1.1");
            assertTrue(r611.getCell(5).getStringCellValue().matches("(?s)- [^\\n]+\\n- [^\\n]+"), "two bullets");
            assertEquals(CellType.BLANK, row(sheet, "6.3.2").getCell(9).getCellType());
            assertEquals("", row(sheet, "6.3.2").getCell(5).getStringCellValue(), "no task");
        }
    }

    @Test
    void withoutProjectionTheColumnIsEmptyAndANoteSaysWhy() throws Exception {
        PlanWorkbook.Projection projection = PlanWorkbook.Projection.unavailable("Không có điểm dự kiến: thử.");
        try (XSSFWorkbook workbook = read(PlanWorkbook.write(seed(), projection, EXPORTED))) {
            Sheet sheet = workbook.getSheetAt(0);
            int last = PlanWorkbook.FIRST_LINE_ROW + 31;
            for (int r = PlanWorkbook.FIRST_LINE_ROW; r <= last; r++) {
                assertEquals(CellType.BLANK, sheet.getRow(r).getCell(9).getCellType());
            }
            assertNull(sheet.getRow(last + 1));
            assertEquals("Không có điểm dự kiến: thử.", sheet.getRow(last + 2).getCell(0).getStringCellValue());
        }
    }

    @Test
    void theFileNameIsTheYearAndTheAgencyInAscii() {
        assertEquals("ke-hoach-2024-so-lao-dong-thuong-binh-va-xa-hoi.xlsx",
                PlanWorkbook.fileName(2024, "Sở Lao động - Thương binh và Xã hội"));
        assertEquals("ke-hoach-2025-ban-quan-ly-khu-kinh-te.xlsx", PlanWorkbook.fileName(2025, "  Ban Quản lý \"Khu\" kinh tế "));
        assertEquals("ke-hoach-2025.xlsx", PlanWorkbook.fileName(2025, "《》"));
    }

    /** The seed as the export sees a plan, its lines in tree order. */
    private static PlanWorkbook.PlanSheet seed() throws Exception {
        List<ParsedCriterion> criteria = new ArrayList<>(PlanFixtures.parsedSeed().criteria());
        criteria.sort((a, b) -> CriterionCode.ORDER.compare(a.code(), b.code()));
        List<PlanWorkbook.Line> lines = criteria.stream()
                .map(c -> new PlanWorkbook.Line(c.code(), c.title(), c.maxPoints(), c.baselinePoints(), c.targetPoints(),
                        c.tasks(), c.tasks().isEmpty() ? List.of() : c.leadUnits(),
                        c.tasks().isEmpty() ? List.of() : c.coordinatingUnits(), c.note()))
                .toList();
        return new PlanWorkbook.PlanSheet("Sở Lao động - Thương binh và Xã hội", 2024, 2023, "Đã công bố", 3, lines);
    }

    private static Row row(Sheet sheet, String code) {
        for (int r = PlanWorkbook.FIRST_LINE_ROW; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row != null && row.getCell(0) != null && code.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + code);
    }

    private static XSSFWorkbook read(byte[] bytes) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(bytes));
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(c -> texts.add(c.getStringCellValue()));
        return texts;
    }
}
