package vn.par.progress.plan;

import java.text.Normalizer;

/** How unit codes are compared everywhere: trimmed and in Unicode NFC. */
public final class UnitCodes {

    private UnitCodes() {
    }

    /**
     * A code from a plan, a token or a request body, in one canonical form, so that Vietnamese typed in NFD
     * (as some keyboards and Office files produce) names the same unit as its NFC spelling.
     */
    public static String normalize(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.strip();
        return Normalizer.isNormalized(trimmed, Normalizer.Form.NFC) ? trimmed : Normalizer.normalize(trimmed, Normalizer.Form.NFC);
    }
}
