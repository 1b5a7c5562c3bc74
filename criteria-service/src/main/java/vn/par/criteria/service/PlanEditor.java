package vn.par.criteria.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.criteria.caller.Caller;
import vn.par.criteria.messaging.PlanEvents;
import vn.par.criteria.plan.AuditEntry;
import vn.par.criteria.plan.CriteriaTree;
import vn.par.criteria.plan.Criterion;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.PlanStatus;
import vn.par.criteria.plan.PointsField;
import vn.par.criteria.plan.Task;
import vn.par.criteria.plan.TaskUnit;
import vn.par.criteria.rule.Rule;
import vn.par.criteria.rule.RuleJson;
import vn.par.criteria.unit.Agency;
import vn.par.criteria.unit.Unit;
import vn.par.infra.problem.ProblemException;

/**
 * Review, edit and publish. Each use case locks the plan, records every changed field in the audit trail and,
 * once the plan is published, raises its version and announces the new snapshot on {@code par.plans}, all in
 * one transaction.
 */
@ApplicationScoped
public class PlanEditor {

    private static final List<String> CRITERION_FIELDS = List.of("title", "maxPoints", "baselinePoints", "targetPoints",
            "note", "applicable", "reason");

    private final PlanEvents events;

    public PlanEditor(PlanEvents events) {
        this.events = events;
    }

    @Transactional
    public Plan publish(UUID planId, Caller caller) {
        Plan plan = lock(planId, caller);
        if (plan.status != PlanStatus.DRAFT) {
            throw ProblemException.conflict("Kế hoạch đang ở trạng thái " + plan.status + "; chỉ bản nháp (DRAFT) mới công bố được.");
        }
        plan.status = PlanStatus.PUBLISHED;
        plan.version = 1;
        plan.publishedAt = Instant.now();
        audit(plan, caller.person(), AuditEntry.Action.PUBLISHED, null, "status", "DRAFT", "PUBLISHED", null);
        events.published(plan);
        return plan;
    }

    @Transactional
    public Plan close(UUID planId, Caller caller, String reason) {
        Plan plan = lock(planId, caller);
        if (plan.status != PlanStatus.PUBLISHED) {
            throw ProblemException.conflict("Chỉ kế hoạch đã công bố mới đóng được; kế hoạch đang ở trạng thái " + plan.status + ".");
        }
        plan.status = PlanStatus.CLOSED;
        plan.version++;
        audit(plan, caller.person(), AuditEntry.Action.CLOSED, null, "status", "PUBLISHED", "CLOSED", reason);
        events.changed(plan);
        return plan;
    }

    /**
     * Applies a JSON merge patch to a criterion: a member that is present is set (null clears it), a member that
     * is absent is left alone.
     */
    @Transactional
    public Plan updateCriterion(UUID planId, String code, ObjectNode patch, Caller caller) {
        Plan plan = lockEditable(planId, caller);
        Criterion c = criterion(plan, code);
        patch.fieldNames().forEachRemaining(name -> {
            if (!CRITERION_FIELDS.contains(name)) {
                throw ProblemException.badRequest(name, "Trường '" + name + "' không sửa được; các trường sửa được: "
                        + String.join(", ", CRITERION_FIELDS) + ".");
            }
        });
        String reason = text(patch, "reason", 1000);
        List<String[]> changes = new ArrayList<>();
        if (patch.has("title")) {
            String title = text(patch, "title", 2000);
            if (title == null || title.isBlank()) {
                throw ProblemException.badRequest("title", "Tên tiêu chí không được để trống.");
            }
            if (!title.equals(c.title)) {
                changes.add(new String[] { "title", c.title, title });
                c.title = title;
            }
        }
        if (patch.has("note")) {
            String note = text(patch, "note", 4000);
            note = note == null || note.isBlank() ? null : note;
            if (!Objects.equals(note, c.note)) {
                changes.add(new String[] { "note", c.note, note });
                c.note = note;
            }
        }
        for (PointsField field : PointsField.values()) {
            if (patch.has(field.name())) {
                BigDecimal value = points(patch.get(field.name()), field);
                BigDecimal old = c.get(field);
                if (old == null ? value != null : value == null || old.compareTo(value) != 0) {
                    changes.add(new String[] { field.name(), Vietnamese.number(old), Vietnamese.number(value) });
                    c.set(field, value);
                }
            }
        }
        if (patch.has("applicable")) {
            applicable(plan, c, patch.get("applicable"), reason, changes);
        }
        if (changes.isEmpty()) {
            return plan;
        }
        checkLeafLimits(plan, c);
        bumpIfPublished(plan);
        for (String[] change : changes) {
            audit(plan, caller.person(), AuditEntry.Action.CRITERION_UPDATED, code, change[0], change[1], change[2], reason);
        }
        announce(plan);
        return plan;
    }

    /**
     * Flags a leaf as applicable or not in the plan's year. Not applicable needs a reason, which the leaf keeps;
     * applicable again drops it. On a leaf that stays not applicable, a new reason replaces the old one.
     */
    private static void applicable(Plan plan, Criterion c, JsonNode node, String reason, List<String[]> changes) {
        if (node == null || !node.isBoolean()) {
            throw ProblemException.badRequest("applicable", "Trường 'applicable' phải là true (áp dụng) hoặc false"
                    + " (không áp dụng).");
        }
        if (!plan.tree().isLeaf(c.code)) {
            throw ProblemException.badRequest("applicable", "Tiêu chí " + c.code + " có tiêu chí con nên không đặt được"
                    + " 'không áp dụng': tiêu chí cha không áp dụng khi mọi tiêu chí con của nó không áp dụng.");
        }
        boolean value = node.booleanValue();
        if (!value && (reason == null || reason.isBlank())) {
            throw ProblemException.badRequest("reason", "Cần lý do khi đánh dấu tiêu chí " + c.code
                    + " là không áp dụng (ví dụ: đơn vị không có đơn vị sự nghiệp công lập trực thuộc).");
        }
        if (c.applicable != value) {
            changes.add(new String[] { "applicable", String.valueOf(c.applicable), String.valueOf(value) });
            c.applicable = value;
            c.notApplicableReason = value ? null : reason;
        } else if (!value && !reason.equals(c.notApplicableReason)) {
            changes.add(new String[] { "notApplicableReason", c.notApplicableReason, reason });
            c.notApplicableReason = reason;
        }
    }

    /** Sets a leaf's scoring rule, checked against the leaf's derived maximum; it replaces the import's proposal. */
    @Transactional
    public Plan setRule(UUID planId, String code, JsonNode rule, String reason, Caller caller) {
        Plan plan = lockEditable(planId, caller);
        Criterion c = criterion(plan, code);
        CriteriaTree tree = leafTree(plan, code);
        changeRule(plan, c, RuleJson.read(rule, "rule", tree.derived(code).maxPoints()), reason, caller.person());
        return plan;
    }

    /** Applies the rule the import proposed, checked again: the maximum may have changed since. */
    @Transactional
    public Plan acceptProposal(UUID planId, String code, String reason, Caller caller) {
        Plan plan = lockEditable(planId, caller);
        Criterion c = criterion(plan, code);
        CriteriaTree tree = leafTree(plan, code);
        Rule proposal = c.proposedRule().orElseThrow(() -> ProblemException.conflict("Tiêu chí " + code
                + " không có quy tắc chấm điểm đề xuất nào để áp dụng."));
        Rule rule;
        try {
            rule = RuleJson.read(proposal.toJson(), "proposedRule", tree.derived(code).maxPoints());
        } catch (ProblemException e) {
            throw ProblemException.conflict("Quy tắc đề xuất của tiêu chí " + code + " không còn dùng được: "
                    + e.problem().detail() + " Hãy đặt quy tắc khác.");
        }
        changeRule(plan, c, rule, reason, caller.person());
        return plan;
    }

    /**
     * An unchanged rule changes nothing, unless a proposal is waiting: setting the rule the leaf already has is how
     * a person turns the proposal down, and that is recorded.
     */
    private void changeRule(Plan plan, Criterion c, Rule rule, String reason, String actor) {
        String old = c.rule().canonical();
        String now = rule.canonical();
        String proposal = c.proposedRuleJson;
        if (old.equals(now) && proposal == null) {
            return;
        }
        c.applyRule(rule);
        bumpIfPublished(plan);
        if (old.equals(now)) {
            audit(plan, actor, AuditEntry.Action.CRITERION_UPDATED, c.code, "proposedRule", proposal, null, reason);
        } else {
            audit(plan, actor, AuditEntry.Action.CRITERION_UPDATED, c.code, "rule", old, now, reason);
        }
        announce(plan);
    }

    /**
     * Announces again, as a new version, every published plan of an agency that got new units: a snapshot lists the
     * units of its agency (progress-service lets a reporter in by them) and expands a group without members to them,
     * so it changed with them. A group added changes neither.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unitsAdded(Agency agency, Collection<Unit> units, String actor) {
        List<Unit> added = units.stream().filter(u -> !u.isGroup()).toList();
        if (added.isEmpty()) {
            return;
        }
        List<Plan> plans = Plan.<Plan> find("agency = ?1 and status = ?2 order by year", agency, PlanStatus.PUBLISHED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (Plan plan : plans) {
            plan.version++;
            for (Unit u : added) {
                audit(plan, actor, AuditEntry.Action.UNIT_ADDED, u.code, "units", null, u.code + " — " + u.name, null);
            }
            events.changed(plan);
        }
    }

    @Transactional
    public Task addTask(UUID planId, String code, TaskInput input, Caller caller) {
        Plan plan = lockEditable(planId, caller);
        Criterion c = criterion(plan, code);
        Task t = new Task();
        t.id = UUID.randomUUID();
        t.criterion = c;
        t.position = c.tasks.stream().mapToInt(x -> x.position + 1).max().orElse(0);
        apply(plan, t, input);
        c.tasks.add(t);
        bumpIfPublished(plan);
        audit(plan, caller.person(), AuditEntry.Action.TASK_ADDED, t.id.toString(), "description", null, describe(t), input.reason());
        announce(plan);
        return t;
    }

    @Transactional
    public Task updateTask(UUID planId, UUID taskId, TaskInput input, Caller caller) {
        Plan plan = lockEditable(planId, caller);
        Task t = plan.task(taskId).orElseThrow(() -> ProblemException.notFound("Kế hoạch không có nhiệm vụ " + taskId + "."));
        String before = describe(t);
        apply(plan, t, input);
        String after = describe(t);
        if (!before.equals(after)) {
            bumpIfPublished(plan);
            audit(plan, caller.person(), AuditEntry.Action.TASK_UPDATED, taskId.toString(), "task", before, after, input.reason());
            announce(plan);
        }
        return t;
    }

    @Transactional
    public void removeTask(UUID planId, UUID taskId, String reason, Caller caller) {
        Plan plan = lockEditable(planId, caller);
        Task t = plan.task(taskId).orElseThrow(() -> ProblemException.notFound("Kế hoạch không có nhiệm vụ " + taskId + "."));
        t.criterion.tasks.remove(t);
        bumpIfPublished(plan);
        audit(plan, caller.person(), AuditEntry.Action.TASK_REMOVED, taskId.toString(), "task", describe(t), null, reason);
        announce(plan);
    }

    private void apply(Plan plan, Task t, TaskInput input) {
        t.description = input.description().strip();
        t.dueDate = input.dueDate();
        t.assign(units(plan, input.leadUnits(), "leadUnits"), units(plan, input.coordinatingUnits(), "coordinatingUnits"));
    }

    private static List<Unit> units(Plan plan, List<String> codes, String field) {
        List<Unit> result = new ArrayList<>();
        for (String code : codes) {
            Unit u = Unit.findByCode(code.strip())
                    .filter(x -> x.agency.id.equals(plan.agency.id))
                    .orElseThrow(() -> ProblemException.badRequest(field,
                            "Không có đơn vị mã '" + code + "' thuộc " + plan.agency.name + "."));
            if (!result.contains(u)) {
                result.add(u);
            }
        }
        return result;
    }

    private static String describe(Task t) {
        return t.description + " | chủ trì: " + String.join(", ", t.units(TaskUnit.Role.LEAD).stream()
                .map(u -> u.code).toList()) + " | phối hợp: " + String.join(", ",
                        t.units(TaskUnit.Role.COORDINATING).stream().map(u -> u.code).toList())
                + (t.dueDate == null ? "" : " | hạn: " + t.dueDate);
    }

    /** A leaf cannot aim, have scored, or give by its rule more than its maximum. */
    private static void checkLeafLimits(Plan plan, Criterion c) {
        CriteriaTree tree = plan.tree();
        if (!tree.isLeaf(c.code)) {
            return;
        }
        CriteriaTree.Derived d = tree.derived(c.code);
        for (PointsField field : List.of(PointsField.baselinePoints, PointsField.targetPoints)) {
            if (d.get(field).compareTo(d.maxPoints()) > 0) {
                throw ProblemException.badRequest(field.name(), Vietnamese.field(field.name()) + " ("
                        + Vietnamese.number(d.get(field)) + ") lớn hơn điểm tối đa (" + Vietnamese.number(d.maxPoints())
                        + ") của tiêu chí " + c.code + ".");
            }
        }
        BigDecimal rulePoints = c.rule().highestPoints();
        if (rulePoints.compareTo(d.maxPoints()) > 0) {
            throw ProblemException.badRequest(PointsField.maxPoints.name(), "Điểm tối đa ("
                    + Vietnamese.number(d.maxPoints()) + ") nhỏ hơn mức điểm cao nhất trong quy tắc chấm điểm của tiêu chí " + c.code + " ("
                    + Vietnamese.number(rulePoints) + "); hãy sửa quy tắc chấm điểm trước.");
        }
    }

    private static Criterion criterion(Plan plan, String code) {
        return plan.criterion(code)
                .orElseThrow(() -> ProblemException.notFound("Kế hoạch không có tiêu chí mã '" + code + "'."));
    }

    /** The plan's tree, once {@code code} is known to be a leaf: only leaves carry a rule. */
    private static CriteriaTree leafTree(Plan plan, String code) {
        CriteriaTree tree = plan.tree();
        if (!tree.isLeaf(code)) {
            throw ProblemException.badRequest("code", "Tiêu chí " + code + " có tiêu chí con: chỉ tiêu chí lá (không có"
                    + " tiêu chí con) mới có quy tắc chấm điểm; điểm của tiêu chí cha là tổng điểm các tiêu chí con.");
        }
        return tree;
    }

    private static BigDecimal points(JsonNode node, PointsField field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw ProblemException.badRequest(field.name(), Vietnamese.field(field.name())
                    + " phải là một số (ví dụ 15.5) hoặc null.");
        }
        BigDecimal value = node.decimalValue();
        String problem = PointsRules.problem(value);
        if (problem != null) {
            throw ProblemException.badRequest(field.name(), Vietnamese.field(field.name()) + " " + problem + ".");
        }
        return PointsRules.normalise(value);
    }

    private static String text(ObjectNode patch, String name, int max) {
        JsonNode node = patch.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.badRequest(name, "Trường '" + name + "' phải là chuỗi ký tự.");
        }
        String value = node.asText().strip();
        if (value.length() > max) {
            throw ProblemException.badRequest(name, "Trường '" + name + "' dài tối đa " + max + " ký tự.");
        }
        return value;
    }

    /** The plan, locked, once the caller is known to administer its agency (which never changes). */
    private static Plan lock(UUID planId, Caller caller) {
        return caller.administered(Plan.findForUpdate(planId)
                .orElseThrow(() -> ProblemException.notFound("Không có kế hoạch mã " + planId + ".")));
    }

    private static Plan lockEditable(UUID planId, Caller caller) {
        Plan plan = lock(planId, caller);
        if (plan.status == PlanStatus.CLOSED) {
            throw ProblemException.conflict("Kế hoạch đã đóng; không sửa được nữa.");
        }
        return plan;
    }

    private static void bumpIfPublished(Plan plan) {
        if (plan.status == PlanStatus.PUBLISHED) {
            plan.version++;
        }
    }

    private void announce(Plan plan) {
        if (plan.status == PlanStatus.PUBLISHED) {
            events.changed(plan);
        }
    }

    private static void audit(Plan plan, String actor, AuditEntry.Action action, String target, String field,
            String oldValue, String newValue, String reason) {
        AuditEntry.record(plan, actor, action, target, field, oldValue, newValue, reason);
    }
}
