package vn.par.criteria.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.par.criteria.report.Appendix;
import vn.par.criteria.service.Vietnamese;
import vn.par.infra.web.VietnameseFormats;

/**
 * Writes a plan as an Excel workbook in the appendix's own column layout — (1) STT ... (9) Ghi chú, the layout
 * officials already report in — plus a tenth column with the projected points. Pure: the plan and the projection
 * come in as values, the bytes go out.
 */
public final class PlanWorkbook {

    /** The plan as the sheet shows it. */
    public record PlanSheet(String agency, int year, int baselineYear, String status, int version, List<Line> lines) {
    }

    /**
     * One criterion, in tree order: its declared figures (null when the plan leaves them empty), its tasks, and
     * the names of the units its tasks name (lead and coordinating), each once.
     */
    public record Line(String code, String title, BigDecimal maxPoints, BigDecimal baselinePoints,
            BigDecimal targetPoints, List<String> tasks, List<String> leadUnits, List<String> coordinatingUnits,
            String note) {
    }

    /**
     * The projected points by criterion code, and a note for the reader when they could not be had (then the
     * column stays empty).
     */
    public record Projection(Map<String, BigDecimal> points, String note) {

        public static Projection unavailable(String note) {
            return new Projection(Map.of(), note);
        }
    }

    public static final int HEADER_ROW = 2;
    public static final int FIRST_LINE_ROW = 4;
    static final int COLUMNS = 10;
    private static final int[] WIDTHS = { 8, 50, 11, 11, 11, 60, 28, 28, 20, 12 };

    private PlanWorkbook() {
    }

    public static List<String> header(int baselineYear, int year) {
        List<String> names = new ArrayList<>(Appendix.columns(baselineYear, year));
        names.add("Điểm dự kiến (projected)");
        return names;
    }

    public static byte[] write(PlanSheet plan, Projection projection, Instant exportedAt) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            Sheet sheet = workbook.createSheet("Kế hoạch " + plan.year());
            for (int c = 0; c < COLUMNS; c++) {
                sheet.setColumnWidth(c, WIDTHS[c] * 256);
            }
            text(sheet.createRow(0), 0, "KẾ HOẠCH CẢI THIỆN CHỈ SỐ CCHC NĂM " + plan.year() + " — "
                    + plan.agency().toUpperCase(Locale.forLanguageTag("vi")), styles.title);
            text(sheet.createRow(1), 0, plan.status() + ", phiên bản " + plan.version() + ". Xuất lúc "
                    + VietnameseFormats.vi(exportedAt) + ".", null);
            Row header = sheet.createRow(HEADER_ROW);
            List<String> names = header(plan.baselineYear(), plan.year());
            Row numbers = sheet.createRow(HEADER_ROW + 1);
            for (int c = 0; c < COLUMNS; c++) {
                text(header, c, names.get(c), styles.header);
                text(numbers, c, "(" + (c + 1) + ")", styles.header);
            }
            sheet.createFreezePane(0, FIRST_LINE_ROW);

            int r = FIRST_LINE_ROW;
            for (Line line : plan.lines()) {
                boolean area = !line.code().contains(".");
                Row row = sheet.createRow(r++);
                text(row, 0, line.code(), area ? styles.areaText : styles.text);
                text(row, 1, line.title(), area ? styles.areaText : styles.text);
                number(row, 2, line.maxPoints(), area ? styles.areaNumber : styles.number);
                number(row, 3, line.baselinePoints(), area ? styles.areaNumber : styles.number);
                number(row, 4, line.targetPoints(), area ? styles.areaNumber : styles.number);
                text(row, 5, String.join("\n", line.tasks().stream().map(t -> "- " + t).toList()), styles.text);
                text(row, 6, String.join("; ", line.leadUnits()), styles.text);
                text(row, 7, String.join("; ", line.coordinatingUnits()), styles.text);
                text(row, 8, line.note() == null ? "" : line.note(), styles.text);
                number(row, 9, projection.points().get(line.code()), area ? styles.areaNumber : styles.number);
            }
            if (projection.note() != null) {
                text(sheet.createRow(r + 1), 0, projection.note(), styles.note);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ke-hoach-2024-so-lao-dong-thuong-binh-va-xa-hoi.xlsx}: ASCII, safe in every browser and file system. */
    public static String fileName(int year, String agency) {
        String slug = Vietnamese.slug(agency);
        return "ke-hoach-" + year + (slug.isEmpty() ? "" : "-" + slug) + ".xlsx";
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value.doubleValue());
        }
        cell.setCellStyle(style);
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle text;
        final CellStyle number;
        final CellStyle areaText;
        final CellStyle areaNumber;
        final CellStyle note;

        Styles(XSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font italic = workbook.createFont();
            italic.setItalic(true);
            short points = workbook.createDataFormat().getFormat("0.##");

            title = workbook.createCellStyle();
            title.setFont(bold);
            header = bordered(workbook);
            header.setFont(bold);
            header.setAlignment(HorizontalAlignment.CENTER);
            text = bordered(workbook);
            number = bordered(workbook);
            number.setDataFormat(points);
            areaText = bordered(workbook);
            areaText.setFont(bold);
            areaNumber = bordered(workbook);
            areaNumber.setFont(bold);
            areaNumber.setDataFormat(points);
            note = workbook.createCellStyle();
            note.setFont(italic);
        }

        private static CellStyle bordered(XSSFWorkbook workbook) {
            CellStyle s = workbook.createCellStyle();
            s.setWrapText(true);
            s.setVerticalAlignment(VerticalAlignment.TOP);
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
            return s;
        }
    }
}
