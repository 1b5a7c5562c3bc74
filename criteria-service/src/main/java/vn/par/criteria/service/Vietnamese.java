package vn.par.criteria.service;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;

/** Numbers the way Vietnamese officials write them: a decimal comma ({@code 15,5}); names folded for file names. */
public final class Vietnamese {

    private Vietnamese() {
    }

    public static String number(BigDecimal value) {
        return value == null ? "(trống)" : value.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    public static String field(String field) {
        return switch (field) {
            case "maxPoints" -> "Điểm tối đa";
            case "baselinePoints" -> "Điểm năm trước";
            case "targetPoints" -> "Mục tiêu";
            case "title" -> "Tên tiêu chí";
            case "note" -> "Ghi chú";
            default -> field;
        };
    }

    /**
     * {@code so-lao-dong-thuong-binh-va-xa-hoi}: the text folded to ASCII, lower case, words joined by {@code -}, at
     * most 80 characters; safe in every browser and file system.
     */
    public static String slug(String text) {
        String ascii = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 80) {
            slug = slug.substring(0, 80).replaceAll("-+$", "");
        }
        return slug;
    }
}
