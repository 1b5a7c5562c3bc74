package vn.par.infra.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimeTest {

    @Test
    void readsBackWhatInstantToStringWritesAtEveryPrecision() {
        SplittableRandom random = new SplittableRandom(20261128);
        long from = Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), nanos);
            String text = instant.toString();
            assertEquals(instant, EventTime.parse(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59Z", "2026-11-28T09:05:08.1Z", "2026-11-28T09:05:08.123456789Z",
            "0001-01-01T00:00:00Z", "2026-11-28T16:05:08+07:00", "2026-11-28T09:05:08.000Z",
            "+12026-11-28T09:05:08Z", "2016-12-31T23:59:60Z", "2026-11-28T24:00:00Z", "2026-11-28T09:05:08.Z"})
    void agreesWithInstantParse(String text) {
        assertEquals(Instant.parse(text), EventTime.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-11-28", "2026-02-30T09:05:08Z", "2026-11-28T09:60:08Z",
            "2026-11-28T09:05:08.1234567891Z", "2026-1a-28T09:05:08Z",
            "2026-11-28 09:05:08Z", "2026-11-28T09:05:08", "2026-13-28T09:05:08Z", "2026-11-28T09:05:08.12 Z"})
    void failsWhereInstantParseFails(String text) {
        assertThrows(DateTimeException.class, () -> Instant.parse(text), "Instant.parse accepts " + text);
        assertThrows(DateTimeException.class, () -> EventTime.parse(text), text);
    }
}
