package vn.par.infra.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/**
 * How pages write numbers and dates for Vietnamese readers: {@code 89,62}, {@code 30/06/2024}. In templates:
 * {@code {score.projected.vi}}, {@code {task.dueDate.vi}}, {@code {report.reportedAt.vi}}.
 */
@TemplateExtension
public final class VietnameseFormats {

    /** Times are shown in Vietnam's time zone whatever the server's. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private VietnameseFormats() {
    }

    /** At most two decimals, half up, decimal comma, dot between thousands: {@code 1.234,5}. */
    public static String vi(BigDecimal value) {
        if (value == null) {
            return "—";
        }
        BigDecimal v = value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        String plain = (v.scale() < 0 ? v.setScale(0) : v).toPlainString();
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        String fraction = dot < 0 ? "" : "," + digits.substring(dot + 1);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + grouped + fraction;
    }

    public static String vi(LocalDate date) {
        return date == null ? "—" : DATE.format(date);
    }

    public static String vi(Instant time) {
        return time == null ? "—" : DATE_TIME.format(time.atZone(VIETNAM));
    }
}
