package vn.par.criteria.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads what people type into the forms: points with a decimal comma or point ({@code 15,5} or {@code 15.5}),
 * dates as the browser's date field sends them ({@code 2024-06-30}) or as typed ({@code 30/06/2024}).
 */
final class FormInput {

    /** Thrown for a value the page cannot read; the message is Vietnamese and goes next to the field. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+([.,]\\d+)?");
    private static final DateTimeFormatter VIETNAMESE_DATE = DateTimeFormatter.ofPattern("d/M/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);

    private FormInput() {
    }

    /** A points value; empty means absent (null). */
    static BigDecimal points(String text) throws Unreadable {
        String t = text == null ? "" : text.strip().replace(" ", "");
        if (t.isEmpty()) {
            return null;
        }
        if (!NUMBER.matcher(t).matches()) {
            throw new Unreadable("phải là một số, ví dụ 15,5 (để trống nếu không có).");
        }
        return new BigDecimal(t.replace(',', '.'));
    }

    /** A points value the way the forms show it: {@code 15,5}; empty for none. */
    static String pointsText(BigDecimal value) {
        if (value == null) {
            return "";
        }
        BigDecimal v = value.stripTrailingZeros();
        return (v.scale() < 0 ? v.setScale(0) : v).toPlainString().replace('.', ',');
    }

    /** A date; empty means none. */
    static LocalDate date(String text) throws Unreadable {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return t.contains("/") ? LocalDate.parse(t, VIETNAMESE_DATE) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new Unreadable("không phải ngày hợp lệ (ngày/tháng/năm, ví dụ 30/06/2024).");
        }
    }

    /** Names typed into one field, one per line or separated by ';' (a name may hold a comma); blanks dropped. */
    static List<String> names(String text) {
        return split(text, "[\\r\\n;]");
    }

    /** Codes typed into one field, separated by commas, ';', spaces or line breaks. */
    static List<String> codes(String text) {
        return split(text, "[\\s;,]+");
    }

    private static List<String> split(String text, String separators) {
        List<String> items = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(separators)) {
                if (!part.isBlank()) {
                    items.add(part.strip());
                }
            }
        }
        return items;
    }

    /** The text, or null when blank. */
    static String text(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
