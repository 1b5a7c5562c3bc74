package vn.par.criteria.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The criteria of a plan as a tree, with the values everything downstream uses: a leaf's <em>derived</em> value
 * is its declared value (absent counts as 0); a parent's is the sum of its children's derived values. Where a
 * parent declares something else, that is a {@link Finding}: a warning, never a reason to refuse the plan.
 */
public final class CriteriaTree {

    /** One criterion's declared figures (any may be null). */
    public record Node(String code, BigDecimal maxPoints, BigDecimal baselinePoints, BigDecimal targetPoints) {

        BigDecimal declared(PointsField field) {
            return switch (field) {
                case maxPoints -> maxPoints;
                case baselinePoints -> baselinePoints;
                case targetPoints -> targetPoints;
            };
        }
    }

    /** The three derived figures of a criterion. */
    public record Derived(BigDecimal maxPoints, BigDecimal baselinePoints, BigDecimal targetPoints) {

        public BigDecimal get(PointsField field) {
            return switch (field) {
                case maxPoints -> maxPoints;
                case baselinePoints -> baselinePoints;
                case targetPoints -> targetPoints;
            };
        }
    }

    /** A parent whose declared value differs from the sum of its children. */
    public record Finding(String code, PointsField field, BigDecimal declared, BigDecimal derived) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final List<String> areas = new ArrayList<>();
    private final Map<String, Derived> derived = new HashMap<>();

    /**
     * @param nodes every criterion of the plan; each one's parent must be among them
     * @throws IllegalArgumentException if a code repeats or a parent is missing (the import checks both first)
     */
    public CriteriaTree(List<Node> nodes) {
        List<Node> sorted = new ArrayList<>(nodes);
        sorted.sort((a, b) -> CriterionCode.ORDER.compare(a.code(), b.code()));
        for (Node n : sorted) {
            if (this.nodes.put(n.code(), n) != null) {
                throw new IllegalArgumentException("duplicate criterion " + n.code());
            }
        }
        for (Node n : sorted) {
            String parent = CriterionCode.parentOf(n.code());
            if (parent == null) {
                areas.add(n.code());
            } else if (!this.nodes.containsKey(parent)) {
                throw new IllegalArgumentException("criterion " + n.code() + " has no parent " + parent);
            } else {
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(n.code());
            }
        }
        for (String area : areas) {
            derive(area);
        }
    }

    private Derived derive(String code) {
        List<String> kids = children.getOrDefault(code, List.of());
        Derived d;
        if (kids.isEmpty()) {
            Node n = nodes.get(code);
            d = new Derived(orZero(n.maxPoints()), orZero(n.baselinePoints()), orZero(n.targetPoints()));
        } else {
            BigDecimal max = BigDecimal.ZERO;
            BigDecimal baseline = BigDecimal.ZERO;
            BigDecimal target = BigDecimal.ZERO;
            for (String kid : kids) {
                Derived k = derive(kid);
                max = max.add(k.maxPoints());
                baseline = baseline.add(k.baselinePoints());
                target = target.add(k.targetPoints());
            }
            d = new Derived(max, baseline, target);
        }
        derived.put(code, d);
        return d;
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    /** Codes in tree order: a parent before its children, siblings by code. */
    public List<String> codes() {
        return List.copyOf(nodes.keySet());
    }

    public List<String> areas() {
        return Collections.unmodifiableList(areas);
    }

    public List<String> childrenOf(String code) {
        return Collections.unmodifiableList(children.getOrDefault(code, List.of()));
    }

    public boolean isLeaf(String code) {
        return !children.containsKey(code);
    }

    public boolean contains(String code) {
        return nodes.containsKey(code);
    }

    public Derived derived(String code) {
        return derived.get(code);
    }

    /** The plan's totals: the sum of its areas' derived values. */
    public Derived totals() {
        BigDecimal max = BigDecimal.ZERO;
        BigDecimal baseline = BigDecimal.ZERO;
        BigDecimal target = BigDecimal.ZERO;
        for (String area : areas) {
            Derived d = derived.get(area);
            max = max.add(d.maxPoints());
            baseline = baseline.add(d.baselinePoints());
            target = target.add(d.targetPoints());
        }
        return new Derived(max, baseline, target);
    }

    /**
     * Every parent whose declared value differs from its derived value, in tree order. A parent that declares
     * nothing for a field has nothing to contradict.
     */
    public List<Finding> findings() {
        List<Finding> findings = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (isLeaf(n.code())) {
                continue;
            }
            for (PointsField field : PointsField.values()) {
                BigDecimal declared = n.declared(field);
                BigDecimal sum = derived.get(n.code()).get(field);
                if (declared != null && declared.compareTo(sum) != 0) {
                    findings.add(new Finding(n.code(), field, declared, sum));
                }
            }
        }
        return findings;
    }
}
