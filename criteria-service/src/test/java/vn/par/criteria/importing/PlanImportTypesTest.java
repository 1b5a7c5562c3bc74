package vn.par.criteria.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The small public types the service works with. */
class PlanImportTypesTest {

    @Test
    void formatFromContentType() {
        assertEquals(Optional.of(PlanFormat.TEXT), PlanFormat.fromContentType("text/tab-separated-values"));
        assertEquals(Optional.of(PlanFormat.TEXT), PlanFormat.fromContentType("Text/Plain; charset=UTF-8"));
        assertEquals(Optional.of(PlanFormat.XLSX),
                PlanFormat.fromContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        assertEquals(Optional.of(PlanFormat.DOCX),
                PlanFormat.fromContentType(" application/vnd.openxmlformats-officedocument.wordprocessingml.document "));
        assertEquals(Optional.empty(), PlanFormat.fromContentType("application/pdf"));
        assertEquals(Optional.empty(), PlanFormat.fromContentType(null));
    }

    @Test
    void locationsInVietnamese() {
        assertEquals("dòng 33", RowLocation.line(33).describe());
        assertEquals("trang tính 'Sheet1', hàng 12", RowLocation.sheetRow("Sheet1", 12).describe());
        assertEquals("bảng 2, hàng 5", RowLocation.tableRow(2, 5).describe());
        assertThrows(IllegalArgumentException.class, () -> RowLocation.line(0));
        assertThrows(IllegalArgumentException.class, () -> new RowLocation(RowLocation.Kind.LINE, "Sheet1", 0, 1));
    }

    @Test
    void exceptionSummarisesItsProblems() {
        ImportProblem first = new ImportProblem(RowLocation.line(12), "maxPoints", "Điểm tối đa phải là số");
        ImportProblem second = ImportProblem.ofFile("Tệp quá lớn");
        assertEquals("dòng 12, maxPoints: Điểm tối đa phải là số", new PlanImportException(first).getMessage());
        PlanImportException both = new PlanImportException(List.of(first, second));
        assertEquals("2 lỗi; lỗi đầu tiên: dòng 12, maxPoints: Điểm tối đa phải là số", both.getMessage());
        assertEquals(List.of(first, second), both.problems());
        assertEquals("file: Tệp quá lớn", second.describe());
    }

    @Test
    void codesWithATrailingDotAndAnyDepth() throws PlanImportException {
        String text = String.join("\n",
                "STT\tTên\t\t\t\t\t\t\t",
                "1.\tLĩnh vực\t10\t\t\t\t\t\t",
                "1.1.1.1\tSâu\t1\t1\t1\t\t\t\tghi chú",
                "1.1.1\tCha\t1\t\t\t\t\t\t",
                "1.1\tÔng\t1\t\t\t\t\t\t");
        List<ParsedCriterion> criteria = PlanFixtures.parseText(text).criteria();
        assertEquals(List.of("1", "1.1.1.1", "1.1.1", "1.1"), criteria.stream().map(ParsedCriterion::code).toList());
        assertEquals("1.1.1", criteria.get(1).parentCode());
        assertEquals("ghi chú", criteria.get(1).note());
        assertNull(criteria.get(0).baselinePoints());
    }
}
