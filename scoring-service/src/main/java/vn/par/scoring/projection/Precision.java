package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** The two places where exact points stop being exact, kept in one class so nobody rounds anywhere else. */
public final class Precision {

    /**
     * For the division inside the rule (a leaf's value, by its task count). A quotient that terminates stays exact;
     * one that does not (a mean over 3 tasks) keeps 34 significant digits, far below the 0.005 that decides a
     * rounding to 2 decimals. Published quotients (percentages, a leaf's mean completion) are not kept: they are
     * rounded once, straight from the division ({@link #publishPercent}).
     */
    public static final MathContext DIVISION = MathContext.DECIMAL128;

    /**
     * Decimal places of a RATIO rule's quotient ({@code max × rate / fullAt}), half even. Twelve places are eight orders
     * of magnitude below the 0.005 that decides a published rounding, even summed over thousands of leaves, and keep the
     * quotient, and every sum it enters, small enough for BigDecimal's long representation: with 34 significant
     * digits, as {@link #DIVISION} keeps, every later addition and rounding on the leaf's path went through
     * BigInteger, and an indicator cost twice a progress report (PlanProjectionScaleBenchmarkTest).
     */
    public static final int RULE_QUOTIENT_SCALE = 12;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Precision() {
    }

    /**
     * The value as it leaves the service: 2 decimals, half up, from the exact value, without trailing zeros
     * ({@code 100}, {@code 15.5}, {@code 89.62}).
     */
    public static BigDecimal publish(BigDecimal exact) {
        return withoutTrailingZeros(exact.setScale(2, RoundingMode.HALF_UP));
    }

    /**
     * {@code part / whole × 100} as it leaves the service: the exact quotient rounded once to 2 decimals, half up,
     * without trailing zeros; 0 when {@code whole} is 0. Computed straight at 2 decimals: the scoring path compares
     * these on every event, and a 34-digit quotient (with its trailing zeros stripped) before the rounding was a
     * third of the apply thread's time under load.
     */
    public static BigDecimal publishPercent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return withoutTrailingZeros(part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP));
    }

    /** {@code sum / count × 100} as it leaves the service (a mean completion in percent), rounded once; 0 for none. */
    public static BigDecimal publishMeanPercent(BigDecimal sum, int count) {
        return count == 0 ? BigDecimal.ZERO : publishPercent(sum, BigDecimal.valueOf(count));
    }

    private static BigDecimal withoutTrailingZeros(BigDecimal rounded) {
        BigDecimal stripped = rounded.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static BigDecimal clamp(BigDecimal value, BigDecimal max) {
        if (value.signum() < 0) {
            return BigDecimal.ZERO;
        }
        return value.compareTo(max) > 0 ? max : value;
    }
}
