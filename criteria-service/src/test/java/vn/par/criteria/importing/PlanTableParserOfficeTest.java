package vn.par.criteria.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static vn.par.criteria.importing.PlanFixtures.dec;
import static vn.par.criteria.importing.PlanFixtures.withoutLocations;

import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's rows written as .xlsx and .docx with POI must parse to the same criteria as the text. */
class PlanTableParserOfficeTest {

    private static ParsedPlan text;

    @BeforeAll
    static void parseSeed() throws PlanImportException {
        text = PlanFixtures.parsedSeed();
    }

    @Test
    void xlsxGivesTheSameCriteriaAsText() throws PlanImportException {
        ParsedPlan xlsx = PlanFixtures.parse(OfficeFiles.xlsx(text), PlanFormat.XLSX);
        assertEquals(withoutLocations(text), withoutLocations(xlsx));
        assertEquals("trang tính 'Kế hoạch', hàng 5", xlsx.criteria().get(0).location().describe());
    }

    @Test
    void docxGivesTheSameCriteriaAsText() throws PlanImportException {
        ParsedPlan docx = PlanFixtures.parse(OfficeFiles.docx(text), PlanFormat.DOCX);
        assertEquals(withoutLocations(text), withoutLocations(docx));
        assertEquals("bảng 2, hàng 4", docx.criteria().get(0).location().describe());
        assertEquals("bảng 3, hàng 1", docx.criteria().get(9).location().describe());
    }

    @Test
    void xlsxNumbersAreExactAndNumericCodesReadAsText() throws PlanImportException {
        byte[] bytes = PlanFixtures.bytesOf(out -> {
            try (XSSFWorkbook workbook = new XSSFWorkbook()) {
                Sheet sheet = workbook.createSheet("Sheet1");
                Row header = sheet.createRow(0);
                for (int i = 0; i < OfficeFiles.HEADER.size(); i++) {
                    header.createCell(i).setCellValue(OfficeFiles.HEADER.get(i));
                }
                Row area = sheet.createRow(1);
                area.createCell(0).setCellValue(6);
                area.createCell(1).setCellValue("Cải cách tài chính công");
                area.createCell(2).setCellValue(11);
                area.createCell(3).setCellValue(7.58);
                area.createCell(4).setCellValue(0.1 + 0.2);
                Row criterion = sheet.createRow(2);
                criterion.createCell(0).setCellValue(6.1);
                criterion.createCell(1).setCellValue("Tài chính - ngân sách");
                criterion.createCell(2).setCellValue("15,5");
                criterion.createCell(3).setCellValue(15.5);
                criterion.createCell(4).setCellFormula("2.5+0.25");
                workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
                workbook.write(out);
            }
        });
        List<ParsedCriterion> criteria = PlanFixtures.parse(bytes, PlanFormat.XLSX).criteria();
        assertEquals(List.of("6", "6.1"), criteria.stream().map(ParsedCriterion::code).toList());
        assertEquals("6", criteria.get(1).parentCode());
        assertEquals(dec("11"), criteria.get(0).maxPoints());
        assertEquals(dec("7.58"), criteria.get(0).baselinePoints());
        assertEquals(dec("0.3"), criteria.get(0).targetPoints());
        assertEquals(dec("15.5"), criteria.get(1).maxPoints());
        assertEquals(dec("15.5"), criteria.get(1).baselinePoints());
        assertEquals(dec("2.75"), criteria.get(1).targetPoints());
        assertNull(criteria.get(1).note());
    }
}
