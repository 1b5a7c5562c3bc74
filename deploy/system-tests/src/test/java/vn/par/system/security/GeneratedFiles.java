package vn.par.system.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Binary bodies of the bad-input corpus, built in memory by name (a case names one in {@code bodyFile}), so that
 * no binary file is kept in the repository. The Office files are minimal but valid Office Open XML packages
 * before they are damaged, so each case is refused for the damage and not for something else.
 */
final class GeneratedFiles {

    private static final Map<String, Supplier<byte[]>> GENERATORS = new LinkedHashMap<>();

    static {
        GENERATORS.put("garbage-xlsx", () -> garbage(7, 6_000));
        GENERATORS.put("garbage-docx", () -> garbage(11, 9_000));
        GENERATORS.put("valid-xlsx", GeneratedFiles::xlsx);
        GENERATORS.put("truncated-xlsx", () -> truncated(xlsx()));
        GENERATORS.put("truncated-docx", () -> truncated(docx()));
        GENERATORS.put("zip-not-office-xlsx", GeneratedFiles::zipThatIsNotOffice);
        GENERATORS.put("zip-bomb-xlsx", GeneratedFiles::zipBomb);
        GENERATORS.put("five-megabytes-json", GeneratedFiles::fiveMegabytesJson);
        GENERATORS.put("latin1-text", GeneratedFiles::latin1Text);
        GENERATORS.put("exe-named-pdf-multipart", () -> multipart("bao-cao.pdf", windowsExecutable()));
        GENERATORS.put("pdf-21-megabytes-multipart", () -> multipart("bien-ban.pdf", pdfOf(21 * 1024 * 1024)));
    }

    /** The boundary of the multipart bodies: a case's contentType names it. */
    static final String BOUNDARY = "par-bad-input-boundary";

    /** A form with one part {@code file}, as a browser uploads evidence. */
    static byte[] multipart(String fileName, byte[] content) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** The start of a Windows program (MZ header, PE signature): what a renamed .exe looks like inside. */
    static byte[] windowsExecutable() {
        byte[] exe = garbage(13, 4_096);
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x3d] = 0;
        exe[0x3e] = 0;
        exe[0x3f] = 0;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        exe[0x82] = 0;
        exe[0x83] = 0;
        return exe;
    }

    /** A PDF header followed by padding up to {@code size} bytes. */
    static byte[] pdfOf(int size) {
        byte[] pdf = new byte[size];
        byte[] head = "%PDF-1.4\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, pdf, 0, head.length);
        Arrays.fill(pdf, head.length, size, (byte) ' ');
        return pdf;
    }

    private GeneratedFiles() {
    }

    static byte[] named(String name) {
        Supplier<byte[]> generator = GENERATORS.get(name);
        if (generator == null) {
            throw new IllegalArgumentException("no generator '" + name + "'; known: " + GENERATORS.keySet());
        }
        return generator.get();
    }

    /** Random bytes that start like nothing in particular. */
    static byte[] garbage(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = 'G';
        bytes[1] = 'A';
        return bytes;
    }

    /** The first 60 % of a file: its zip central directory (at the end) is gone. */
    static byte[] truncated(byte[] file) {
        return Arrays.copyOf(file, file.length * 6 / 10);
    }

    /** A one-sheet workbook with a header and one criterion row (inline strings, no shared strings part). */
    static byte[] xlsx() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                </Types>""");
        parts.put("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
                </Relationships>""");
        parts.put("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
                <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
                </workbook>""");
        parts.put("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                </Relationships>""");
        StringBuilder rows = new StringBuilder();
        String[][] table = {
                { "STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Điểm năm trước", "Mục tiêu", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Ghi chú" },
                { "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)" },
                { "1", "Lĩnh vực thử", "10", "5", "8", "", "", "", "" },
                { "1.1", "Tiêu chí thử", "10", "5", "8", "Nhiệm vụ thử", "Phòng Kế hoạch - Tài chính", "", "" } };
        for (int r = 0; r < table.length; r++) {
            rows.append("<row r=\"").append(r + 1).append("\">");
            for (int c = 0; c < table[r].length; c++) {
                if (!table[r][c].isEmpty()) {
                    rows.append("<c r=\"").append((char) ('A' + c)).append(r + 1).append("\" t=\"inlineStr\"><is><t>")
                            .append(table[r][c]).append("</t></is></c>");
                }
            }
            rows.append("</row>");
        }
        parts.put("xl/worksheets/sheet1.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""
                + rows + "</sheetData></worksheet>");
        return zip(parts);
    }

    /** A Word document with one paragraph and a 9-column table. */
    static byte[] docx() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
                </Types>""");
        parts.put("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
                </Relationships>""");
        StringBuilder table = new StringBuilder("<w:tbl>");
        String[][] rows = {
                { "STT", "Lĩnh vực/Tiêu chí", "Điểm tối đa", "Điểm năm trước", "Mục tiêu", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Ghi chú" },
                { "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)" },
                { "1", "Lĩnh vực thử", "10", "5", "8", "", "", "", "" },
                { "1.1", "Tiêu chí thử", "10", "5", "8", "Nhiệm vụ thử", "Phòng Kế hoạch - Tài chính", "", "" } };
        for (String[] row : rows) {
            table.append("<w:tr>");
            for (String cell : row) {
                table.append("<w:tc><w:p><w:r><w:t>").append(cell).append("</w:t></w:r></w:p></w:tc>");
            }
            table.append("</w:tr>");
        }
        table.append("</w:tbl>");
        parts.put("word/document.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
                <w:p><w:r><w:t>Phụ lục</w:t></w:r></w:p>""" + table + "<w:p/></w:body></w:document>");
        return zip(parts);
    }

    /** A sound zip holding a text file: a zip, but no Office package. */
    static byte[] zipThatIsNotOffice() {
        return zip(Map.of("readme.txt", "Đây không phải là tệp Excel. ".repeat(200)));
    }

    /**
     * A zip bomb dressed as a workbook: the usual first parts, then one sheet of 200 MB of zeros, deflated to a few
     * hundred KB. Built in memory, never written to disk.
     */
    static byte[] zipBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            // the content types part of a real workbook first, so it looks like one
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    + "content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A progress report whose comment makes the body 5 MB. */
    static byte[] fiveMegabytesJson() {
        String comment = "a".repeat(5 * 1024 * 1024);
        return ("{\"status\":\"IN_PROGRESS\",\"percentComplete\":50,\"comment\":\"" + comment + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A plan table saved as Latin-1 instead of UTF-8 (ô, ê, à as single bytes). */
    static byte[] latin1Text() {
        String text = "STT\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\t(8)\t(9)\n(1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\t(8)\t(9)\n"
                + "1\tC\u00f4ng t\u00e1c ch\u00ea \u00e0\t10\t5\t8\t\t\t\t\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] zip(Map<String, String> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
