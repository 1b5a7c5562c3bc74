package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where a plan's year-end appraisal stands (docs/contracts/appraisal.md): the round last opened and its deadline,
 * and, once it is closed, the figures progress-service settled, frozen so that a later plan version or rule cannot
 * change a closed year.
 *
 * @param round    SELF_ASSESSMENT, APPRAISAL, EXPLANATION, FINAL_APPRAISAL or CLOSED; null before any round
 * @param deadline the round's deadline; null for CLOSED and before any round
 * @param closed   the settled figures once CLOSED, else null
 */
public record Appraisal(String round, Instant deadline, Closed closed) {

    public static final Appraisal NONE = new Appraisal(null, null, null);

    /** The figures of a closed year, per applicable leaf by code, exact. */
    public record Closed(Map<String, Leaf> leaves) {

        public Closed {
            leaves = Map.copyOf(Objects.requireNonNull(leaves, "leaves"));
        }

        /** The final total: the sum of the settled leaves' final points. */
        public BigDecimal finalTotal() {
            BigDecimal sum = BigDecimal.ZERO;
            for (Leaf leaf : leaves.values()) {
                sum = sum.add(leaf.finalPoints());
            }
            return sum;
        }
    }

    /**
     * A leaf as settled.
     *
     * @param selfAssessed null when the leaf was never self-assessed ("chưa tự chấm")
     * @param appraised    the first appraisal's points, null when it was not appraised
     */
    public record Leaf(BigDecimal selfAssessed, BigDecimal appraised, BigDecimal finalAppraised, BigDecimal finalPoints) {

        public Leaf {
            Objects.requireNonNull(finalPoints, "final");
        }
    }

    public Appraisal withRound(String round, Instant deadline) {
        return new Appraisal(round, deadline, closed);
    }

    public boolean isClosed() {
        return closed != null;
    }
}
