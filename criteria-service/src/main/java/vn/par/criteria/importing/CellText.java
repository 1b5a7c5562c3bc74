package vn.par.criteria.importing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clean-up of a cell's text, the same for every file form: HTML fragments (Word's text export writes {@code <p>},
 * lists and entities into cells) are reduced to plain lines, whitespace is collapsed, text is NFC-normalised; then
 * the cell is read as one line, as lines, as tasks or as unit names.
 */
final class CellText {

    /** Tags that end a line: paragraphs, line breaks, lists, list items (with or without attributes). */
    private static final Pattern LINE_BREAK_TAG =
            Pattern.compile("<\\s*/?\\s*(?:p|br|li|ul|ol|div)\\b[^<>]*>", Pattern.CASE_INSENSITIVE);
    /** Any other tag. A "<" not followed by a letter ("< 5%", "<5") is text, not a tag. */
    private static final Pattern OTHER_TAG = Pattern.compile("<\\s*/?\\s*[a-zA-Z][a-zA-Z0-9:-]*(?:\\s[^<>]*)?/?\\s*>");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern ENTITY = Pattern.compile("&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,6}));");
    private static final Map<String, String> NAMED_ENTITIES = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00A0");
    private static final Pattern LINE_END = Pattern.compile("\\R");
    /** Runs of spaces, tabs and Unicode spaces (no-break, thin...), collapsed to one space. */
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    /** Invisible characters that Word and web pages leave in text. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\uFEFF]");

    private static final String BULLET = "- ";
    /** Where a flattened bulleted line is split: Word writes a list as "- Task A. - Task B." on one line. */
    private static final String INNER_BULLET = " - ";

    private CellText() {
    }

    /** The cell's non-empty lines, each trimmed, whitespace collapsed and NFC-normalised. */
    static List<String> lines(String raw) {
        String text = COMMENT.matcher(raw).replaceAll("");
        text = LINE_BREAK_TAG.matcher(text).replaceAll("\n");
        text = OTHER_TAG.matcher(text).replaceAll("");
        // Entities are decoded after the tags are gone, so that "&lt;p&gt;" stays the text "<p>".
        text = decodeEntities(text);
        List<String> lines = new ArrayList<>();
        for (String line : LINE_END.split(text)) {
            String clean = SPACES.matcher(INVISIBLE.matcher(line).replaceAll("")).replaceAll(" ").trim();
            if (!clean.isEmpty()) {
                lines.add(Normalizer.normalize(clean, Normalizer.Form.NFC));
            }
        }
        return lines;
    }

    /** The cell as one line (its lines joined with a space); "" when empty. */
    static String singleLine(String raw) {
        return String.join(" ", lines(raw));
    }

    /** The cell's lines joined with a line feed; {@code null} when empty. */
    static String multiLine(String raw) {
        List<String> lines = lines(raw);
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /**
     * The tasks of a cell: one per line, except that a bulleted line ("- ...") holds one task per " - "-separated
     * item. A line without the leading bullet is one task even if it contains " - ", and ";" never splits tasks
     * (task texts use it inside sentences).
     */
    static List<String> tasks(String raw) {
        List<String> tasks = new ArrayList<>();
        for (String line : lines(raw)) {
            tasks.addAll(bulletItems(line));
        }
        return tasks;
    }

    /**
     * The unit names of a cell: split like tasks, and further at ";". Each name is kept as written (names such as
     * "Phòng Kế hoạch - Tài chính" contain " - ", so only a bulleted line is split there); a name listed twice is
     * kept once.
     */
    static List<String> units(String raw) {
        Set<String> units = new LinkedHashSet<>();
        for (String line : lines(raw)) {
            for (String item : bulletItems(line)) {
                for (String part : item.split(";")) {
                    String unit = withoutBullet(part.trim());
                    if (!unit.isEmpty()) {
                        units.add(unit);
                    }
                }
            }
        }
        return List.copyOf(units);
    }

    private static List<String> bulletItems(String line) {
        if (!line.startsWith(BULLET) && !line.equals("-")) {
            return List.of(line);
        }
        List<String> items = new ArrayList<>();
        for (String item : line.substring(1).split(INNER_BULLET)) {
            String clean = withoutBullet(item.trim());
            if (!clean.isEmpty()) {
                items.add(clean);
            }
        }
        return items;
    }

    private static String withoutBullet(String text) {
        String rest = text;
        while (rest.equals("-") || rest.startsWith(BULLET)) {
            rest = rest.substring(1).trim();
        }
        return rest;
    }

    private static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(decodeEntity(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String decodeEntity(Matcher entity) {
        if (entity.group(3) != null) {
            return NAMED_ENTITIES.getOrDefault(entity.group(3).toLowerCase(Locale.ROOT), entity.group());
        }
        int codePoint = entity.group(1) != null
                ? Integer.parseInt(entity.group(1))
                : Integer.parseInt(entity.group(2), 16);
        boolean usable = codePoint > 0 && Character.isValidCodePoint(codePoint)
                && Character.getType(codePoint) != Character.SURROGATE;
        return usable ? new String(Character.toChars(codePoint)) : entity.group();
    }
}
