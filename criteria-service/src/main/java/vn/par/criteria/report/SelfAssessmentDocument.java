package vn.par.criteria.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblLayoutType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTblWidth;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STVerticalJc;

import vn.par.criteria.service.Vietnamese;
import vn.par.infra.web.VietnameseFormats;

/**
 * Writes the self-assessment report (báo cáo tự đánh giá, chấm điểm) as a Word document: A4 landscape, the agency and
 * the year, and one table in the appendix's layout — columns (1)–(9) — plus the self-assessed, appraised and final
 * points and the evidence of each leaf, with a totals row per area and for the plan. Numbers are exact, with a
 * decimal comma. Pure: the report comes in as values, the bytes go out.
 */
public final class SelfAssessmentDocument {

    /**
     * The report as the document shows it.
     *
     * @param rows  the table's rows in order: criteria in tree order, each area followed by its totals, the plan's
     *              totals last
     * @param notes what the reader must know about the figures, e.g. why a column is empty
     */
    public record Report(String agency, int year, int baselineYear, Instant madeAt, List<Row> rows, List<String> notes) {
    }

    /** A row of the table. */
    public sealed interface Row permits Line, Total {
    }

    /**
     * A criterion: its declared figures (null when the plan leaves them empty), tasks, units and note as the appendix
     * has them, then its points from scoring-service (null when there are none) and its evidence, one entry a line.
     */
    public record Line(String code, String title, boolean area, BigDecimal maxPoints, BigDecimal baselinePoints,
            BigDecimal targetPoints, List<String> tasks, List<String> leadUnits, List<String> coordinatingUnits,
            String note, BigDecimal selfAssessed, BigDecimal appraised, BigDecimal finalPoints, List<String> evidence)
            implements Row {
    }

    /** A totals row, of an area ("Cộng lĩnh vực 1") or of the whole plan ({@code plan}: "Tổng cộng"). */
    public record Total(String label, boolean plan, BigDecimal maxPoints, BigDecimal baselinePoints,
            BigDecimal targetPoints, BigDecimal selfAssessed, BigDecimal appraised, BigDecimal finalPoints)
            implements Row {
    }

    public static final int COLUMNS = 13;
    /**
     * Twentieths of a point: A4 landscape, its margins, and each column's share of what is left (14,854): points
     * columns wide enough for "3,5429", the texts sharing the rest.
     */
    private static final int PAGE_WIDTH = 16838;
    private static final int PAGE_HEIGHT = 11906;
    private static final int MARGIN_LEFT = 1134;
    private static final int MARGIN = 850;
    private static final int[] WIDTHS = { 600, 2200, 780, 780, 780, 2400, 1250, 1250, 900, 780, 780, 780, 1574 };
    private static final String FONT = "Times New Roman";
    private static final int TABLE_FONT_SIZE = 9;
    private static final int HEADER_FONT_SIZE = 8;
    private static final String AREA_FILL = "F2F2F2";
    private static final String TOTAL_FILL = "E4E4E4";

    private SelfAssessmentDocument() {
    }

    /** The table's column names: the appendix's (1)–(9), then the appraisal's figures and the evidence. */
    public static List<String> header(int baselineYear, int year) {
        List<String> names = new ArrayList<>(Appendix.columns(baselineYear, year));
        names.addAll(List.of("Điểm tự chấm", "Điểm thẩm định", "Điểm chính thức", "Tài liệu kiểm chứng"));
        return names;
    }

    public static String title(int year) {
        return "BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM " + year;
    }

    /** {@code bao-cao-tu-danh-gia-2024-so-lao-dong-thuong-binh-va-xa-hoi.docx} */
    public static String fileName(int year, String agency) {
        String slug = Vietnamese.slug(agency);
        return "bao-cao-tu-danh-gia-" + year + (slug.isEmpty() ? "" : "-" + slug) + ".docx";
    }

    public static byte[] write(Report report) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            heading(doc, report.agency());
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            title.setSpacingBefore(240);
            run(title, title(report.year()), 14, true, false);
            XWPFParagraph subtitle = doc.createParagraph();
            subtitle.setAlignment(ParagraphAlignment.CENTER);
            subtitle.setSpacingAfter(120);
            run(subtitle, report.agency() + " — lập lúc " + VietnameseFormats.vi(report.madeAt()), 12, false, true);
            for (String note : report.notes()) {
                XWPFParagraph p = doc.createParagraph();
                p.setSpacingAfter(60);
                run(p, note, 11, false, true);
            }
            table(doc, report);
            signature(doc);
            page(doc);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The agency on the left and the national motto on the right, as on every administrative document. */
    private static void heading(XWPFDocument doc, String agency) {
        XWPFTable t = doc.createTable(1, 2);
        t.removeBorders();
        grid(t, new int[] { 6000, PAGE_WIDTH - MARGIN_LEFT - MARGIN - 6000 });
        XWPFTableCell left = t.getRow(0).getCell(0);
        center(left.getParagraphs().get(0), agency.toUpperCase(Locale.forLanguageTag("vi")), 12, true);
        XWPFTableCell right = t.getRow(0).getCell(1);
        center(right.getParagraphs().get(0), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, true);
        center(right.addParagraph(), "Độc lập - Tự do - Hạnh phúc", 13, true);
    }

    /** The head of the agency signs the report, in the right half of the page under the table. */
    private static void signature(XWPFDocument doc) {
        XWPFParagraph head = doc.createParagraph();
        head.setAlignment(ParagraphAlignment.CENTER);
        head.setIndentationLeft((PAGE_WIDTH - MARGIN_LEFT - MARGIN) / 2);
        head.setSpacingBefore(240);
        // never the title on one page and what to do under it on the next
        (head.getCTP().isSetPPr() ? head.getCTP().getPPr() : head.getCTP().addNewPPr()).addNewKeepNext();
        run(head, "THỦ TRƯỞNG CƠ QUAN", 12, true, false);
        XWPFParagraph hint = doc.createParagraph();
        hint.setAlignment(ParagraphAlignment.CENTER);
        hint.setIndentationLeft((PAGE_WIDTH - MARGIN_LEFT - MARGIN) / 2);
        run(hint, "(Ký, ghi rõ họ tên và đóng dấu)", 11, false, true);
    }

    private static void table(XWPFDocument doc, Report report) {
        XWPFTable t = doc.createTable(2, COLUMNS);
        t.setTopBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
        t.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
        t.setLeftBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
        t.setRightBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
        t.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
        t.setInsideVBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "000000");
        t.setCellMargins(20, 40, 20, 40);
        grid(t, WIDTHS);
        List<String> names = header(report.baselineYear(), report.year());
        // Both header rows repeat on every page, so a reader on page 5 still knows what column (11) is.
        XWPFTableRow header = t.getRow(0);
        XWPFTableRow numbers = t.getRow(1);
        for (XWPFTableRow row : List.of(header, numbers)) {
            row.setRepeatHeader(true);
            row.setCantSplitRow(true);
        }
        for (int c = 0; c < COLUMNS; c++) {
            cell(header.getCell(c), c, List.of(names.get(c)), HEADER_FONT_SIZE, true, ParagraphAlignment.CENTER, null);
            cell(numbers.getCell(c), c, List.of("(" + (c + 1) + ")"), HEADER_FONT_SIZE, true, ParagraphAlignment.CENTER,
                    null);
        }
        for (Row row : report.rows()) {
            XWPFTableRow r = t.createRow();
            if (row instanceof Line line) {
                line(r, line);
            } else if (row instanceof Total total) {
                total(r, total);
            }
        }
    }

    private static void line(XWPFTableRow r, Line line) {
        boolean bold = line.area();
        String fill = line.area() ? AREA_FILL : null;
        List<String> values = List.of(line.code(), line.title(), number(line.maxPoints()), number(line.baselinePoints()),
                number(line.targetPoints()), "", "", "", "", number(line.selfAssessed()), number(line.appraised()),
                number(line.finalPoints()), "");
        for (int c = 0; c < COLUMNS; c++) {
            List<String> lines = switch (c) {
                case 5 -> line.tasks().stream().map(task -> "- " + task).toList();
                case 6 -> line.leadUnits();
                case 7 -> line.coordinatingUnits();
                case 8 -> line.note() == null ? List.of() : line.note().lines().toList();
                case 12 -> line.evidence();
                default -> List.of(values.get(c));
            };
            cell(r.getCell(c), c, lines, TABLE_FONT_SIZE, bold,
                    numeric(c) ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT, fill);
        }
    }

    private static void total(XWPFTableRow r, Total total) {
        r.setCantSplitRow(true);
        List<String> values = List.of("", total.label(), number(total.maxPoints()), number(total.baselinePoints()),
                number(total.targetPoints()), "", "", "", "", number(total.selfAssessed()), number(total.appraised()),
                number(total.finalPoints()), "");
        for (int c = 0; c < COLUMNS; c++) {
            cell(r.getCell(c), c, List.of(values.get(c)), TABLE_FONT_SIZE, true,
                    numeric(c) ? ParagraphAlignment.RIGHT : ParagraphAlignment.LEFT, TOTAL_FILL);
        }
    }

    /** Columns (3)–(5) and (10)–(12) hold points. */
    private static boolean numeric(int column) {
        return column >= 2 && column <= 4 || column >= 9 && column <= 11;
    }

    /**
     * Fills a cell with one paragraph per line. A cell always keeps at least one paragraph: Word reports a cell without
     * one as damaged.
     */
    private static void cell(XWPFTableCell cell, int column, List<String> lines, int size, boolean bold,
            ParagraphAlignment align, String fill) {
        width(cell, WIDTHS[column]);
        cell.getCTTc().getTcPr().addNewVAlign().setVal(STVerticalJc.TOP);
        if (fill != null) {
            cell.setColor(fill);
        }
        List<String> texts = lines.isEmpty() ? List.of("") : lines;
        for (int i = 0; i < texts.size(); i++) {
            XWPFParagraph p = i == 0 ? cell.getParagraphs().get(0) : cell.addParagraph();
            p.setAlignment(align);
            p.setSpacingAfter(0);
            if (!texts.get(i).isEmpty()) {
                run(p, texts.get(i), size, bold, false);
            }
        }
    }

    private static void center(XWPFParagraph p, String text, int size, boolean bold) {
        p.setAlignment(ParagraphAlignment.CENTER);
        p.setSpacingAfter(0);
        run(p, text, size, bold, false);
    }

    /** The run's properties go in the order the schema lists them (font, bold, italic, size): Word checks it. */
    private static void run(XWPFParagraph p, String text, int size, boolean bold, boolean italic) {
        XWPFRun run = p.createRun();
        run.setFontFamily(FONT);
        if (bold) {
            run.setBold(true);
        }
        if (italic) {
            run.setItalic(true);
        }
        run.setFontSize(size);
        run.setText(text);
    }

    /**
     * A fixed layout with the grid and each cell's width written out: without them Word and LibreOffice each size the
     * columns their own way.
     */
    private static void grid(XWPFTable t, int[] widths) {
        CTTblPr pr = t.getCTTbl().getTblPr();
        CTTblWidth tableWidth = pr.isSetTblW() ? pr.getTblW() : pr.addNewTblW();
        int sum = 0;
        for (int w : widths) {
            sum += w;
        }
        tableWidth.setType(STTblWidth.DXA);
        tableWidth.setW(BigInteger.valueOf(sum));
        CTTblLayoutType layout = pr.isSetTblLayout() ? pr.getTblLayout() : pr.addNewTblLayout();
        layout.setType(STTblLayoutType.FIXED);
        CTTblGrid grid = t.getCTTbl().getTblGrid() == null ? t.getCTTbl().addNewTblGrid() : t.getCTTbl().getTblGrid();
        while (grid.sizeOfGridColArray() > 0) {
            grid.removeGridCol(0);
        }
        for (int w : widths) {
            grid.addNewGridCol().setW(BigInteger.valueOf(w));
        }
        for (XWPFTableRow row : t.getRows()) {
            for (int c = 0; c < widths.length; c++) {
                width(row.getCell(c), widths[c]);
            }
        }
    }

    private static void width(XWPFTableCell cell, int width) {
        CTTcPr pr = cell.getCTTc().isSetTcPr() ? cell.getCTTc().getTcPr() : cell.getCTTc().addNewTcPr();
        CTTblWidth w = pr.isSetTcW() ? pr.getTcW() : pr.addNewTcW();
        w.setType(STTblWidth.DXA);
        w.setW(BigInteger.valueOf(width));
    }

    /** A4 landscape; the section properties close the body, after everything else. */
    private static void page(XWPFDocument doc) {
        CTSectPr section = doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = section.addNewPgSz();
        size.setW(BigInteger.valueOf(PAGE_WIDTH));
        size.setH(BigInteger.valueOf(PAGE_HEIGHT));
        size.setOrient(STPageOrientation.LANDSCAPE);
        CTPageMar margins = section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(MARGIN));
        margins.setBottom(BigInteger.valueOf(MARGIN));
        margins.setLeft(BigInteger.valueOf(MARGIN_LEFT));
        margins.setRight(BigInteger.valueOf(MARGIN));
        margins.setHeader(BigInteger.valueOf(425));
        margins.setFooter(BigInteger.valueOf(425));
        margins.setGutter(BigInteger.ZERO);
    }

    /** Exact, with a decimal comma: {@code 15,5}, {@code 7,58}; empty when there is none. */
    static String number(BigDecimal value) {
        return value == null ? "" : Vietnamese.number(value);
    }
}
