package vn.par.criteria.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.par.criteria.plan.CriteriaTree;
import vn.par.criteria.plan.CriterionCode;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.Task;
import vn.par.criteria.plan.TaskUnit;
import vn.par.criteria.service.CriterionScoring;
import vn.par.criteria.service.UnitDirectory;
import vn.par.criteria.unit.Agency;
import vn.par.criteria.unit.Unit;
import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;

/** Announces plans on {@code par.plans}, through the outbox, in the transaction that changed them. */
@ApplicationScoped
public class PlanEvents {

    public static final String PLAN_PUBLISHED = "PlanPublished";
    public static final String PLAN_CHANGED = "PlanChanged";

    private final Outbox outbox;

    public PlanEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void published(Plan plan) {
        outbox.append(Topics.PLANS, plan.id.toString(), PLAN_PUBLISHED, snapshot(plan));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Plan plan) {
        outbox.append(Topics.PLANS, plan.id.toString(), PLAN_CHANGED, snapshot(plan));
    }

    public static PlanSnapshot snapshot(Plan plan) {
        CriteriaTree tree = plan.tree();
        Map<String, vn.par.criteria.plan.Criterion> byCode = new LinkedHashMap<>();
        plan.criteria.forEach(c -> byCode.put(c.code, c));
        List<PlanSnapshot.Criterion> criteria = new ArrayList<>();
        List<PlanSnapshot.Task> tasks = new ArrayList<>();
        Set<Unit> named = new LinkedHashSet<>();
        for (String code : tree.codes()) {
            vn.par.criteria.plan.Criterion c = byCode.get(code);
            CriteriaTree.Derived d = tree.derived(code);
            CriterionScoring s = CriterionScoring.of(tree, byCode, code);
            named.addAll(s.leadUnits());
            criteria.add(new PlanSnapshot.Criterion(code, CriterionCode.parentOf(code), c.title, tree.isLeaf(code),
                    c.maxPoints, c.baselinePoints, c.targetPoints,
                    new PlanSnapshot.Values(d.maxPoints(), d.baselinePoints(), d.targetPoints()), c.note, s.ruleJson(),
                    s.ruleDescription(), s.applicable(), s.notApplicableReason(), s.proposedRuleJson(),
                    s.proposedRuleSource(), s.leadUnitCodes()));
            for (Task t : c.tasks) {
                List<Unit> lead = UnitDirectory.expand(t.units(TaskUnit.Role.LEAD));
                List<Unit> coordinating = new ArrayList<>(UnitDirectory.expand(t.units(TaskUnit.Role.COORDINATING)));
                coordinating.removeAll(lead);
                named.addAll(lead);
                named.addAll(coordinating);
                tasks.add(new PlanSnapshot.Task(t.id, code, t.description, codes(lead), codes(coordinating), t.dueDate));
            }
        }
        return new PlanSnapshot(plan.id, plan.version, plan.status.name(),
                new PlanSnapshot.Agency(plan.agency.id, plan.agency.name, unitCodes(plan.agency)), plan.year,
                plan.baselineYear, criteria, tasks,
                named.stream().map(u -> new PlanSnapshot.Unit(u.code, u.name)).toList());
    }

    private static List<String> unitCodes(Agency agency) {
        return Unit.ofAgency(agency).stream().filter(u -> !u.isGroup()).map(u -> u.code).sorted().toList();
    }

    private static List<String> codes(List<Unit> units) {
        return units.stream().map(u -> u.code).toList();
    }
}
