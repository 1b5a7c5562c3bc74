package vn.par.criteria.unit;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How names of agencies and units are compared: Unicode NFC (a name typed in NFD on one machine is the same
 * name), case-insensitive, whitespace collapsed.
 */
public final class Names {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private Names() {
    }

    /** The name as stored and shown: NFC, trimmed, inner whitespace collapsed. */
    public static String clean(String name) {
        return SPACES.matcher(Normalizer.normalize(name, Normalizer.Form.NFC)).replaceAll(" ").trim();
    }

    /** The key two names share when they are the same name. */
    public static String matchKey(String name) {
        return clean(name).toLowerCase(Locale.ROOT);
    }

    /**
     * A unit code made from a name's initials without diacritics: "Công đoàn cơ sở" gives {@code CDCS}.
     * Codes are what a token's {@code unit} claim carries, so they stay ASCII.
     */
    public static String initials(String name) {
        String ascii = MARKS.matcher(Normalizer.normalize(clean(name).replace('đ', 'd').replace('Đ', 'D'),
                Normalizer.Form.NFD)).replaceAll("");
        StringBuilder code = new StringBuilder();
        for (String word : ascii.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                code.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        String result = code.length() > 30 ? code.substring(0, 30) : code.toString();
        return result.isEmpty() ? "DV" : result;
    }
}
