package vn.par.criteria.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import vn.par.criteria.plan.AuditEntry;
import vn.par.criteria.plan.CriteriaTree;
import vn.par.criteria.plan.Criterion;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.PlanStatus;
import vn.par.criteria.plan.PointsField;
import vn.par.criteria.plan.Task;
import vn.par.criteria.plan.TaskUnit;
import vn.par.criteria.service.CriterionScoring;
import vn.par.criteria.unit.Unit;
import vn.par.infra.web.VietnameseFormats;

/** What the plan pages show, as records built from the entities while the request's session is open. */
public final class PlanModel {

    private PlanModel() {
    }

    /** The plan's header: who, which year, where it stands, and its derived totals. */
    public record Header(UUID id, String agency, int year, int baselineYear, PlanStatus status, String statusLabel,
            String badge, int version, String source, Instant createdAt, String createdBy, Instant publishedAt,
            BigDecimal maxTotal, BigDecimal baselineTotal, BigDecimal targetTotal, int criteria, int tasks,
            int findings) {

        public boolean draft() {
            return status == PlanStatus.DRAFT;
        }

        public boolean published() {
            return status == PlanStatus.PUBLISHED;
        }

        /** A closed plan is never changed again. */
        public boolean editable() {
            return status != PlanStatus.CLOSED;
        }

        public int nextYear() {
            return year + 1;
        }
    }

    /**
     * One figure of a criterion: what the plan declares and what the tree derives; {@code finding} when a parent
     * declares something other than the sum of its children.
     */
    public record Figure(BigDecimal declared, BigDecimal derived, boolean finding) {

        /** "khai báo 2, tính từ tiêu chí con 5" */
        public String hint() {
            return finding ? "khai báo " + VietnameseFormats.vi(declared) + ", tính từ tiêu chí con "
                    + VietnameseFormats.vi(derived) : "";
        }
    }

    public record UnitName(String code, String name) {
    }

    public record TaskLine(UUID id, String description, List<UnitName> lead, List<UnitName> coordinating,
            LocalDate dueDate) {
    }

    /**
     * A row of the tree table. {@code rule} is the leaf's rule in words (null for a parent); {@code proposal} the
     * import's proposed rule in words and {@code proposalSource} the text it was read from, or null; {@code warning}
     * what the plan asks the administrator to check about this criterion, or null.
     */
    public record Row(String code, String title, int depth, boolean leaf, Figure max, Figure baseline, Figure target,
            String note, List<TaskLine> tasks, String rule, boolean applicable, String notApplicableReason,
            String proposal, String proposalSource, String warning) {

        public boolean area() {
            return depth == 0;
        }

        /**
         * The row's classes: {@code area} for a top-level criterion, {@code finding} when a figure disagrees,
         * {@code not-applicable} when it is not applicable this year.
         */
        public String cssClass() {
            return ((area() ? "area " : "") + (finding() ? "finding " : "") + (applicable ? "" : "not-applicable"))
                    .strip();
        }

        /** The indentation class of the title cell: {@code depth-0} .. {@code depth-5}. */
        public String indent() {
            return "depth-" + Math.min(depth, 5);
        }

        public List<Figure> figures() {
            return List.of(max, baseline, target);
        }

        /** Whether any of the three figures disagrees with the children. */
        public boolean finding() {
            return max.finding() || baseline.finding() || target.finding();
        }
    }

    /** Something the plan asks its administrator to check; {@code code} null: about the whole plan. */
    public record WarningLine(String code, String message) {
    }

    /** A finding of the import report or the plan page, its field in Vietnamese. */
    public record FindingLine(String code, String field, String fieldLabel, BigDecimal declared, BigDecimal derived) {
    }

    /** A line of the audit trail. */
    public record HistoryLine(Instant at, String actor, String action, String target, String field, String oldValue,
            String newValue, String reason, int version) {
    }

    public static Header header(Plan plan) {
        CriteriaTree tree = plan.tree();
        CriteriaTree.Derived totals = tree.totals();
        return new Header(plan.id, plan.agency.name, plan.year, plan.baselineYear, plan.status, Labels.status(plan.status),
                Labels.badge(plan.status), plan.version, plan.source, plan.createdAt, plan.createdBy, plan.publishedAt,
                totals.maxPoints(), totals.baselinePoints(), totals.targetPoints(), plan.criteria.size(), plan.taskCount(),
                tree.findings().size());
    }

    /** The criteria in tree order (a parent before its children), each with its tasks. */
    public static List<Row> rows(Plan plan) {
        CriteriaTree tree = plan.tree();
        Map<String, Criterion> byCode = new HashMap<>();
        plan.criteria.forEach(c -> byCode.put(c.code, c));
        Map<String, String> warnings = new HashMap<>();
        plan.warnings.stream().filter(w -> w.code != null)
                .forEach(w -> warnings.merge(w.code, w.message, (a, b) -> a + " " + b));
        List<Row> rows = new ArrayList<>();
        for (String code : tree.codes()) {
            Criterion c = byCode.get(code);
            CriteriaTree.Derived d = tree.derived(code);
            boolean leaf = tree.isLeaf(code);
            CriterionScoring s = CriterionScoring.of(tree, byCode, code);
            rows.add(new Row(code, c.title, depth(code), leaf, figure(c, d, PointsField.maxPoints, leaf),
                    figure(c, d, PointsField.baselinePoints, leaf),
                    figure(c, d, PointsField.targetPoints, leaf), c.note,
                    c.tasks.stream().map(PlanModel::task).toList(), s.ruleDescription(), s.applicable(),
                    s.notApplicableReason(), s.proposedRule() == null ? null : s.proposedRule().describe(),
                    s.proposedRuleSource(), warnings.get(code)));
        }
        return rows;
    }

    public static TaskLine task(Task t) {
        return new TaskLine(t.id, t.description, names(t, TaskUnit.Role.LEAD), names(t, TaskUnit.Role.COORDINATING),
                t.dueDate);
    }

    public static List<WarningLine> warnings(Plan plan) {
        return plan.warnings.stream().map(w -> new WarningLine(w.code, w.message)).toList();
    }

    public static List<FindingLine> findings(Plan plan) {
        return plan.tree().findings().stream()
                .map(f -> new FindingLine(f.code(), f.field().name(), Labels.field(f.field().name()), f.declared(),
                        f.derived()))
                .toList();
    }

    public static HistoryLine history(AuditEntry e) {
        String target = e.target;
        if (target != null && e.action.name().startsWith("TASK_")) {
            target = "nhiệm vụ " + target.substring(0, Math.min(8, target.length()));
        }
        return new HistoryLine(e.at, e.actor, Labels.action(e.action), target, Labels.field(e.field), e.oldValue,
                e.newValue, e.reason, e.planVersion);
    }

    static int depth(String code) {
        return (int) code.chars().filter(ch -> ch == '.').count();
    }

    private static Figure figure(Criterion c, CriteriaTree.Derived d, PointsField field, boolean leaf) {
        BigDecimal declared = c.get(field);
        BigDecimal derived = d.get(field);
        return new Figure(declared, derived, !leaf && declared != null && declared.compareTo(derived) != 0);
    }

    private static List<UnitName> names(Task t, TaskUnit.Role role) {
        return t.units(role).stream().map(PlanModel::unit).toList();
    }

    static UnitName unit(Unit u) {
        return new UnitName(u.code, u.name);
    }
}
