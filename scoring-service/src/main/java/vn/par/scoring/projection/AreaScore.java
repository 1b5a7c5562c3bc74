package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.util.List;

/**
 * One area (top-level criterion) as published: points rounded to 2 decimals from the exact values.
 *
 * @param atRisk codes of the area's leaves at risk, in tree order
 */
public record AreaScore(String code, String title, BigDecimal projected, BigDecimal target, BigDecimal baseline,
        BigDecimal max, BigDecimal percent, List<String> atRisk) {
}
