package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** The two places where exact points stop being exact, kept in one class so nobody rounds anywhere else. */
public final class Points {

    /**
     * For the two divisions of the rule (a leaf's mean completion, a percentage). A quotient that terminates stays
     * exact; one that does not (a mean over 3 tasks) keeps 34 significant digits, far below the 0.005 that decides
     * a rounding to 2 decimals.
     */
    public static final MathContext DIVISION = MathContext.DECIMAL128;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Points() {
    }

    /**
     * The value as it leaves the service: 2 decimals, half up, from the exact value, without trailing zeros
     * ({@code 100}, {@code 15.5}, {@code 89.62}).
     */
    public static BigDecimal publish(BigDecimal exact) {
        BigDecimal rounded = exact.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    /** {@code part / whole × 100}, exact as far as {@link #DIVISION} allows; 0 when {@code whole} is 0. */
    public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return part.multiply(HUNDRED).divide(whole, DIVISION);
    }

    static BigDecimal clamp(BigDecimal value, BigDecimal max) {
        if (value.signum() < 0) {
            return BigDecimal.ZERO;
        }
        return value.compareTo(max) > 0 ? max : value;
    }
}
