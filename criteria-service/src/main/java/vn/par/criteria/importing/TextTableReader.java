package vn.par.criteria.importing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads tab-separated text as Word exports a table: one row per line, cells separated by tabs, no quoting
 * (a cell holding several paragraphs is written as HTML on the same line). UTF-8 with or without a byte-order mark,
 * LF or CRLF line ends.
 */
final class TextTableReader {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** How an .xlsx/.docx (a zip) or an old .xls/.doc starts: the user picked the wrong form. */
    private static final List<byte[]> OFFICE_STARTS = List.of(new byte[] {'P', 'K', 3, 4},
            new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0});

    private TextTableReader() {
    }

    static List<RawRow> read(byte[] bytes) throws PlanImportException {
        for (byte[] start : OFFICE_STARTS) {
            if (bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length)) {
                throw new PlanImportException(ImportProblem.ofFile(
                        "Tệp là tệp Excel/Word, không phải văn bản phân cách bằng tab; hãy chọn đúng loại tệp"));
            }
        }
        String[] lines = decode(bytes).split("\n", -1);
        RowCollector rows = new RowCollector();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            rows.add(RowLocation.line(i + 1), 0, Arrays.asList(line.split("\t", -1)));
        }
        return rows.rows();
    }

    /** Strict UTF-8: a file saved in another encoding is rejected, naming the line of the first bad byte. */
    private static String decode(byte[] bytes) throws PlanImportException {
        int start = bytes.length >= UTF8_BOM.length && Arrays.equals(bytes, 0, 3, UTF8_BOM, 0, 3) ? UTF8_BOM.length : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new PlanImportException(new ImportProblem(RowLocation.line(line), "file",
                    "Tệp văn bản không dùng mã UTF-8; hãy lưu lại tệp với mã UTF-8"));
        }
        return out.flip().toString();
    }
}
