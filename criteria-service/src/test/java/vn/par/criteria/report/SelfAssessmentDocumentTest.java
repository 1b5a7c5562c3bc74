package vn.par.criteria.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGridCol;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;

import vn.par.criteria.report.SelfAssessmentDocument.Line;
import vn.par.criteria.report.SelfAssessmentDocument.Report;
import vn.par.criteria.report.SelfAssessmentDocument.Total;

/** The report's document written and read back with POI: page, heading, the table's layout, numbers and totals. */
class SelfAssessmentDocumentTest {

    private static final String AGENCY = "Sở Lao động - Thương binh và Xã hội";

    @Test
    void theDocumentIsA4LandscapeWithTheAgencyTheYearAndTheTitle() throws IOException {
        try (XWPFDocument doc = read(sample())) {
            CTPageSz size = doc.getDocument().getBody().getSectPr().getPgSz();
            assertEquals(BigInteger.valueOf(16838), size.getW());
            assertEquals(BigInteger.valueOf(11906), size.getH());
            assertEquals(STPageOrientation.LANDSCAPE, size.getOrient());
            String text = paragraphs(doc);
            assertTrue(text.contains("BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2024"), text);
            assertTrue(text.contains(AGENCY + " — lập lúc 10/01/2025 09:30"), text);
            assertTrue(text.contains("Chưa có điểm chính thức"), text);
            assertTrue(text.endsWith("THỦ TRƯỞNG CƠ QUAN\n(Ký, ghi rõ họ tên và đóng dấu)\n"), "signed under the table: " + text);
            XWPFTable heading = doc.getTables().get(0);
            assertEquals("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", heading.getRow(0).getCell(0).getText());
            assertTrue(heading.getRow(0).getCell(1).getText().contains("Độc lập - Tự do - Hạnh phúc"));
        }
    }

    @Test
    void theTableHasTheAppendixColumnsThenTheAppraisalsAndRepeatsItsHeaderOnEveryPage() throws IOException {
        try (XWPFDocument doc = read(sample())) {
            XWPFTable table = doc.getTables().get(1);
            assertEquals(List.of("STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm theo bộ tiêu chí",
                    "Điểm đạt được năm 2023", "Mục tiêu năm 2024", "Nhiệm vụ, giải pháp", "Chủ trì", "Phối hợp", "Ghi chú",
                    "Điểm tự chấm", "Điểm thẩm định", "Điểm chính thức", "Tài liệu kiểm chứng"), texts(table.getRow(0)));
            assertEquals(List.of("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)", "(12)",
                    "(13)"), texts(table.getRow(1)));
            assertTrue(table.getRow(0).isRepeatHeader() && table.getRow(1).isRepeatHeader());
            assertFalse(table.getRow(2).isRepeatHeader());
            List<CTTblGridCol> grid = table.getCTTbl().getTblGrid().getGridColList();
            assertEquals(13, grid.size());
            assertEquals(16838 - 1134 - 850, grid.stream().mapToInt(g -> ((BigInteger) g.getW()).intValue()).sum(),
                    "the columns fill the page between its margins");
            for (XWPFTableRow row : table.getRows()) {
                assertEquals(13, row.getTableCells().size());
                for (XWPFTableCell cell : row.getTableCells()) {
                    assertFalse(cell.getParagraphs().isEmpty(), "Word needs a paragraph in every cell");
                }
            }
        }
    }

    @Test
    void numbersAreExactWithADecimalCommaAndEmptyWhenAbsent() throws IOException {
        try (XWPFDocument doc = read(sample())) {
            XWPFTable table = doc.getTables().get(1);
            assertEquals(List.of("1", "Công tác chỉ đạo, điều hành CCHC", "15,5", "", "15,5", "", "", "", "", "13,5",
                    "13", "", ""), texts(table.getRow(2)));
            List<String> leaf = texts(table.getRow(3));
            assertEquals("1.1", leaf.get(0));
            assertEquals(List.of("3,5429", "2", "3"), leaf.subList(2, 5));
            assertEquals("- Ban hành kế hoạch\n- Báo cáo quý", leaf.get(5));
            assertEquals("Văn phòng Sở\nPhòng Kế hoạch - Tài chính", leaf.get(6));
            assertEquals(List.of("3", "2,5", ""), leaf.subList(9, 12));
            assertEquals("2 tài liệu kèm điểm tự chấm\nGiải trình của Văn phòng Sở:\n- Biên bản kiểm tra", leaf.get(12));
            assertEquals(List.of("", "Cộng lĩnh vực 1", "15", "7,58", "13,5", "", "", "", "", "13,5", "13", "", ""),
                    texts(table.getRow(4)));
            assertEquals(List.of("", "Tổng cộng", "100", "89,62", "93,25", "", "", "", "", "90,96", "90,46", "", ""),
                    texts(table.getRow(5)));
        }
    }

    @Test
    void theFileNameIsAsciiWithTheYearAndTheAgency() {
        assertEquals("bao-cao-tu-danh-gia-2024-so-lao-dong-thuong-binh-va-xa-hoi.docx",
                SelfAssessmentDocument.fileName(2024, AGENCY));
    }

    private static Report sample() {
        return new Report(AGENCY, 2024, 2023, Instant.parse("2025-01-10T02:30:00Z"), List.of(
                new Line("1", "Công tác chỉ đạo, điều hành CCHC", true, new BigDecimal("15.5"), null,
                        new BigDecimal("15.50"), List.of(), List.of(), List.of(), null, new BigDecimal("13.5"),
                        new BigDecimal("13"), null, List.of()),
                new Line("1.1", "Kế hoạch CCHC năm", false, new BigDecimal("3.5429"), new BigDecimal("2"),
                        new BigDecimal("3.000"), List.of("Ban hành kế hoạch", "Báo cáo quý"),
                        List.of("Văn phòng Sở", "Phòng Kế hoạch - Tài chính"), List.of(), "Theo Quyết định 1880",
                        new BigDecimal("3"), new BigDecimal("2.5"), null,
                        List.of("2 tài liệu kèm điểm tự chấm", "Giải trình của Văn phòng Sở:", "- Biên bản kiểm tra")),
                new Total("Cộng lĩnh vực 1", false, new BigDecimal("15"), new BigDecimal("7.58"), new BigDecimal("13.5"),
                        new BigDecimal("13.5"), new BigDecimal("13"), null),
                new Total("Tổng cộng", true, new BigDecimal("100"), new BigDecimal("89.62"), new BigDecimal("93.25"),
                        new BigDecimal("90.96"), new BigDecimal("90.46"), null)),
                List.of("Chưa có điểm chính thức: kỳ thẩm định năm 2024 chưa kết thúc; cột (12) để trống."));
    }

    private static XWPFDocument read(Report report) throws IOException {
        return new XWPFDocument(new ByteArrayInputStream(SelfAssessmentDocument.write(report)));
    }

    private static String paragraphs(XWPFDocument doc) {
        StringBuilder text = new StringBuilder();
        doc.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
        return text.toString();
    }

    /** Each cell's text, its paragraphs on separate lines. */
    static List<String> texts(XWPFTableRow row) {
        List<String> texts = new ArrayList<>();
        for (XWPFTableCell cell : row.getTableCells()) {
            List<String> lines = new ArrayList<>();
            cell.getParagraphs().forEach(p -> lines.add(p.getText()));
            texts.add(String.join("\n", lines));
        }
        return texts;
    }
}
