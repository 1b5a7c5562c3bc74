package vn.par.system;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The projected index computed in the test, from the plan's structure and the reports the test knows were
 * accepted, by the rule of the scoring issue written out plainly: a task counts its latest lead report's
 * percent; a leaf is baseline + (target − baseline) × mean percent / 100, clamped to [0, max]; areas and the
 * plan are sums; rounding to 2 decimals half up happens once, at the end.
 */
public final class ExpectedScores {

    private final Map<String, BigDecimal> areas = new LinkedHashMap<>();
    private BigDecimal total = BigDecimal.ZERO;

    public ExpectedScores(PlanModel plan, Map<UUID, Integer> latestLeadPercent) {
        plan.areas().forEach(a -> areas.put(a, BigDecimal.ZERO));
        for (PlanModel.Leaf leaf : plan.leaves()) {
            BigDecimal f = BigDecimal.ZERO;
            if (!leaf.tasks().isEmpty()) {
                BigDecimal sum = BigDecimal.ZERO;
                for (PlanModel.Task t : leaf.tasks()) {
                    sum = sum.add(BigDecimal.valueOf(latestLeadPercent.getOrDefault(t.id(), 0)));
                }
                f = sum.divide(BigDecimal.valueOf(100L * leaf.tasks().size()), MathContext.DECIMAL128);
            }
            BigDecimal projected = leaf.baseline().add(leaf.target().subtract(leaf.baseline()).multiply(f));
            projected = projected.max(BigDecimal.ZERO).min(leaf.max());
            areas.merge(leaf.area(), projected, BigDecimal::add);
            total = total.add(projected);
        }
    }

    public BigDecimal total() {
        return round(total);
    }

    public BigDecimal area(String code) {
        return round(areas.get(code));
    }

    public Map<String, BigDecimal> areas() {
        Map<String, BigDecimal> rounded = new LinkedHashMap<>();
        areas.forEach((k, v) -> rounded.put(k, round(v)));
        return rounded;
    }

    private static BigDecimal round(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
