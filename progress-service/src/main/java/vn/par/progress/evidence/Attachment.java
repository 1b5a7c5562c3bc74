package vn.par.progress.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** How an evidence file is sent back, by the API and by the pages alike. */
public final class Attachment {

    private Attachment() {
    }

    /**
     * {@code attachment} (never shown inline, whatever the type), with the name in RFC 5987 form for every browser of
     * today and an ASCII stand-in (marks dropped, đ as d) for the others.
     */
    public static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : Normalizer.normalize(name, Normalizer.Form.NFD).toCharArray()) {
            if (c == 'đ' || c == 'Đ') {
                ascii.append(c == 'đ' ? 'd' : 'D');
            } else if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                ascii.append(c);
            } else if (Character.getType(c) != Character.NON_SPACING_MARK) {
                ascii.append('_');
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + percentEncoded(name);
    }

    /** RFC 5987 {@code value-chars}: the attr-chars as they are, every other UTF-8 byte as %XX. */
    private static String percentEncoded(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.write(c);
            } else {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
