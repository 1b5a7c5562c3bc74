package vn.par.criteria.importing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads the visible sheets of an .xlsx, in order; each sheet is a segment. Rows with content to the right of
 * column I are kept whole (the interpreter rejects them as data rows); shorter rows are padded to 9 cells.
 */
final class XlsxTableReader {

    private static final String LABEL = "Excel (.xlsx)";
    /** Excel shows and computes with 15 significant digits; more is binary noise (0.1 + 0.2 = 0.30000000000000004). */
    private static final MathContext EXCEL_PRECISION = new MathContext(15);

    private XlsxTableReader() {
    }

    static List<RawRow> read(byte[] bytes) throws PlanImportException {
        return OfficeZip.read(bytes, LABEL, pkg -> rows(new XSSFWorkbook(pkg)));
    }

    private static List<RawRow> rows(XSSFWorkbook workbook) throws PlanImportException {
        RowCollector rows = new RowCollector();
        for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
            // A hidden sheet is not what the user sees as the plan (often lookup lists).
            if (workbook.isSheetHidden(s) || workbook.isSheetVeryHidden(s)) {
                continue;
            }
            Sheet sheet = workbook.getSheetAt(s);
            for (Row row : sheet) {
                rows.add(RowLocation.sheetRow(sheet.getSheetName(), row.getRowNum() + 1), s, cells(row));
            }
        }
        return rows.rows();
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        int width = 0;
        for (int c = 0; c < row.getLastCellNum(); c++) {
            String text = text(row.getCell(c));
            cells.add(text);
            if (!text.isBlank()) {
                width = c + 1;
            }
        }
        while (cells.size() < PlanRowInterpreter.COLUMNS) {
            cells.add("");
        }
        return cells.subList(0, Math.max(width, PlanRowInterpreter.COLUMNS));
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> DateUtil.isCellDateFormatted(cell) ? dateText(cell) : numberText(cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR -> ((XSSFCell) cell).getErrorCellString();
            default -> "";
        };
    }

    /**
     * A number as exact decimal text: 15.5 stays "15.5", 7.58 never becomes 7.5800000000000001, 10 is "10".
     * This is also how a code that Excel stored as a number is read: 6.1 gives "6.1". A code typed as the number
     * 1.10 is stored as 1.1 and cannot be told apart from code 1.1; such codes must be typed as text.
     */
    private static String numberText(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).round(EXCEL_PRECISION).stripTrailingZeros().toPlainString();
    }

    /**
     * A date cell as shown, so that it is rejected as a code or as points rather than read as its serial number
     * (Excel turns some codes typed by hand, e.g. "1.3.1", into dates).
     */
    private static String dateText(Cell cell) {
        CellStyle style = cell.getCellStyle();
        // DataFormatter is not thread-safe; date cells are rare, so one per cell is cheap enough.
        return new DataFormatter(Locale.ROOT).formatRawCellContents(cell.getNumericCellValue(), style.getDataFormat(), style.getDataFormatString());
    }
}
