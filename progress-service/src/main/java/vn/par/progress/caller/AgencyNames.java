package vn.par.progress.caller;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How agency names are compared, as criteria-service compares them when it imports a plan: Unicode NFC (a name typed
 * in NFD on one machine is the same name), case-insensitive, whitespace collapsed. An administrator's {@code agency}
 * claim names its agency this way.
 */
public final class AgencyNames {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private AgencyNames() {
    }

    /** The name as shown: NFC, trimmed, inner whitespace collapsed; null for a missing or blank name. */
    public static String clean(String name) {
        if (name == null) {
            return null;
        }
        String cleaned = SPACES.matcher(Normalizer.normalize(name, Normalizer.Form.NFC)).replaceAll(" ").trim();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** The key two names share when they name the same agency; null for a missing or blank name. */
    public static String key(String name) {
        String cleaned = clean(name);
        return cleaned == null ? null : cleaned.toLowerCase(Locale.ROOT);
    }
}
