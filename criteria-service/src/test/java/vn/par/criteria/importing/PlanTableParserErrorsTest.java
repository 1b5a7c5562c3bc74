package vn.par.criteria.importing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.criteria.importing.PlanFixtures.problems;
import static vn.par.criteria.importing.PlanFixtures.seedWithField;
import static vn.par.criteria.importing.PlanFixtures.seedWithLine;
import static vn.par.criteria.importing.PlanFixtures.textProblems;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Files that must be rejected, each with the row and field of the problem. */
class PlanTableParserErrorsTest {

    /** The header block of the seed (header, sub-header, column numbers). */
    private static String header;
    private static ParsedPlan seed;

    @BeforeAll
    static void readSeed() throws PlanImportException {
        header = String.join("\n", Arrays.copyOfRange(PlanFixtures.seedLines(), 7, 10));
        seed = PlanFixtures.parsedSeed();
    }

    @Test
    void maxPointsNotANumber() {
        ImportProblem problem = single(textProblems(seedWithField(12, 3, "abc")));
        assertProblem(problem, "dòng 12", "maxPoints");
        assertEquals("Điểm tối đa phải là số (ví dụ 15,5), nhận được 'abc'", problem.message());
    }

    @Test
    void baselineWithSeveralCommas() {
        assertProblem(single(textProblems(seedWithField(13, 4, "1,2,3"))), "dòng 13", "baselinePoints");
    }

    @Test
    void targetAsDashes() {
        assertProblem(single(textProblems(seedWithField(14, 5, "--"))), "dòng 14", "targetPoints");
    }

    @Test
    void negativePoints() {
        ImportProblem problem = single(textProblems(seedWithField(19, 3, "-1")));
        assertProblem(problem, "dòng 19", "maxPoints");
        assertTrue(problem.message().contains("không được là số âm"), problem.message());
    }

    @Test
    void codeWithALetter() {
        ImportProblem problem = single(textProblems(seedWithField(20, 1, "1.a")));
        assertProblem(problem, "dòng 20", "code");
        assertTrue(problem.message().startsWith("Mã tiêu chí không hợp lệ: '1.a'"), problem.message());
    }

    @Test
    void codeThatIsAWord() {
        assertProblem(single(textProblems(seedWithField(21, 1, "x"))), "dòng 21", "code");
    }

    @Test
    void emptyCodeAfterDataRows() {
        assertProblem(single(textProblems(seedWithField(22, 1, ""))), "dòng 22", "code");
    }

    @Test
    void textAfterTheTable() {
        assertProblem(single(textProblems(PlanFixtures.seedText() + "\n\nGIÁM ĐỐC\n")), "dòng 80", "code");
    }

    @Test
    void duplicateCode() {
        ImportProblem problem = single(textProblems(seedWithField(22, 1, "1.4")));
        assertProblem(problem, "dòng 22", "code");
        assertTrue(problem.message().contains("bị trùng") && problem.message().contains("dòng 21"), problem.message());
    }

    @Test
    void missingParent() {
        ImportProblem problem = single(textProblems(seedWithField(19, 1, "1.9.1")));
        assertProblem(problem, "dòng 19", "code");
        assertTrue(problem.message().contains("'1.9'"), problem.message());
    }

    @Test
    void childBeforeItsParentIsAccepted() throws PlanImportException {
        String[] lines = PlanFixtures.seedLines();
        String moved = lines[13];
        lines[13] = lines[18];
        lines[18] = moved; // 1.3.1 now comes before 1.3
        List<String> codes = PlanFixtures.parseText(String.join("\n", lines)).criteria().stream()
                .map(ParsedCriterion::code).toList();
        assertEquals(List.of("1.3.1", "1.3"), List.of(codes.get(3), codes.get(4)));
    }

    @Test
    void leafBaselineAboveMax() {
        ImportProblem problem = single(textProblems(seedWithField(23, 4, "3,5")));
        assertProblem(problem, "dòng 23", "baselinePoints");
        assertEquals("Điểm đạt được năm trước (3,5) lớn hơn điểm tối đa (3)", problem.message());
    }

    @Test
    void leafTargetAboveMax() {
        assertProblem(single(textProblems(seedWithField(73, 5, "5"))), "dòng 73", "targetPoints");
    }

    @Test
    void parentAboveItsMaxIsNotChecked() {
        assertDoesNotThrow(() -> PlanFixtures.parseText(seedWithField(11, 5, "16")));
    }

    @Test
    void rowWithEightFields() {
        String[] fields = PlanFixtures.seedLines()[51].split("\t", -1);
        String eight = String.join("\t", Arrays.copyOf(fields, 8));
        ImportProblem problem = single(textProblems(seedWithLine(52, eight)));
        assertProblem(problem, "dòng 52", null);
        assertTrue(problem.message().contains("đúng 9 cột") && problem.message().endsWith("8"), problem.message());
    }

    @Test
    void rowWithTenFields() {
        assertProblem(single(textProblems(seedWithLine(52, PlanFixtures.seedLines()[51] + "\tthừa"))), "dòng 52", null);
    }

    @Test
    void emptyFile() {
        assertFileProblem(textProblems(""));
        assertFileProblem(textProblems("\n\r\n\t\t\n"));
    }

    @Test
    void onlyHeaders() {
        ImportProblem problem = single(textProblems("Phụ lục\n" + header + "\n\n" + header + "\n"));
        assertFileProblem(List.of(problem));
        assertTrue(problem.message().contains("không có hàng tiêu chí"), problem.message());
    }

    @Test
    void rowsWithoutAnyHeader() {
        String[] lines = PlanFixtures.seedLines();
        ImportProblem problem = single(textProblems(String.join("\n", Arrays.copyOfRange(lines, 10, 14))));
        assertFileProblem(List.of(problem));
        assertTrue(problem.message().contains("'STT'"), problem.message());
    }

    @Test
    void textNotInUtf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((header + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("1\tCác\t1\t1\t1\t\t\t\t\n".getBytes(StandardCharsets.ISO_8859_1)); // "á" is one byte, 0xE1
        ImportProblem problem = single(problems(bytes.toByteArray(), PlanFormat.TEXT));
        assertProblem(problem, "dòng 4", "file");
    }

    @Test
    void officeFileSentAsText() {
        assertFileProblem(problems(OfficeFiles.xlsx(seed), PlanFormat.TEXT));
    }

    @Test
    void cellOverTheLengthCap() {
        ImportProblem problem = single(textProblems(seedWithField(12, 2, "a".repeat(ImportLimits.MAX_CELL_CHARS + 1))));
        assertProblem(problem, "dòng 12", "title");
    }

    @Test
    void tooManyDataRows() {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (int i = 1; i <= ImportLimits.MAX_DATA_ROWS + 1; i++) {
            text.append(i).append("\tLĩnh vực ").append(i).append("\t1\t1\t1\t\t\t\t\n");
        }
        ImportProblem problem = single(textProblems(text.toString()));
        assertProblem(problem, "dòng " + (ImportLimits.MAX_DATA_ROWS + 4), "file");
    }

    @Test
    void fileTooLarge() {
        byte[] big = new byte[ImportLimits.MAX_FILE_BYTES + 1];
        Arrays.fill(big, (byte) 'a');
        assertFileProblem(problems(big, PlanFormat.TEXT));
    }

    @Test
    void collectsAllProblemsInFileOrder() {
        String text = seedWithField(73, 5, "5");
        text = String.join("\n", replaceField(text.split("\n", -1), 12, 3, "abc"));
        text = String.join("\n", replaceField(text.split("\n", -1), 19, 1, "1.9.1"));
        text = String.join("\n", replaceField(text.split("\n", -1), 20, 4, "-2"));
        List<ImportProblem> problems = textProblems(text);
        assertEquals(List.of("dòng 12 maxPoints", "dòng 19 code", "dòng 20 baselinePoints", "dòng 73 targetPoints"),
                problems.stream().map(p -> p.location().describe() + " " + p.field()).toList());
    }

    @Test
    void capsTheNumberOfProblems() {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (int i = 1; i <= ImportLimits.MAX_PROBLEMS + 50; i++) {
            text.append(i).append("\tLĩnh vực\tabc\t1\t1\t\t\t\t\n");
        }
        List<ImportProblem> problems = textProblems(text.toString());
        assertEquals(ImportLimits.MAX_PROBLEMS + 1, problems.size());
        assertFileProblem(problems.subList(ImportLimits.MAX_PROBLEMS, problems.size()));
    }

    @Test
    void xlsxPointsNotANumber() {
        byte[] xlsx = OfficeFiles.xlsx(List.of(List.of("Kế hoạch"), OfficeFiles.HEADER, OfficeFiles.COLUMN_NUMBERS,
                List.of("1", "Công tác chỉ đạo", "mười", "1", "1")));
        assertProblem(single(problems(xlsx, PlanFormat.XLSX)), "trang tính 'Sheet1', hàng 4", "maxPoints");
    }

    @Test
    void xlsxContentBeyondNineColumns() {
        byte[] xlsx = OfficeFiles.xlsx(List.of(OfficeFiles.HEADER,
                List.of("1", "Công tác chỉ đạo", "1", "1", "1", "", "", "", "", "", "lạc chỗ")));
        assertProblem(single(problems(xlsx, PlanFormat.XLSX)), "trang tính 'Sheet1', hàng 2", null);
    }

    @Test
    void docxRowWithMergedCells() {
        byte[] docx = OfficeFiles.docx(List.of(OfficeFiles.HEADER, OfficeFiles.SUB_HEADER, OfficeFiles.COLUMN_NUMBERS,
                List.of("1", "Công tác chỉ đạo", "1", "1", "1", "Nhiệm vụ", "Văn phòng Sở", "")));
        ImportProblem problem = single(problems(docx, PlanFormat.DOCX));
        assertProblem(problem, "bảng 1, hàng 4", null);
        assertTrue(problem.message().contains("nhận được 8"), problem.message());
    }

    @Test
    void garbageBytesAsXlsx() {
        byte[] garbage = "this is not a spreadsheet at all".getBytes(StandardCharsets.UTF_8);
        assertFileProblem(problems(garbage, PlanFormat.XLSX));
    }

    @Test
    void oldBinaryOfficeFileAsXlsx() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        ImportProblem problem = single(problems(ole2, PlanFormat.XLSX));
        assertFileProblem(List.of(problem));
        assertTrue(problem.message().contains(".xls"), problem.message());
    }

    @Test
    void truncatedXlsx() {
        byte[] xlsx = OfficeFiles.xlsx(seed);
        ImportProblem problem = single(problems(Arrays.copyOf(xlsx, xlsx.length / 2), PlanFormat.XLSX));
        assertFileProblem(List.of(problem));
        assertTrue(problem.message().contains("cắt cụt"), problem.message());
    }

    @Test
    void garbageDocx() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = 'P';
        garbage[1] = 'K';
        garbage[2] = 3;
        garbage[3] = 4;
        assertFileProblem(problems(garbage, PlanFormat.DOCX));
    }

    @Test
    void xlsxSentAsDocx() {
        assertFileProblem(problems(OfficeFiles.xlsx(seed), PlanFormat.DOCX));
    }

    @Test
    void zipBombDisguisedAsXlsx() {
        byte[] bomb = zipOfZeros("xl/worksheets/sheet1.xml", 200L * 1024 * 1024);
        assertTrue(bomb.length < 1024 * 1024, "the bomb should be small: " + bomb.length);
        ImportProblem problem = single(assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> problems(bomb, PlanFormat.XLSX)));
        assertFileProblem(List.of(problem));
        assertTrue(problem.message().contains("zip bomb"), problem.message());
    }

    /** Under the absolute limits but far too compressible: rejected by POI's inflate-ratio guard. */
    @Test
    void zipBombBelowTheSizeLimitsAsDocx() {
        byte[] bomb = zipOfZeros("word/document.xml", 10L * 1024 * 1024);
        ImportProblem problem = single(problems(bomb, PlanFormat.DOCX));
        assertFileProblem(List.of(problem));
        assertTrue(problem.message().contains("zip bomb"), problem.message());
    }

    /** A zip with one entry of {@code size} zero bytes, written from a small buffer (low memory). */
    private static byte[] zipOfZeros(String entry, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            byte[] zeros = new byte[1024 * 1024];
            for (long written = 0; written < size; written += zeros.length) {
                zip.write(zeros);
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String[] replaceField(String[] lines, int line, int field, String value) {
        String[] fields = lines[line - 1].split("\t", -1);
        fields[field - 1] = value;
        lines[line - 1] = String.join("\t", fields);
        return lines;
    }

    private static ImportProblem single(List<ImportProblem> problems) {
        assertEquals(1, problems.size(), () -> "expected one problem: " + describe(problems));
        return problems.get(0);
    }

    private static void assertProblem(ImportProblem problem, String location, String field) {
        assertEquals(location, problem.location() == null ? null : problem.location().describe(), problem.describe());
        assertEquals(field, problem.field(), problem.describe());
    }

    private static void assertFileProblem(List<ImportProblem> problems) {
        ImportProblem problem = single(problems);
        assertNull(problem.location(), problem.describe());
        assertEquals("file", problem.field(), problem.describe());
    }

    private static List<String> describe(List<ImportProblem> problems) {
        List<String> lines = new ArrayList<>();
        problems.forEach(p -> lines.add(p.describe()));
        return lines;
    }
}
