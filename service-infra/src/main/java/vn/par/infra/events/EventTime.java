package vn.par.infra.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads an event's {@code ce_time}. Our producers write it with {@link Instant#toString()}
 * ({@code 2026-11-28T09:05:08.123456Z}); that form is read here digit by digit, because {@link Instant#parse}
 * goes through {@code DateTimeFormatter} and was a seventh of scoring-service's CPU when it replays a topic.
 * Anything else (an offset, a leap second, a date that does not exist, garbage) goes to {@link Instant#parse},
 * so the result and the errors are exactly its.
 */
final class EventTime {

    private static final int SECONDS_PER_DAY = 86_400;

    private EventTime() {
    }

    static Instant parse(String text) {
        int n = text.length();
        // yyyy-MM-ddTHH:mm:ssZ is 20 characters; a fraction of 1 to 9 digits adds its dot and digits.
        if (n < 20 || n > 30 || n == 21 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z'
                || (n > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = n > 20 ? digits(text, 20, n - 1) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || nanos < 0) {
            return Instant.parse(text);
        }
        for (int d = n > 20 ? n - 21 : 9; d < 9; d++) {
            nanos *= 10;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return Instant.parse(text);
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character there is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
