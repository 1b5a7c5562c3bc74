package vn.par.progress.report;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Sort;
import vn.par.infra.problem.ProblemException;
import vn.par.progress.caller.Caller;
import vn.par.progress.caller.UnitRole;
import vn.par.progress.plan.Plan;
import vn.par.progress.plan.PlanCriterion;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.plan.PlanUnit;
import vn.par.progress.plan.Task;

/** Reads progress: a task's history, a unit's tasks, a plan's tasks, each with the latest state. */
@ApplicationScoped
public class TaskProgressService {

    private final PlanIndex index;

    public TaskProgressService(PlanIndex index) {
        this.index = index;
    }

    /** Reports on a task, newest first, lead and coordinating alike; also for a task a later version dropped. */
    public List<ReportView> history(UUID taskId, int limit) {
        List<ProgressReport> reports = ProgressReport
                .<ProgressReport>find("taskId", Sort.descending("reportedAt", "id"), taskId)
                .page(0, limit).list();
        if (reports.isEmpty() && index.task(taskId).isEmpty() && Task.findById(taskId) == null) {
            throw ProblemException.notFound("Không có nhiệm vụ " + taskId + ".");
        }
        return reports.stream().map(ReportView::of).toList();
    }

    /** The task's latest state (from its latest lead report), or null if no lead unit has reported yet. */
    public TaskStateView latest(UUID taskId) {
        return TaskStateView.of(TaskState.findById(taskId));
    }

    public ReportView report(UUID taskId, UUID reportId) {
        ProgressReport report = ProgressReport.findById(reportId);
        if (report == null || !report.taskId.equals(taskId)) {
            throw ProblemException.notFound("Không có báo cáo " + reportId + " của nhiệm vụ " + taskId + ".");
        }
        return ReportView.of(report);
    }

    /** The active tasks of the caller's unit in every plan that takes reports, as lead or coordinating unit. */
    public List<MyTaskView> myTasks(Caller caller) {
        if (caller.unit() == null) {
            throw ProblemException.forbidden("Tài khoản '" + caller.person() + "' chưa được gán đơn vị (thuộc tính 'unit' "
                    + "trong mã truy cập) nên không có danh sách nhiệm vụ của đơn vị.");
        }
        List<Object[]> rows = Task.getEntityManager().createQuery("""
                select t, p, c, s from Task t
                join Plan p on p.id = t.planId
                left join PlanCriterion c on c.planId = t.planId and c.code = t.criterionCode
                left join TaskState s on s.taskId = t.id
                where t.active = true and p.status = :published
                  and (array_contains(t.leadUnits, :unit) or array_contains(t.coordinatingUnits, :unit))
                order by p.year desc, p.agencyName, p.id, t.position""", Object[].class)
                .setParameter("published", Plan.PUBLISHED)
                .setParameter("unit", caller.unit())
                .getResultList();
        List<MyTaskView> tasks = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Task t = (Task) row[0];
            Plan p = (Plan) row[1];
            PlanCriterion c = (PlanCriterion) row[2];
            UnitRole role = List.of(t.leadUnits).contains(caller.unit()) ? UnitRole.LEAD : UnitRole.COORDINATING;
            tasks.add(new MyTaskView(p.id, p.agencyName, p.year, c == null ? null : c.areaCode, t.criterionCode,
                    c == null ? null : c.title, t.id, t.description, role, t.dueDate, TaskStateView.of((TaskState) row[3])));
        }
        return tasks;
    }

    /** Every active task of a plan with its latest state, in plan order. */
    public PlanTasksView planTasks(UUID planId) {
        Plan plan = Plan.findById(planId);
        if (plan == null) {
            throw ProblemException.notFound("Không có kế hoạch " + planId + " (hoặc kế hoạch chưa được công bố).");
        }
        List<PlanTasksView.Unit> units = PlanUnit.<PlanUnit>list("planId", Sort.by("code"), planId).stream()
                .map(u -> new PlanTasksView.Unit(u.code, u.name)).toList();
        List<Object[]> rows = Task.getEntityManager().createQuery("""
                select t, c, s from Task t
                left join PlanCriterion c on c.planId = t.planId and c.code = t.criterionCode
                left join TaskState s on s.taskId = t.id
                where t.planId = :plan and t.active = true
                order by t.position""", Object[].class)
                .setParameter("plan", planId)
                .getResultList();
        List<PlanTasksView.PlanTask> tasks = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Task t = (Task) row[0];
            PlanCriterion c = (PlanCriterion) row[1];
            tasks.add(new PlanTasksView.PlanTask(t.id, c == null ? null : c.areaCode, t.criterionCode,
                    c == null ? null : c.title, t.description, List.of(t.leadUnits), List.of(t.coordinatingUnits),
                    t.dueDate, TaskStateView.of((TaskState) row[2])));
        }
        return new PlanTasksView(plan.id, plan.agencyName, plan.year, plan.version, plan.status, units, tasks);
    }
}
