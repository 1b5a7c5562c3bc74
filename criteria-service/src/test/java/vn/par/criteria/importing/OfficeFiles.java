package vn.par.criteria.importing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Builds .xlsx and .docx plan files with POI for the tests. */
public final class OfficeFiles {

    static final List<String> HEADER = List.of("STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm theo bộ tiêu chí",
            "Điểm đạt được năm 2023", "Mục tiêu năm 2024", "Nhiệm vụ, giải pháp", "Trách nhiệm thực hiện", "", "Ghi chú");
    static final List<String> SUB_HEADER = List.of("", "", "", "", "", "", "Chủ trì", "Phối hợp", "");
    static final List<String> COLUMN_NUMBERS = List.of("(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)");
    /** Codes that Excel can hold as a number without losing anything (one dot at most, no trailing zero). */
    private static final Pattern NUMERIC_CODE = Pattern.compile("\\d+(\\.\\d*[1-9])?");
    /** Blocks (by their first code) before which the header is repeated. */
    private static final Set<String> HEADER_BEFORE = Set.of("1", "3", "6", "7");

    private OfficeFiles() {
    }

    /**
     * The plan as a workbook: a notes sheet first (no header: ignored), the plan sheet with a title row and the
     * header repeated before some blocks, and a hidden sheet whose rows would otherwise continue the table. Codes
     * and points are numeric cells where Excel can hold them; tasks and coordinating units are one per line.
     */
    public static byte[] xlsx(ParsedPlan plan) {
        return PlanFixtures.bytesOf(out -> {
            try (XSSFWorkbook workbook = new XSSFWorkbook()) {
                Sheet notes = workbook.createSheet("Hướng dẫn");
                notes.createRow(0).createCell(0).setCellValue("Điền kế hoạch vào trang tính 'Kế hoạch'.");
                Sheet sheet = workbook.createSheet("Kế hoạch");
                sheet.createRow(0).createCell(0).setCellValue("Phụ lục");
                int r = 1;
                for (ParsedCriterion c : plan.criteria()) {
                    if (HEADER_BEFORE.contains(c.code())) {
                        writeRow(sheet.createRow(r++), HEADER);
                        writeRow(sheet.createRow(r++), SUB_HEADER);
                        writeRow(sheet.createRow(r++), COLUMN_NUMBERS);
                    }
                    Row row = sheet.createRow(r++);
                    if (NUMERIC_CODE.matcher(c.code()).matches()) {
                        row.createCell(0).setCellValue(Double.parseDouble(c.code()));
                    } else {
                        row.createCell(0).setCellValue(c.code());
                    }
                    row.createCell(1).setCellValue(c.title());
                    writePoints(row, 2, c.maxPoints());
                    writePoints(row, 3, c.baselinePoints());
                    writePoints(row, 4, c.targetPoints());
                    row.createCell(5).setCellValue(String.join("\n", c.tasks()));
                    row.createCell(6).setCellValue(String.join("; ", c.leadUnits()));
                    row.createCell(7).setCellValue(String.join("\n", c.coordinatingUnits()));
                }
                writeRow(sheet.createRow(r), HEADER);
                Sheet hidden = workbook.createSheet("Danh mục");
                writeRow(hidden.createRow(0), List.of("1", "Văn phòng Sở"));
                workbook.setSheetHidden(workbook.getSheetIndex(hidden), true);
                workbook.write(out);
            }
        });
    }

    /** A workbook with one sheet "Sheet1" holding the given rows as text cells, from row 1. */
    public static byte[] xlsx(List<List<String>> rows) {
        return PlanFixtures.bytesOf(out -> {
            try (XSSFWorkbook workbook = new XSSFWorkbook()) {
                Sheet sheet = workbook.createSheet("Sheet1");
                for (int r = 0; r < rows.size(); r++) {
                    writeRow(sheet.createRow(r), rows.get(r));
                }
                workbook.write(out);
            }
        });
    }

    /**
     * The plan as a document: a layout table first (no header: ignored), the plan split over several tables (the
     * one starting at area 2 has no header and continues the previous one), every task and lead unit as its own
     * paragraph, and a signature table last (ignored).
     */
    public static byte[] docx(ParsedPlan plan) {
        return PlanFixtures.bytesOf(out -> {
            try (XWPFDocument document = new XWPFDocument()) {
                XWPFTable layout = document.createTable(1, 2);
                setCell(layout.getRow(0).getCell(0), List.of("UBND TỈNH", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"));
                setCell(layout.getRow(0).getCell(1), List.of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
                document.createParagraph().createRun().setText("Phụ lục");
                XWPFTable table = null;
                for (ParsedCriterion c : plan.criteria()) {
                    boolean continuation = c.code().equals("2");
                    if (HEADER_BEFORE.contains(c.code()) || continuation) {
                        document.createParagraph();
                        table = emptyTable(document);
                        if (!continuation) {
                            addRow(table, oneLinePerCell(HEADER));
                            addRow(table, oneLinePerCell(SUB_HEADER));
                            addRow(table, oneLinePerCell(COLUMN_NUMBERS));
                        }
                    }
                    addRow(table, List.of(List.of(c.code()), List.of(c.title()), points(c.maxPoints()),
                            points(c.baselinePoints()), points(c.targetPoints()), c.tasks(), c.leadUnits(),
                            List.of(String.join("; ", c.coordinatingUnits())), List.of()));
                }
                addRow(table, oneLinePerCell(HEADER));
                document.createParagraph();
                XWPFTable signature = document.createTable(1, 2);
                setCell(signature.getRow(0).getCell(0), List.of("Nơi nhận:", "- Như trên;", "- Lưu: VT."));
                setCell(signature.getRow(0).getCell(1), List.of("GIÁM ĐỐC"));
                document.write(out);
            }
        });
    }

    /** A document with one table holding the given rows, one line per cell. */
    public static byte[] docx(List<List<String>> rows) {
        return PlanFixtures.bytesOf(out -> {
            try (XWPFDocument document = new XWPFDocument()) {
                XWPFTable table = emptyTable(document);
                for (List<String> row : rows) {
                    addRow(table, oneLinePerCell(row));
                }
                document.write(out);
            }
        });
    }

    private static XWPFTable emptyTable(XWPFDocument document) {
        XWPFTable table = document.createTable();
        table.removeRow(0);
        return table;
    }

    private static List<List<String>> oneLinePerCell(List<String> cells) {
        return cells.stream().map(List::of).toList();
    }

    private static void writePoints(Row row, int column, BigDecimal points) {
        if (points != null) {
            row.createCell(column).setCellValue(points.doubleValue());
        }
    }

    private static void writeRow(Row row, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            row.createCell(i).setCellValue(cells.get(i));
        }
    }

    private static List<String> points(BigDecimal points) {
        return points == null ? List.of() : List.of(points.toPlainString().replace('.', ','));
    }

    /** Appends a row with exactly as many cells as given, each cell one paragraph per line. */
    private static void addRow(XWPFTable table, List<List<String>> cells) {
        XWPFTableRow row = table.createRow();
        while (row.getTableCells().size() < cells.size()) {
            row.addNewTableCell();
        }
        while (row.getTableCells().size() > cells.size()) {
            row.removeCell(row.getTableCells().size() - 1);
        }
        for (int i = 0; i < cells.size(); i++) {
            setCell(row.getCell(i), cells.get(i));
        }
    }

    private static void setCell(XWPFTableCell cell, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            (i == 0 ? cell.getParagraphs().get(0) : cell.addParagraph()).createRun().setText(lines.get(i));
        }
    }
}
