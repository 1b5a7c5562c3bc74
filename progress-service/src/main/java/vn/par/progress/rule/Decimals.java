package vn.par.progress.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact decimals (points, percentages, a ratio's numbers) as events and answers write them: without trailing zeros
 * or exponents, and points in events rounded to 4 places. criteria-service's {@code rule.Decimals} does the same for
 * its copy of the rules.
 */
public final class Decimals {

    /** The decimals of points in events, for consumers that do not evaluate rules themselves. */
    private static final int EVENT_SCALE = 4;

    private Decimals() {
    }

    /** Without trailing zeros ({@code 1.5}, not the stored {@code 1.5000}) and never in exponent form. */
    public static BigDecimal plain(BigDecimal points) {
        BigDecimal stripped = points.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** Rounded half up to 4 decimals, then {@link #plain}: {@code 3.542857…} becomes {@code 3.5429}. */
    public static BigDecimal rounded(BigDecimal points) {
        return plain(points.setScale(EVENT_SCALE, RoundingMode.HALF_UP));
    }
}
