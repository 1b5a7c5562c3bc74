package vn.par.criteria.importing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The sample plan and helpers shared by the importing tests. */
public final class PlanFixtures {

    static final String SEED = "/sample/plan-2024-sldtbxh.txt";

    private PlanFixtures() {
    }

    public static byte[] seedBytes() {
        try (InputStream in = PlanFixtures.class.getResourceAsStream(SEED)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + SEED);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String seedText() {
        return new String(seedBytes(), StandardCharsets.UTF_8);
    }

    /** The seed's lines; index 0 is line 1. */
    static String[] seedLines() {
        return seedText().split("\n", -1);
    }

    static ParsedPlan parse(byte[] bytes, PlanFormat format) throws PlanImportException {
        return PlanTableParser.parse(new ByteArrayInputStream(bytes), format);
    }

    static ParsedPlan parseText(String text) throws PlanImportException {
        return parse(text.getBytes(StandardCharsets.UTF_8), PlanFormat.TEXT);
    }

    public static ParsedPlan parsedSeed() throws PlanImportException {
        return parse(seedBytes(), PlanFormat.TEXT);
    }

    /** The problems of a file that must be rejected. */
    static List<ImportProblem> problems(byte[] bytes, PlanFormat format) {
        return assertThrows(PlanImportException.class, () -> parse(bytes, format)).problems();
    }

    static List<ImportProblem> textProblems(String text) {
        return problems(text.getBytes(StandardCharsets.UTF_8), PlanFormat.TEXT);
    }

    /** The seed with one tab-separated field of one line replaced (line and field are 1-based). */
    public static String seedWithField(int line, int field, String value) {
        String[] lines = seedLines();
        String[] fields = lines[line - 1].split("\t", -1);
        fields[field - 1] = value;
        lines[line - 1] = String.join("\t", fields);
        return String.join("\n", lines);
    }

    /** The seed with one whole line replaced (1-based). */
    public static String seedWithLine(int line, String value) {
        String[] lines = seedLines();
        lines[line - 1] = value;
        return String.join("\n", lines);
    }

    /**
     * The criteria without their locations, to compare parses of different file forms. The tasks cell's text is left
     * out too: {@link OfficeFiles} writes a cell from the parsed tasks, one per line, not as the text file wrote it.
     */
    static List<ParsedCriterion> withoutLocations(ParsedPlan plan) {
        return plan.criteria().stream()
                .map(c -> new ParsedCriterion(null, c.code(), c.parentCode(), c.title(), c.maxPoints(),
                        c.baselinePoints(), c.targetPoints(), c.note(), null, c.tasks(), c.leadUnits(), c.coordinatingUnits()))
                .toList();
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static byte[] bytesOf(ThrowingWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    interface ThrowingWriter {
        void writeTo(ByteArrayOutputStream out) throws IOException;
    }
}
