package vn.par.infra.outbox;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Where the relay's next read of the outbox starts: every row with an id at or below {@link #floor()} has been
 * delivered and deleted, or belongs to a transaction that rolled back.
 *
 * <p>Why: the relay deletes what it delivered, and a deleted row stays in the table and its index until VACUUM
 * removes it. Autovacuum comes by about once a minute, so under load a read "from the oldest row" walks past tens
 * of thousands of deleted rows before it finds a live one, on every round (the same read, run beside the benchmark's
 * load once a second: 20,000-78,000 deleted rows in the outbox, 100-700 index pages and 1-3 ms a read).
 *
 * <p>Starting past them needs care: an id is drawn when a transaction inserts its row, not when it commits, so a
 * row with an id below one already delivered can still appear. The floor moves the way PgQ (Skytools' queue for
 * PostgreSQL) closes its batches: each read also returns its snapshot's xmin and xmax. A row below the last id a
 * read delivered that the read did not see belongs to a transaction in progress at that read, whose xid is
 * therefore below that read's xmax. Once a later read's xmin is at or past that xmax, all of those transactions have
 * ended; if that later read also covered the ids up to the first read's last one, it delivered whatever they left,
 * and the floor moves up to it.
 *
 * <p>This holds because the outbox's ids come from a sequence without a per-session cache, and because every append
 * writes the key's sequence row first, so its transaction has an xid before it draws the event's id. As a net for
 * anything that breaks those assumptions, a read starts from the beginning now and then ({@code
 * par.outbox.rescan-interval}, 10 s): a row the floor skipped waits at most that long; none is lost.
 *
 * <p>Not thread-safe: the relay's one thread owns it.
 */
final class DeliveredFloor {

    /** Reads waiting for their transactions to end; beyond this, the newest absorbs the one before it. */
    static final int MAX_WAITING = 64;

    /** A read that delivered everything it saw up to {@code lastId}, with its snapshot's xmax. */
    private record Mark(long xmax, long lastId) {
    }

    private final ArrayDeque<Mark> waiting = new ArrayDeque<>();
    private final long rescanNanos;
    private long floor;
    private boolean rescanDone;
    private long nextRescan;

    /** @param rescanInterval how often a read starts from the beginning, whatever the floor */
    DeliveredFloor(Duration rescanInterval) {
        this.rescanNanos = rescanInterval.toNanos();
    }

    /** The id the next read starts after: the floor, or 0 when a read from the start is due. */
    long from(long nowNanos) {
        if (!rescanDone || nowNanos - nextRescan >= 0) {
            rescanDone = true;
            nextRescan = nowNanos + rescanNanos;
            return 0;
        }
        return floor;
    }

    /**
     * Records a read whose rows were all delivered and deleted (its transaction committed).
     *
     * @param xmin   the read's snapshot's xmin: the oldest transaction still running then
     * @param xmax   the read's snapshot's xmax: the first xid not yet assigned then
     * @param from   the id it read after ({@link #from})
     * @param full   whether it returned as many rows as it asked for (so it may have stopped short of the end)
     * @param lastId the largest id it returned; 0 when it returned none
     */
    void delivered(long xmin, long xmax, long from, boolean full, long lastId) {
        if (from > floor) {
            throw new IllegalArgumentException("a read from " + from + " cannot vouch for the ids below it");
        }
        while (!waiting.isEmpty()) {
            Mark mark = waiting.peekFirst();
            boolean ended = xmin >= mark.xmax;
            boolean covered = !full || lastId >= mark.lastId;
            if (!ended || !covered) {
                break;
            }
            floor = Math.max(floor, mark.lastId);
            waiting.pollFirst();
        }
        long highest = waiting.isEmpty() ? floor : waiting.peekLast().lastId;
        if (lastId > highest) {
            // A later mark's condition implies the earlier one's: merging only delays the earlier's move.
            if (waiting.size() >= MAX_WAITING) {
                waiting.pollLast();
            }
            waiting.addLast(new Mark(xmax, lastId));
        }
    }

    /** How many reads wait for their transactions to end. */
    int waitingReads() {
        return waiting.size();
    }

    /** Every id at or below it has been delivered, or will never be visible. */
    long floor() {
        return floor;
    }
}
