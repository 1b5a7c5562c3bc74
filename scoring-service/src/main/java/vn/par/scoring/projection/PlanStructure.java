package vn.par.scoring.projection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One version of a plan, arranged for scoring: criteria in tree order (a parent before its descendants) held in
 * arrays indexed by position, the tasks of every leaf, the unit names. Immutable, so a cache may share it.
 *
 * <p>Parents' points are summed here from their children's rather than read from the snapshot, so a parent's
 * max/baseline/target are always consistent with how its projected points are formed. A leaf that is not applicable
 * this year keeps its own figures (to show them) but leaves every sum: its parent's, its area's and the plan's.
 */
public final class PlanStructure {

    private final UUID planId;
    private final int version;
    private final String status;
    private final String agency;
    private final int year;

    final int size;
    final String[] code;
    final String[] parentCode;
    final String[] title;
    final int[] parent;
    final boolean[] leaf;
    /** Index of the area (top-level criterion) each criterion belongs to. */
    final int[] area;
    /** Position in {@link #areas} of each criterion's area. */
    final int[] areaSlot;
    /** A leaf's own derived figures; a parent's sums over its applicable children. */
    final BigDecimal[] max;
    final BigDecimal[] baseline;
    final BigDecimal[] target;
    /** Whether the criterion counts: a leaf as flagged, a parent when one of its children counts. */
    final boolean[] applicable;
    /** A leaf's rule (MANUAL when the snapshot has none); null for a parent. */
    final ScoringRule[] rule;
    /** A leaf's rule as the snapshot carries it (null when it has none) and in words, to show. */
    final PlanSnapshot.Rule[] ruleSpec;
    final String[] ruleDescription;
    /** The maximum of the applicable SURVEY leaves at or below each criterion. */
    final BigDecimal[] surveyMax;
    final int[] areas;
    /** Per area position, the end (exclusive) of its criteria: in tree order an area's criteria are contiguous. */
    final int[] areaEnd;
    /** Per criterion, the indexes of its scored tasks (empty for parents: their tasks do not count). */
    final int[][] tasksOf;
    final Map<String, Integer> criterionIndex;

    final String[] taskId;
    final String[] taskDescription;
    final LocalDate[] taskDue;
    final List<List<String>> taskLeads;
    /** The leaf a task scores on, or -1 for a task on a parent or on a criterion the plan does not have. */
    final int[] taskLeaf;
    final Map<String, Integer> taskIndex;
    final Map<String, String> unitNames;

    final BigDecimal totalMax;
    final BigDecimal totalBaseline;
    final BigDecimal totalTarget;
    final BigDecimal totalSurveyMax;

    public PlanStructure(PlanSnapshot snapshot) {
        this.planId = snapshot.planId();
        this.version = snapshot.version();
        this.status = snapshot.status();
        this.agency = snapshot.agency() == null ? null : snapshot.agency().name();
        this.year = snapshot.year();

        List<PlanSnapshot.Criterion> ordered = treeOrder(snapshot.criteria());
        size = ordered.size();
        code = new String[size];
        parentCode = new String[size];
        title = new String[size];
        parent = new int[size];
        leaf = new boolean[size];
        area = new int[size];
        areaSlot = new int[size];
        max = new BigDecimal[size];
        baseline = new BigDecimal[size];
        target = new BigDecimal[size];
        applicable = new boolean[size];
        rule = new ScoringRule[size];
        ruleSpec = new PlanSnapshot.Rule[size];
        ruleDescription = new String[size];
        surveyMax = new BigDecimal[size];
        criterionIndex = new HashMap<>(size * 2);
        List<Integer> areaList = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            PlanSnapshot.Criterion c = ordered.get(i);
            code[i] = c.code();
            title[i] = c.title() == null ? "" : c.title();
            criterionIndex.put(c.code(), i);
            Integer p = c.parentCode() == null ? null : criterionIndex.get(c.parentCode());
            parent[i] = p == null ? -1 : p;
            parentCode[i] = p == null ? null : c.parentCode();
            leaf[i] = true;
            if (p == null) {
                area[i] = i;
                areaSlot[i] = areaList.size();
                areaList.add(i);
            } else {
                area[i] = area[p];
                areaSlot[i] = areaSlot[p];
                leaf[p] = false;
            }
        }
        areas = areaList.stream().mapToInt(Integer::intValue).toArray();
        areaEnd = new int[areas.length];
        for (int k = 0; k < areas.length; k++) {
            areaEnd[k] = k + 1 < areas.length ? areas[k + 1] : size;
        }

        // Leaves carry their own derived points; every parent is the sum of its applicable children (reverse tree
        // order visits all children of a node before the node itself).
        BigDecimal[][] sums = new BigDecimal[4][size];
        for (int i = size - 1; i >= 0; i--) {
            PlanSnapshot.Criterion c = ordered.get(i);
            if (leaf[i]) {
                PlanSnapshot.Values d = c.derived();
                max[i] = orZero(d == null ? null : d.maxPoints());
                baseline[i] = orZero(d == null ? null : d.baselinePoints());
                target[i] = orZero(d == null ? null : d.targetPoints());
                applicable[i] = !Boolean.FALSE.equals(c.applicable());
                rule[i] = ScoringRule.of(c.rule());
                ruleSpec[i] = c.rule();
                ruleDescription[i] = c.ruleDescription();
                surveyMax[i] = applicable[i] && rule[i].type() == RuleType.SURVEY ? max[i] : BigDecimal.ZERO;
            } else {
                max[i] = orZero(sums[0][i]);
                baseline[i] = orZero(sums[1][i]);
                target[i] = orZero(sums[2][i]);
                surveyMax[i] = orZero(sums[3][i]);
            }
            if (parent[i] >= 0 && applicable[i]) {
                int p = parent[i];
                applicable[p] = true;
                sums[0][p] = orZero(sums[0][p]).add(max[i]);
                sums[1][p] = orZero(sums[1][p]).add(baseline[i]);
                sums[2][p] = orZero(sums[2][p]).add(target[i]);
                sums[3][p] = orZero(sums[3][p]).add(surveyMax[i]);
            }
        }
        BigDecimal m = BigDecimal.ZERO;
        BigDecimal b = BigDecimal.ZERO;
        BigDecimal t = BigDecimal.ZERO;
        BigDecimal sv = BigDecimal.ZERO;
        for (int a : areas) {
            if (applicable[a]) {
                m = m.add(max[a]);
                b = b.add(baseline[a]);
                t = t.add(target[a]);
                sv = sv.add(surveyMax[a]);
            }
        }
        totalMax = m;
        totalBaseline = b;
        totalTarget = t;
        totalSurveyMax = sv;

        List<PlanSnapshot.Task> tasks = snapshot.tasks();
        int taskCount = tasks.size();
        taskId = new String[taskCount];
        taskDescription = new String[taskCount];
        taskDue = new LocalDate[taskCount];
        taskLeads = new ArrayList<>(taskCount);
        taskLeaf = new int[taskCount];
        taskIndex = new HashMap<>(taskCount * 2);
        List<List<Integer>> perLeaf = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            perLeaf.add(new ArrayList<>(2));
        }
        for (int k = 0; k < taskCount; k++) {
            PlanSnapshot.Task task = tasks.get(k);
            taskId[k] = task.id();
            taskDescription[k] = task.description();
            taskDue[k] = task.dueDate();
            taskLeads.add(List.copyOf(task.leadUnits()));
            taskIndex.put(task.id(), k);
            Integer c = criterionIndex.get(task.criterionCode());
            taskLeaf[k] = c != null && leaf[c] ? c : -1;
            if (taskLeaf[k] >= 0) {
                perLeaf.get(c).add(k);
            }
        }
        tasksOf = new int[size][];
        for (int i = 0; i < size; i++) {
            tasksOf[i] = perLeaf.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        unitNames = new HashMap<>();
        for (PlanSnapshot.Unit unit : snapshot.units()) {
            unitNames.put(unit.code(), unit.name());
        }
    }

    public UUID planId() {
        return planId;
    }

    public int version() {
        return version;
    }

    public String status() {
        return status;
    }

    public String agency() {
        return agency;
    }

    public int year() {
        return year;
    }

    /** Number of criteria. */
    public int size() {
        return size;
    }

    /** The applicable maximum: what the index is computed over. */
    public BigDecimal max() {
        return totalMax;
    }

    /** A leaf's rule as shown: the snapshot's, or MANUAL for a snapshot without one. */
    PlanSnapshot.Rule ruleSpecOrManual(int leaf) {
        return ruleSpec[leaf] != null ? ruleSpec[leaf] : MANUAL_SPEC;
    }

    private static final PlanSnapshot.Rule MANUAL_SPEC = new PlanSnapshot.Rule("MANUAL", null, null, null, null, null,
            null);

    public BigDecimal baseline() {
        return totalBaseline;
    }

    public BigDecimal target() {
        return totalTarget;
    }

    /**
     * The criteria in tree order. The snapshot promises that order already; arranging it here anyway keeps the
     * reverse-order sums correct if a producer ever lists a child first. A criterion whose parent is missing counts
     * as an area rather than disappearing from the total.
     */
    private static List<PlanSnapshot.Criterion> treeOrder(List<PlanSnapshot.Criterion> criteria) {
        Map<String, PlanSnapshot.Criterion> byCode = new LinkedHashMap<>();
        for (PlanSnapshot.Criterion c : criteria) {
            if (c != null && c.code() != null) {
                byCode.putIfAbsent(c.code(), c);
            }
        }
        Map<String, List<PlanSnapshot.Criterion>> children = new HashMap<>();
        List<PlanSnapshot.Criterion> roots = new ArrayList<>();
        for (PlanSnapshot.Criterion c : byCode.values()) {
            if (c.parentCode() != null && byCode.containsKey(c.parentCode()) && !c.parentCode().equals(c.code())) {
                children.computeIfAbsent(c.parentCode(), k -> new ArrayList<>()).add(c);
            } else {
                roots.add(c);
            }
        }
        List<PlanSnapshot.Criterion> ordered = new ArrayList<>(byCode.size());
        Deque<PlanSnapshot.Criterion> stack = new ArrayDeque<>();
        for (PlanSnapshot.Criterion root : roots) {
            stack.push(root);
            while (!stack.isEmpty()) {
                PlanSnapshot.Criterion c = stack.pop();
                ordered.add(c);
                List<PlanSnapshot.Criterion> kids = children.getOrDefault(c.code(), List.of());
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.push(kids.get(i));
                }
            }
        }
        return ordered;
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
