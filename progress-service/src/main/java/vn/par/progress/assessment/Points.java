package vn.par.progress.assessment;

import java.math.BigDecimal;

/** Points as written in events and answers. */
final class Points {

    private Points() {
    }

    /** Without trailing zeros ({@code 1.5}, not the stored {@code 1.5000}) and never in exponent form. */
    static BigDecimal plain(BigDecimal points) {
        BigDecimal stripped = points.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
