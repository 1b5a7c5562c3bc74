package vn.par.progress.reminder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.par.infra.web.Links;
import vn.par.infra.web.VietnameseFormats;
import vn.par.progress.appraisal.AppraisalSheets;
import vn.par.progress.appraisal.AppraisalViews.AppraisalSheet;
import vn.par.progress.appraisal.AppraisalViews.SheetLeaf;
import vn.par.progress.appraisal.Round;
import vn.par.progress.plan.Plan;
import vn.par.progress.plan.PlanCriterion;
import vn.par.progress.plan.Task;
import vn.par.progress.report.ReportStatus;
import vn.par.progress.report.TaskState;
import vn.par.progress.rule.Decimals;

/**
 * What each unit must do on a given day ("Việc cần làm"), read live from the plans: the one query behind the daily
 * reminders and the unit portal's home.
 * <ul>
 * <li>tasks it leads, not reported done: due within {@value #DUE_WITHIN_DAYS} days (today included), or overdue;</li>
 * <li>from {@value #SELF_ASSESSMENT_WINDOW_DAYS} days before the {@code SELF_ASSESSMENT} round's deadline until its
 * day: leaves it leads without a self-assessment or indicator, and leaves whose one that counts has no evidence
 * (survey leaves aside: they are not self-scored);</li>
 * <li>during {@code EXPLANATION}, until its deadline's day: adjusted leaves it leads without an explanation.</li>
 * </ul>
 * Days are Vietnam's: a deadline's day is its date in Asia/Ho_Chi_Minh. Only published plans count.
 */
@ApplicationScoped
public class TodoList {

    static final int DUE_WITHIN_DAYS = 7;
    static final int SELF_ASSESSMENT_WINDOW_DAYS = 14;
    /** A task overdue for more than this many days is also sent to its agency's administrators. */
    static final int ESCALATE_AFTER_DAYS = 14;

    private static final Comparator<TodoItem> BY_KIND = Comparator.comparing(TodoItem::kind);

    private final AppraisalSheets sheets;
    private final Links links;

    public TodoList(AppraisalSheets sheets, Links links) {
        this.sheets = sheets;
        this.links = links;
    }

    /** The published plans, newest year first. */
    @Transactional
    public List<UUID> publishedPlans() {
        return Plan.<Plan>list("status = ?1 order by year desc, agencyName, id", Plan.PUBLISHED).stream()
                .map(p -> p.id).toList();
    }

    /** What the unit must do on {@code date} in the published plans of its agency. */
    @Transactional
    public List<TodoItem> forUnit(String unit, LocalDate date) {
        List<UUID> plans = Plan.getEntityManager().createQuery("""
                select p.id from Plan p where p.status = :published and array_contains(p.agencyUnitCodes, :unit)
                order by p.year desc, p.agencyName, p.id""", UUID.class)
                .setParameter("published", Plan.PUBLISHED)
                .setParameter("unit", unit)
                .getResultList();
        List<TodoItem> items = new ArrayList<>();
        for (UUID plan : plans) {
            plan(plan, date).stream().filter(i -> i.units().contains(unit)).forEach(items::add);
        }
        return items;
    }

    /**
     * Every unit's items in one plan on {@code date}, kinds in {@link TodoKind} order, each kind in plan order; none
     * when the plan is not published (or not held here).
     */
    @Transactional
    public List<TodoItem> plan(UUID planId, LocalDate date) {
        Plan plan = Plan.findById(planId);
        if (plan == null || !plan.open()) {
            return List.of();
        }
        Map<String, PlanCriterion> criteria = new HashMap<>();
        for (PlanCriterion c : PlanCriterion.<PlanCriterion>list("planId", planId)) {
            criteria.put(c.code, c);
        }
        List<TodoItem> items = new ArrayList<>();
        tasks(plan, criteria, date, items);
        leaves(plan, criteria, date, items);
        items.sort(BY_KIND);
        return items;
    }

    /** The tasks overdue for more than {@value #ESCALATE_AFTER_DAYS} days among {@code items}. */
    public static List<TodoItem> escalated(List<TodoItem> items, LocalDate date) {
        return items.stream().filter(i -> i.kind() == TodoKind.TASK_OVERDUE
                && i.dueDate().plusDays(ESCALATE_AFTER_DAYS).isBefore(date)).toList();
    }

    private void tasks(Plan plan, Map<String, PlanCriterion> criteria, LocalDate date, List<TodoItem> items) {
        List<Object[]> rows = Task.getEntityManager().createQuery("""
                select t, s from Task t left join TaskState s on s.taskId = t.id
                where t.planId = :plan and t.active = true and t.dueDate is not null and t.dueDate <= :last
                order by t.position""", Object[].class)
                .setParameter("plan", plan.id)
                .setParameter("last", date.plusDays(DUE_WITHIN_DAYS))
                .getResultList();
        for (Object[] row : rows) {
            Task task = (Task) row[0];
            TaskState state = (TaskState) row[1];
            if ((state != null && state.status == ReportStatus.DONE) || task.leadUnits.length == 0) {
                continue;
            }
            PlanCriterion criterion = criteria.get(task.criterionCode);
            items.add(new TodoItem(task.dueDate.isBefore(date) ? TodoKind.TASK_OVERDUE : TodoKind.TASK_DUE, plan.id,
                    plan.agencyName, plan.year, List.of(task.leadUnits), task.criterionCode,
                    criterion == null ? "" : criterion.title, task.id, task.description, task.dueDate, null,
                    criterion == null ? null : target(criterion), taskLink(task.id)));
        }
    }

    private void leaves(Plan plan, Map<String, PlanCriterion> criteria, LocalDate date, List<TodoItem> items) {
        AppraisalSheet sheet = sheets.sheet(plan.id);
        if (sheet.deadline() == null) {
            return;
        }
        LocalDate deadlineDay = LocalDate.ofInstant(sheet.deadline(), VietnameseFormats.VIETNAM);
        boolean beforeItsEnd = !date.isAfter(deadlineDay);
        boolean selfAssessing = sheet.round() == Round.SELF_ASSESSMENT && beforeItsEnd
                && !date.isBefore(deadlineDay.minusDays(SELF_ASSESSMENT_WINDOW_DAYS));
        boolean explaining = sheet.round() == Round.EXPLANATION && beforeItsEnd;
        if (!selfAssessing && !explaining) {
            return;
        }
        Map<String, UUID> taskOfLeaf = new HashMap<>();
        for (Task t : Task.<Task>list("planId = ?1 and active = true order by position", plan.id)) {
            taskOfLeaf.putIfAbsent(t.criterionCode, t.id);
        }
        for (SheetLeaf leaf : sheet.leaves()) {
            if (leaf.leadUnits().isEmpty()) {
                continue;
            }
            TodoKind kind = null;
            boolean survey = leaf.rule() != null && "SURVEY".equals(leaf.rule().path("type").asText());
            if (selfAssessing && !survey) {
                kind = leaf.selfAssessed() == null ? TodoKind.SELF_ASSESSMENT
                        : leaf.evidenceCount() == 0 ? TodoKind.EVIDENCE : null;
            } else if (explaining && leaf.adjusted() && leaf.explanation() == null) {
                kind = TodoKind.EXPLANATION;
            }
            if (kind != null) {
                PlanCriterion criterion = criteria.get(leaf.code());
                UUID task = taskOfLeaf.get(leaf.code());
                items.add(new TodoItem(kind, plan.id, plan.agencyName, plan.year, leaf.leadUnits(), leaf.code(),
                        leaf.title(), null, null, null, sheet.deadline(), criterion == null ? null : target(criterion),
                        task == null ? portalLink() : taskLink(task)));
            }
        }
    }

    private static BigDecimal target(PlanCriterion criterion) {
        return criterion.targetPoints == null ? null : Decimals.plain(criterion.targetPoints);
    }

    private String taskLink(UUID taskId) {
        return portalLink() + "ui/tasks/" + taskId;
    }

    /** The unit portal's home, where "Việc cần làm" lists the same items. */
    public String portalLink() {
        String base = links.progress();
        return base.endsWith("/") ? base : base + "/";
    }
}
