package vn.par.scoring.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.par.infra.web.VietnameseFormats;
import vn.par.scoring.service.PlanRanking;

/**
 * The provincial ranking as an Excel workbook, for the Department of Home Affairs' documents: one row per plan as
 * {@code GET /api/scores} ranks them, with whether its figure is the projection ("Dự kiến") or final ("Chính thức").
 * Points and percents are numbers (two decimals shown), so the sheet can be sorted and summed as it is.
 */
public final class RankingWorkbook {

    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final List<String> HEADERS = List.of("Hạng", "Cơ quan", "Năm", "Cơ sở", "Điểm", "Điểm tối đa", "Tỷ lệ (%)",
            "Nhóm");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(VietnameseFormats.VIETNAM);

    private RankingWorkbook() {
    }

    /** The workbook as a download named after the year: {@code xep-hang-chi-so-cchc-2024.xlsx}. */
    public static Response download(List<PlanRanking> ranking, Integer year) {
        return Response.ok(write(ranking, year, Instant.now()), CONTENT_TYPE)
                .header("Content-Disposition", "attachment; filename=\"xep-hang-chi-so-cchc" + (year == null ? "" : "-" + year)
                        + ".xlsx\"")
                .build();
    }

    /** @param year the year the ranking was asked for, or null for every year */
    public static byte[] write(List<PlanRanking> ranking, Integer year, Instant at) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Xếp hạng");
            CellStyle title = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            title.setFont(bold);
            CellStyle header = bordered(workbook);
            header.setFont(bold);
            header.setWrapText(true);
            CellStyle text = bordered(workbook);
            CellStyle points = bordered(workbook);
            points.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
            CellStyle whole = bordered(workbook);
            whole.setDataFormat(workbook.createDataFormat().getFormat("0"));

            Cell heading = sheet.createRow(0).createCell(0);
            heading.setCellValue("Xếp hạng Chỉ số cải cách hành chính" + (year == null ? "" : " năm " + year));
            heading.setCellStyle(title);
            sheet.createRow(1).createCell(0).setCellValue("Xuất lúc " + STAMP.format(at) + ". Cơ sở \"Chính thức\": điểm"
                    + " sau thẩm định; \"Dự kiến\": điểm dự kiến theo báo cáo của các đơn vị.");
            Row head = sheet.createRow(3);
            for (int i = 0; i < HEADERS.size(); i++) {
                Cell cell = head.createCell(i);
                cell.setCellValue(HEADERS.get(i));
                cell.setCellStyle(header);
            }
            int r = 4;
            for (PlanRanking line : ranking) {
                Row row = sheet.createRow(r++);
                number(row, 0, line.rank(), whole);
                text(row, 1, line.agency() == null ? "" : line.agency(), text);
                number(row, 2, line.year(), whole);
                text(row, 3, "FINAL".equals(line.basis()) ? "Chính thức" : "Dự kiến", text);
                number(row, 4, line.headline().doubleValue(), points);
                number(row, 5, line.max().doubleValue(), points);
                number(row, 6, line.percent().doubleValue(), points);
                text(row, 7, line.group().name(), text);
            }
            int[] widths = { 7, 48, 8, 12, 10, 12, 11, 8 };
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, widths[i] * 256);
            }
            sheet.createFreezePane(0, 4);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    /** A cell can only hold a double; the published values have two decimals, which a double shows exactly enough. */
    private static void number(Row row, int column, double value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    private static CellStyle bordered(XSSFWorkbook workbook) {
        CellStyle style = workbook.createCellStyle();
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        return style;
    }
}
