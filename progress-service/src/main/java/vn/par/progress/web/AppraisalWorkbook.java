package vn.par.progress.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.par.infra.web.VietnameseFormats;
import vn.par.progress.appraisal.AppraisalViews.AppraisalSheet;
import vn.par.progress.appraisal.AppraisalViews.SheetLeaf;
import vn.par.progress.rule.Decimals;

/**
 * The appraisal sheet as an Excel workbook (biên bản thẩm định), for the council's files: one row per applicable leaf
 * and a row of totals. A spreadsheet cell holds a binary number, so points go in rounded half up to 4 decimals (what
 * the contract allows a person to type); the API keeps the exact figures.
 */
final class AppraisalWorkbook {

    static final String[] HEADERS = { "Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Tài liệu kiểm chứng", "Thẩm định",
            "Ghi chú thẩm định", "Giải trình", "Thẩm định lại", "Ghi chú thẩm định lại", "Điểm cuối cùng" };

    private AppraisalWorkbook() {
    }

    static byte[] of(AppraisalSheet sheet) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet s = workbook.createSheet("Thẩm định");
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle points = workbook.createCellStyle();
            points.setDataFormat(workbook.createDataFormat().getFormat("0.####"));
            CellStyle wrap = workbook.createCellStyle();
            wrap.setWrapText(true);

            text(s.createRow(0), 0, "Bảng thẩm định Chỉ số CCHC năm " + sheet.year() + " — " + sheet.agency(), bold);
            text(s.createRow(1), 0, sheet.round() == null ? "Chưa mở vòng đánh giá"
                    : "Vòng: " + sheet.round().label()
                            + (sheet.deadline() == null ? "" : " · hạn " + VietnameseFormats.vi(sheet.deadline())), null);
            Row header = s.createRow(3);
            for (int i = 0; i < HEADERS.length; i++) {
                text(header, i, HEADERS[i], bold);
            }
            int r = 4;
            for (SheetLeaf leaf : sheet.leaves()) {
                Row row = s.createRow(r++);
                text(row, 0, leaf.code(), null);
                text(row, 1, leaf.title(), wrap);
                number(row, 2, leaf.maxPoints(), points);
                number(row, 3, leaf.selfAssessed(), points);
                row.createCell(4).setCellValue(leaf.evidenceCount());
                number(row, 5, leaf.appraised(), points);
                text(row, 6, leaf.appraisalNote(), wrap);
                text(row, 7, leaf.explanation() == null ? null : leaf.explanation().text(), wrap);
                number(row, 8, leaf.finalAppraised(), points);
                text(row, 9, leaf.finalNote(), wrap);
                number(row, 10, leaf.finalPoints(), points);
            }
            Row totals = s.createRow(r);
            text(totals, 1, "Tổng", bold);
            number(totals, 3, sheet.selfAssessed(), points);
            number(totals, 5, sheet.appraised(), points);
            number(totals, 10, sheet.finalPoints(), points);
            s.setColumnWidth(1, 60 * 256);
            for (int column : new int[] { 6, 7, 9 }) {
                s.setColumnWidth(column, 40 * 256);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the appraisal workbook", e);
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    /** An absent figure (not self-assessed, not appraised) is an empty cell, not 0. */
    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(Decimals.rounded(value).doubleValue());
        cell.setCellStyle(style);
    }
}
