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
 * row with an id below one already delivered can still appear. Such a row's transaction drew its id before the row
 * the read delivered last was drawn, so before the read; it had its xid before it drew the id (every append writes
 * the key's sequence row first). The relay's own transaction takes its xid after the read, when it deletes what it
 * sent, so that xid is above theirs. Once a later read's snapshot has an xmin above it (the oldest transaction still
 * running is younger), all of them have ended and their rows were visible to that read; if it also covered the ids
 * up to the first read's last one, it delivered them, and the floor moves up to that id. (A snapshot's xmax would not
 * do: it is one past the last completed xid, and transactions with later xids may be running unseen.)
 *
 * <p>This holds because the outbox's ids come from a sequence without a per-session cache and because appends take
 * their xid before their id. As a net for anything that breaks those assumptions, a read starts from the beginning
 * now and then ({@code par.outbox.rescan-interval}, 10 s): a row the floor skipped waits at most that long.
 *
 * <p>Not thread-safe: the relay's one thread owns it; only {@link #floor()} may be read from other threads.
 */
final class DeliveredFloor {

    /** Reads waiting for their transactions to end; beyond this, the newest absorbs the one before it. */
    static final int MAX_WAITING = 64;

    /** A read that delivered everything it saw up to {@code lastId}, in the transaction {@code xid}. */
    private record Mark(long xid, long lastId) {
    }

    private final ArrayDeque<Mark> waiting = new ArrayDeque<>();
    private final long rescanNanos;
    /** Written by the relay's thread only; volatile so that {@link #floor()} can be read from others. */
    private volatile long floor;
    private boolean rescanned;
    private long nextRescan;
    private long rescanStarted;

    /** @param rescanInterval how often a read starts from the beginning, whatever the floor */
    DeliveredFloor(Duration rescanInterval) {
        this.rescanNanos = rescanInterval.toNanos();
    }

    /**
     * The id the next read starts after: the floor, or 0 when a read from the start is due (until one such read is
     * {@link #delivered}: one that failed or found another instance relaying does not count).
     */
    long from(long nowNanos) {
        if (!rescanned || nowNanos - nextRescan >= 0) {
            rescanStarted = nowNanos;
            return 0;
        }
        return floor;
    }

    /**
     * Records a read whose rows were all delivered and deleted (its transaction committed).
     *
     * @param xmin   the read's snapshot's xmin: the oldest transaction still running then
     * @param from   the id it read after ({@link #from})
     * @param full   whether it returned as many rows as it asked for (so it may have stopped short of the end)
     * @param lastId the largest id it returned; 0 when it returned none
     * @param xid    the relay's transaction's xid, taken after the read (when it deleted the rows); 0 when it
     *               returned none
     */
    void delivered(long xmin, long from, boolean full, long lastId, long xid) {
        if (from > floor) {
            throw new IllegalArgumentException("a read from " + from + " cannot vouch for the ids below it");
        }
        if (from == 0) {
            rescanned = true;
            nextRescan = rescanStarted + rescanNanos;
        }
        while (!waiting.isEmpty()) {
            Mark mark = waiting.peekFirst();
            boolean ended = xmin > mark.xid;
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
            waiting.addLast(new Mark(xid, lastId));
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
