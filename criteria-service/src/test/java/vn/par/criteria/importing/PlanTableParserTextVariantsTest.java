package vn.par.criteria.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.par.criteria.importing.PlanFixtures.withoutLocations;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Variations of the text form that must give the same criteria as the seed. */
class PlanTableParserTextVariantsTest {

    private static List<ParsedCriterion> expected;

    @BeforeAll
    static void parseSeed() throws PlanImportException {
        expected = withoutLocations(PlanFixtures.parsedSeed());
    }

    @Test
    void crlfLineEnds() throws PlanImportException {
        assertSame(PlanFixtures.seedText().replace("\n", "\r\n"));
    }

    @Test
    void utf8ByteOrderMark() throws PlanImportException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes(PlanFixtures.seedBytes());
        ParsedPlan plan = PlanFixtures.parse(bytes.toByteArray(), PlanFormat.TEXT);
        assertEquals(expected, withoutLocations(plan));
        assertEquals("dòng 11", plan.criteria().get(0).location().describe());
    }

    @Test
    void bomAndCrlfTogether() throws PlanImportException {
        assertSame("\uFEFF" + PlanFixtures.seedText().replace("\n", "\r\n"));
    }

    @Test
    void withoutTheTitleLines() throws PlanImportException {
        String[] lines = PlanFixtures.seedLines();
        String text = String.join("\n", Arrays.copyOfRange(lines, 7, lines.length));
        ParsedPlan plan = PlanFixtures.parseText(text);
        assertEquals(expected, withoutLocations(plan));
        assertEquals("dòng 4", plan.criteria().get(0).location().describe());
    }

    @Test
    void withoutTheTrailingHeaderAndWithATrailingNewline() throws PlanImportException {
        String[] lines = PlanFixtures.seedLines();
        assertSame(String.join("\n", Arrays.copyOf(lines, lines.length - 4)) + "\n");
    }

    @Test
    void withTwoTrailingHeadersAndBlankLines() throws PlanImportException {
        String[] lines = PlanFixtures.seedLines();
        String header = String.join("\n", Arrays.copyOfRange(lines, lines.length - 3, lines.length));
        assertSame(PlanFixtures.seedText() + "\n\n\t\t\n" + header + "\n\n");
    }

    @Test
    void headerOnlyOnceAtTheTop() throws PlanImportException {
        String[] lines = PlanFixtures.seedLines();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            boolean repeatedHeader = i > 10 && (lines[i].startsWith("STT") || lines[i].startsWith("\t\t\t\t\t\t")
                    || lines[i].startsWith("(1)"));
            if (!repeatedHeader) {
                text.append(lines[i]).append('\n');
            }
        }
        assertSame(text.toString());
    }

    private static void assertSame(String text) throws PlanImportException {
        assertEquals(expected, withoutLocations(PlanFixtures.parse(text.getBytes(StandardCharsets.UTF_8), PlanFormat.TEXT)));
    }
}
