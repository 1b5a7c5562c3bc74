package vn.par.infra.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class IdleHeapReleaseTest {

    private static final long MB = 1L << 20;

    private long collections = 5;
    private long used = 40 * MB;
    private long committed = 200 * MB;
    private long seconds;
    private int collected;
    private final IdleHeapRelease release = new IdleHeapRelease(Duration.ofSeconds(30),
            () -> new IdleHeapRelease.Heap(collections, used, committed), this::fullCollection, () -> seconds * 1_000_000_000L);

    private void fullCollection() {
        collected++;
        collections++;
        used = 25 * MB;
        committed = 60 * MB;
    }

    @Test
    void aServiceQuietForTheWholeSpellIsCollectedOnceUntilItWorksAgain() {
        assertFalse(at(0), "the first look only takes the baseline");
        assertFalse(at(10));
        assertFalse(at(30), "quiet for 20 s only");
        assertTrue(at(40), "quiet for 30 s, 175 MB free: collect");
        assertEquals(1, collected);
        assertFalse(at(80), "still quiet, and once per spell");
        assertFalse(at(120));

        collections++; // work again: a young collection
        used = 100 * MB;
        committed = 200 * MB;
        assertFalse(at(130));
        assertFalse(at(140));
        assertTrue(at(170), "a new quiet spell of 30 s");
        assertEquals(2, collected);
    }

    @Test
    void aServiceThatCollectsOrGrowsIsNotIdle() {
        at(0);
        for (int s = 10; s <= 120; s += 10) {
            if (s % 20 == 0) {
                collections++;
            } else {
                used += 9 * MB;
            }
            assertFalse(at(s), "busy at " + s + " s");
        }
        assertEquals(0, collected);
    }

    @Test
    void littleFreeHeapIsNotWorthACollection() {
        committed = 60 * MB;
        at(0);
        at(10);
        assertFalse(at(50));
        assertEquals(0, collected);
    }

    private boolean at(long second) {
        seconds = second;
        return release.check();
    }
}
