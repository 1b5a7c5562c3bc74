package vn.par.criteria.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.criteria.plan.AuditEntry;
import vn.par.criteria.plan.CriteriaTree;
import vn.par.criteria.plan.Criterion;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.Task;
import vn.par.criteria.plan.TaskUnit;
import vn.par.criteria.service.CriterionScoring;
import vn.par.criteria.service.ImportReport;
import vn.par.criteria.service.PlanImporter;
import vn.par.criteria.service.UnitDirectory;
import vn.par.criteria.unit.Unit;

/** The API's view of plans: records built from the entities, never the entities themselves. */
public final class PlanViews {

    private PlanViews() {
    }

    public record AgencyView(UUID id, String name) {
    }

    public record Values(BigDecimal maxPoints, BigDecimal baselinePoints, BigDecimal targetPoints) {
    }

    public record TaskView(UUID id, String description, List<String> leadUnits, List<String> coordinatingUnits,
            LocalDate dueDate) {
    }

    /**
     * A criterion and how it is scored (docs/contracts/scoring-rules.md, "In the plan"): {@code rule} and
     * {@code ruleDescription} are null for a parent, {@code leadUnits} are the unit codes named on the criterion's
     * own row with groups expanded.
     */
    public record CriterionView(String code, String title, boolean leaf, BigDecimal maxPoints, BigDecimal baselinePoints,
            BigDecimal targetPoints, Values derived, String note, JsonNode rule, String ruleDescription,
            boolean applicable, String notApplicableReason, JsonNode proposedRule, String proposedRuleSource,
            List<String> leadUnits, List<TaskView> tasks, List<CriterionView> children) {
    }

    public record UnitView(String code, String name, String kind) {
    }

    /** Something the plan asks its administrator to check; {@code code} null: about the whole plan. */
    public record WarningView(String code, String message) {
    }

    /** @param warnings what the administrator is asked to check, e.g. in a plan made from the year before */
    public record PlanView(UUID id, AgencyView agency, int year, int baselineYear, String status, int version,
            String source, Instant createdAt, String createdBy, Instant publishedAt, Values derivedTotals,
            List<ImportReport.Finding> findings, List<WarningView> warnings, List<CriterionView> criteria,
            List<UnitView> units) {
    }

    public record PlanSummary(UUID id, AgencyView agency, int year, String status, int version, int criteria, int tasks,
            Values derivedTotals, int findings) {
    }

    public record HistoryEntry(long id, Instant at, String actor, String action, String target, String field,
            String oldValue, String newValue, String reason, int planVersion) {
    }

    public static PlanView of(Plan plan) {
        CriteriaTree tree = plan.tree();
        Map<String, Criterion> byCode = new LinkedHashMap<>();
        plan.criteria.forEach(c -> byCode.put(c.code, c));
        List<CriterionView> areas = new ArrayList<>();
        for (String area : tree.areas()) {
            areas.add(node(area, tree, byCode));
        }
        Set<Unit> units = new LinkedHashSet<>();
        plan.criteria.forEach(c -> c.tasks.forEach(t -> t.units.forEach(u -> units.add(u.unit))));
        plan.criteria.forEach(c -> units.addAll(UnitDirectory.expand(c.leadUnits)));
        return new PlanView(plan.id, new AgencyView(plan.agency.id, plan.agency.name), plan.year, plan.baselineYear,
                plan.status.name(), plan.version, plan.source, plan.createdAt, plan.createdBy, plan.publishedAt,
                values(tree.totals()), PlanImporter.findings(tree),
                plan.warnings.stream().map(w -> new WarningView(w.code, w.message)).toList(), areas,
                units.stream().map(u -> new UnitView(u.code, u.name, u.kind.name())).toList());
    }

    public static PlanSummary summary(Plan plan) {
        CriteriaTree tree = plan.tree();
        return new PlanSummary(plan.id, new AgencyView(plan.agency.id, plan.agency.name), plan.year, plan.status.name(),
                plan.version, plan.criteria.size(), plan.taskCount(), values(tree.totals()), tree.findings().size());
    }

    public static TaskView task(Task t) {
        return new TaskView(t.id, t.description, codes(t, TaskUnit.Role.LEAD), codes(t, TaskUnit.Role.COORDINATING),
                t.dueDate);
    }

    public static HistoryEntry history(AuditEntry e) {
        return new HistoryEntry(e.id, e.at, e.actor, e.action.name(), e.target, e.field, e.oldValue, e.newValue, e.reason,
                e.planVersion);
    }

    private static CriterionView node(String code, CriteriaTree tree, Map<String, Criterion> byCode) {
        Criterion c = byCode.get(code);
        List<CriterionView> children = new ArrayList<>();
        for (String child : tree.childrenOf(code)) {
            children.add(node(child, tree, byCode));
        }
        CriterionScoring s = CriterionScoring.of(tree, byCode, code);
        return new CriterionView(code, c.title, tree.isLeaf(code), c.maxPoints, c.baselinePoints, c.targetPoints,
                values(tree.derived(code)), c.note, s.ruleJson(), s.ruleDescription(), s.applicable(),
                s.notApplicableReason(), s.proposedRuleJson(), s.proposedRuleSource(), s.leadUnitCodes(),
                c.tasks.stream().map(PlanViews::task).toList(), children);
    }

    private static Values values(CriteriaTree.Derived d) {
        return new Values(d.maxPoints(), d.baselinePoints(), d.targetPoints());
    }

    private static List<String> codes(Task t, TaskUnit.Role role) {
        return t.units(role).stream().map(u -> u.code).toList();
    }
}
