package vn.par.criteria.importing;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Reads a plan table (the appendix "Nội dung, nhiệm vụ, giải pháp cải thiện Chỉ số CCHC") from tab-separated
 * text, an .xlsx or a .docx, and checks it. Pure Java: no CDI, no I/O besides the given stream.
 *
 * <p>The table has 9 columns: (1) code, (2) title, (3) maximum points, (4) last year's points, (5) this year's
 * target, (6) tasks, (7) lead units, (8) coordinating units, (9) note. See {@code PlanRowInterpreter} for how header,
 * column-number and data rows are told apart, and {@code CellText} for how cells are cleaned and split.
 *
 * <p>The import is all or nothing: any problem rejects the file with a {@link PlanImportException} that lists every
 * problem found (up to 200), each with its row and field. Checked: codes, points (numbers, not negative), duplicate
 * codes, parents present (a child may come before its parent in the table), and for leaves (codes without children)
 * that last year's points and the target do not exceed the maximum. Not checked here: that a parent's figures equal
 * the sum of its children's (they often do not in real plans), and that unit names match known units.
 */
public final class PlanTableParser {

    private PlanTableParser() {
    }

    /**
     * Parses a plan file. The stream is read (at most 10 MB) but not closed.
     *
     * @throws PlanImportException when the file is unreadable, too large, or any row is wrong
     */
    public static ParsedPlan parse(InputStream in, PlanFormat format) throws PlanImportException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(format, "format");
        byte[] bytes = readAll(in);
        List<RawRow> rows = switch (format) {
            case TEXT -> TextTableReader.read(bytes);
            case XLSX -> XlsxTableReader.read(bytes);
            case DOCX -> DocxTableReader.read(bytes);
        };
        return PlanRowInterpreter.interpret(rows);
    }

    private static byte[] readAll(InputStream in) throws PlanImportException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(ImportLimits.MAX_FILE_BYTES + 1);
        } catch (IOException e) {
            throw new PlanImportException(ImportProblem.ofFile("Không đọc được tệp tải lên: " + e.getMessage()));
        }
        if (bytes.length > ImportLimits.MAX_FILE_BYTES) {
            throw new PlanImportException(ImportProblem.ofFile(
                    "Tệp quá lớn (tối đa " + ImportLimits.MAX_FILE_BYTES / (1024 * 1024) + " MB)"));
        }
        return bytes;
    }
}
