package vn.par.infra.retry;

import java.time.Duration;

/**
 * The one way the services wait before trying again something that failed for a reason outside them (the database
 * or the broker away): doubling from {@code first} up to {@code max}, back to {@code first} after a success. The loops
 * that use it (the outbox relay, scoring's input consumer and projection, progress-service's plan consumer) must keep
 * trying in place rather than skip ahead, because the next event of a plan may not overtake this one, so a retry
 * library's give-up-after-n does not fit them; this does only the waiting.
 */
public final class Backoff {

    private final long firstMillis;
    private final long maxMillis;
    private long currentMillis;

    public Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("first " + first + " must be positive and not above max " + max);
        }
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The wait before the next attempt: {@code first}, then twice the last, at most {@code max}. */
    public long nextMillis() {
        currentMillis = currentMillis == 0 ? firstMillis : Math.min(maxMillis, currentMillis * 2);
        return currentMillis;
    }

    /** Whether the attempts are failing: a wait was taken since the last {@link #reset()}. */
    public boolean failing() {
        return currentMillis != 0;
    }

    /** After a success: the next failure waits {@code first} again. */
    public void reset() {
        currentMillis = 0;
    }

    /** Sleeps {@link #nextMillis()}. */
    public void pause() throws InterruptedException {
        Thread.sleep(nextMillis());
    }
}
