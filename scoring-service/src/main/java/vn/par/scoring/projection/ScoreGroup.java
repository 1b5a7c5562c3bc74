package vn.par.scoring.projection;

import java.math.BigDecimal;

/** The national groups of 2024, by index percent: A ≥ 90 %, B 80 – < 90 %, C below. */
public enum ScoreGroup {
    A, B, C;

    private static final BigDecimal NINETY = BigDecimal.valueOf(90);
    private static final BigDecimal EIGHTY = BigDecimal.valueOf(80);

    /** @param percent the published (rounded) percent, so the group agrees with the number people read */
    public static ScoreGroup of(BigDecimal percent) {
        if (percent.compareTo(NINETY) >= 0) {
            return A;
        }
        return percent.compareTo(EIGHTY) >= 0 ? B : C;
    }
}
