package vn.par.infra.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DeliveredFloorTest {

    private static final long SECOND = 1_000_000_000L;

    private final DeliveredFloor floor = new DeliveredFloor(Duration.ofSeconds(10));

    @Test
    void theFirstReadAndOneEveryRescanIntervalStartFromTheBeginning() {
        long t = -5 * SECOND; // System.nanoTime() may be negative
        assertEquals(0, floor.from(t));
        floor.delivered(100, 0, false, 40, 101); // delivered up to 40 in transaction 101
        assertEquals(0, floor.from(t + SECOND), "the mark waits for a read that sees transaction 101 ended");
        floor.delivered(102, 0, false, 0, 0);
        assertEquals(40, floor.floor());
        assertEquals(40, floor.from(t + 9 * SECOND));
        assertEquals(0, floor.from(t + 10 * SECOND), "a rescan is due");
        assertEquals(0, floor.from(t + 10 * SECOND + 1), "still due: the rescan's read did not get through");
        floor.delivered(103, 0, false, 0, 0);
        assertEquals(40, floor.from(t + 11 * SECOND));
        assertEquals(0, floor.from(t + 20 * SECOND + 1));
    }

    @Test
    void theFloorWaitsUntilEveryTransactionThatMayHoldASmallerIdHasEnded() {
        floor.from(0);
        // Read 1 delivered ids up to 50 in transaction 120. A transaction that drew a smaller id but had not committed
        // by then took its xid before the read, so below 120: 103, say.
        floor.delivered(100, 0, false, 50, 120);
        assertEquals(0, floor.floor());
        // Transaction 103 still runs at read 2 (the oldest running): its row (say id 47) may appear any moment.
        floor.delivered(103, 0, false, 0, 0);
        assertEquals(0, floor.floor(), "a straggler below 50 may still commit");
        // By read 3 every transaction up to 120 has ended; read 3 saw whatever they committed and delivered it.
        floor.delivered(121, 0, false, 0, 0);
        assertEquals(50, floor.floor());
    }

    @Test
    void aFullReadThatStoppedShortOfAnEarlierReadsLastIdDoesNotMoveTheFloorPastIt() {
        floor.from(0);
        floor.delivered(100, 0, false, 50, 105);
        // A backlog: read 2 returned a full batch ending at id 40 (stragglers between 0 and 40 filled it).
        floor.delivered(106, 0, true, 40, 110);
        assertEquals(0, floor.floor(), "ids 41-50 may hold stragglers read 2 did not reach");
        floor.delivered(111, 0, true, 60, 115);
        assertEquals(50, floor.floor());
        floor.delivered(116, 50, false, 0, 0);
        assertEquals(60, floor.floor());
    }

    @Test
    void aLongTransactionHoldsTheFloorButNotMemory() {
        floor.from(0);
        floor.delivered(1, 0, false, 10, 2);
        for (int i = 1; i <= 1_000; i++) {
            // Transaction 1 keeps running; every read delivers ten more ids.
            floor.delivered(1, 0, false, 10 + 10L * i, 2 + i);
        }
        assertEquals(0, floor.floor());
        assertTrue(floor.waitingReads() <= DeliveredFloor.MAX_WAITING, "waiting: " + floor.waitingReads());
        // It ends: the next read vouches for everything the reads before it delivered.
        floor.delivered(3 + 1_000, 0, false, 0, 0);
        assertEquals(10 + 10L * 1_000, floor.floor());
    }

    @Test
    void aReadFromAboveTheFloorIsRefused() {
        floor.from(0);
        assertThrows(IllegalArgumentException.class, () -> floor.delivered(1, 5, false, 0, 0));
    }
}
