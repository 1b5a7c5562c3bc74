package vn.par.criteria.importing;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Reads the tables of a .docx body, in order; each table is a segment. A cell's paragraphs (list items included)
 * become its lines. Horizontally merged cells make a row shorter: such a data row is rejected by the interpreter.
 */
final class DocxTableReader {

    private static final String LABEL = "Word (.docx)";

    private DocxTableReader() {
    }

    static List<RawRow> read(byte[] bytes) throws PlanImportException {
        return OfficeZip.read(bytes, LABEL, pkg -> rows(new XWPFDocument(pkg)));
    }

    private static List<RawRow> rows(XWPFDocument document) throws PlanImportException {
        RowCollector rows = new RowCollector();
        List<XWPFTable> tables = document.getTables();
        for (int t = 0; t < tables.size(); t++) {
            List<XWPFTableRow> tableRows = tables.get(t).getRows();
            for (int r = 0; r < tableRows.size(); r++) {
                List<String> cells = new ArrayList<>();
                for (XWPFTableCell cell : tableRows.get(r).getTableCells()) {
                    cells.add(text(cell));
                }
                rows.add(RowLocation.tableRow(t + 1, r + 1), t, cells);
            }
        }
        return rows.rows();
    }

    private static String text(XWPFTableCell cell) {
        List<String> paragraphs = new ArrayList<>();
        for (XWPFParagraph paragraph : cell.getParagraphs()) {
            paragraphs.add(paragraph.getText());
        }
        return String.join("\n", paragraphs);
    }
}
