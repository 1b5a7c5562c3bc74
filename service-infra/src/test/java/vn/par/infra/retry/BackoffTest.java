package vn.par.infra.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleUpToTheMaximumAndStartOverAfterASuccess() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
        assertFalse(b.failing());
        assertEquals(100, b.nextMillis());
        assertTrue(b.failing());
        assertEquals(200, b.nextMillis());
        assertEquals(400, b.nextMillis());
        assertEquals(500, b.nextMillis());
        assertEquals(500, b.nextMillis());
        b.reset();
        assertFalse(b.failing());
        assertEquals(100, b.nextMillis());
    }

    @Test
    void refusesAWaitThatCannotDouble() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
