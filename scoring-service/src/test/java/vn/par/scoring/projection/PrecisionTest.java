package vn.par.scoring.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PrecisionTest {

    @Test
    void percentIsRoundedOnceHalfUpWithoutTrailingZeros() {
        assertEquals(new BigDecimal("89.62"), Precision.publishPercent(new BigDecimal("89.62"), new BigDecimal("100")));
        assertEquals(new BigDecimal("72.56"), Precision.publishPercent(new BigDecimal("7.982"), new BigDecimal("11")));
        assertEquals(new BigDecimal("50"), Precision.publishPercent(new BigDecimal("5.5"), new BigDecimal("11.00")));
        assertEquals(new BigDecimal("87.6"), Precision.publishPercent(new BigDecimal("8.76"), new BigDecimal("10")));
        // exactly on the half: up
        assertEquals(new BigDecimal("0.01"), Precision.publishPercent(new BigDecimal("0.00005"), BigDecimal.ONE));
        assertEquals(new BigDecimal("0"), Precision.publishPercent(new BigDecimal("0.0000499"), BigDecimal.ONE));
        assertEquals(BigDecimal.ZERO, Precision.publishPercent(BigDecimal.ONE, BigDecimal.ZERO));
        assertEquals(new BigDecimal("33.33"), Precision.publishPercent(BigDecimal.ONE, new BigDecimal("3")));
    }

    @Test
    void meanPercentOfTasks() {
        assertEquals(new BigDecimal("33.33"), Precision.publishMeanPercent(BigDecimal.ONE, 3));
        assertEquals(new BigDecimal("66.67"), Precision.publishMeanPercent(new BigDecimal("2"), 3));
        assertEquals(new BigDecimal("45.5"), Precision.publishMeanPercent(new BigDecimal("0.91"), 2));
        assertEquals(BigDecimal.ZERO, Precision.publishMeanPercent(BigDecimal.ZERO, 0));
    }

    /** The same figures as rounding a quotient taken to 100 digits, for sums of points with long expansions. */
    @Test
    void agreesWithRoundingAVeryPreciseQuotient() {
        Random random = new Random(42);
        MathContext precise = new MathContext(100, RoundingMode.HALF_EVEN);
        for (int i = 0; i < 20_000; i++) {
            // parts like the projection's: sums of leaf values, some of them a 34-digit mean over 3 or 7 tasks
            BigDecimal part = BigDecimal.valueOf(random.nextInt(100_000), 2);
            if (random.nextBoolean()) {
                part = part.add(BigDecimal.valueOf(random.nextInt(1000), 2)
                        .divide(BigDecimal.valueOf(random.nextBoolean() ? 3 : 7), Precision.DIVISION));
            }
            BigDecimal whole = BigDecimal.valueOf(1 + random.nextInt(100_000), random.nextInt(3));
            BigDecimal expected = Precision.publish(part.multiply(BigDecimal.valueOf(100)).divide(whole, precise));
            assertEquals(expected, Precision.publishPercent(part, whole), part + " / " + whole);
        }
    }
}
