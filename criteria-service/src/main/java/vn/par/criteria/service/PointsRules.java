package vn.par.criteria.service;

import java.math.BigDecimal;

/** What a points value may be: not negative, at most 4 decimals, below 100 000 000 (the column's size). */
final class PointsRules {

    static final int MAX_SCALE = 4;
    private static final BigDecimal LIMIT = new BigDecimal("100000000");

    private PointsRules() {
    }

    /** Why {@code value} cannot be stored, or null if it can. */
    static String problem(BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() < 0) {
            return "không được âm (nhận được " + Vietnamese.number(value) + ")";
        }
        if (value.stripTrailingZeros().scale() > MAX_SCALE) {
            return "có tối đa " + MAX_SCALE + " chữ số thập phân (nhận được " + Vietnamese.number(value) + ")";
        }
        if (value.compareTo(LIMIT) >= 0) {
            return "quá lớn (nhận được " + Vietnamese.number(value) + ")";
        }
        return null;
    }

    /** The value as stored: trailing zeros removed, never in exponent form. */
    static BigDecimal normalise(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }
}
