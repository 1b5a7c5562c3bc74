package vn.par.criteria.rule;

import java.math.BigDecimal;

/** Exact decimals as rules write them: without trailing zeros or exponents, and in words with a decimal comma. */
final class Decimals {

    private Decimals() {
    }

    /** {@code 1.50} becomes {@code 1.5} and {@code 1E+1} becomes {@code 10}, so equal numbers print alike. */
    static BigDecimal normalise(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    /**
     * {@code 0,5}. A refused number may be absurd ({@code 1e-99999999}); its plain form would be millions of
     * digits, so such a number is written as Java writes it instead.
     */
    static String words(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (Math.abs(v.scale()) > 20) {
            return v.toString().replace('.', ',');
        }
        return normalise(v).toPlainString().replace('.', ',');
    }
}
