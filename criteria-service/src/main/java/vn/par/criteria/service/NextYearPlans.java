package vn.par.criteria.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import vn.par.criteria.caller.Caller;
import vn.par.criteria.client.Fetched;
import vn.par.criteria.client.Neighbours;
import vn.par.criteria.client.PlanScores;
import vn.par.criteria.plan.AuditEntry;
import vn.par.criteria.plan.CriteriaTree;
import vn.par.criteria.plan.Criterion;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.PlanStatus;
import vn.par.criteria.plan.PlanWarning;
import vn.par.criteria.plan.Task;
import vn.par.criteria.plan.TaskUnit;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;

/**
 * Next year's plan from this year's: a draft for year + 1 of the same agency with the same tree, rules, flags, units
 * and tasks, whose last-year points are this year's result as scoring-service has it — the final points once the
 * year's appraisal is closed, else the projected ones, which the draft warns about. Scoring-service is asked between
 * two short transactions, so no lock is held while it answers, and nothing is written when it does not.
 */
@ApplicationScoped
public class NextYearPlans {

    /** The last year the plan table takes. */
    private static final int LAST_YEAR = 2100;

    private final Neighbours neighbours;

    public NextYearPlans(Neighbours neighbours) {
        this.neighbours = neighbours;
    }

    /**
     * @param caller      an administrator of the plan's agency (403 otherwise)
     * @param accessToken the caller's, for scoring-service
     * @return the new draft's id
     */
    public UUID draft(UUID planId, Caller caller, String accessToken) {
        int year = check(planId, caller);
        Fetched<PlanScores> scores = neighbours.scores(planId, accessToken);
        if (!scores.present()) {
            String detail = "Chưa tạo được kế hoạch năm " + year + ": " + scores.why() + ", nên chưa có điểm năm trước."
                    + " Không có gì được tạo; hãy thử lại sau.";
            throw scores.notFound() ? ProblemException.conflict(detail)
                    : new ProblemException(Problem.of(503, "Không lấy được điểm năm trước", detail));
        }
        return create(planId, caller, scores.answer());
    }

    /** Refuses early what would be refused anyway, before scoring-service is asked; the year of the new plan. */
    @Transactional
    int check(UUID planId, Caller caller) {
        return checked(Plan.<Plan> findByIdOptional(planId).orElseThrow(() -> notFound(planId)), caller).year + 1;
    }

    @Transactional
    UUID create(UUID planId, Caller caller, PlanScores scores) {
        Plan old = checked(Plan.findForUpdate(planId).orElseThrow(() -> notFound(planId)), caller);
        boolean official = scores.closed();
        Map<String, PlanScores.CriterionScores> byCode = new HashMap<>();
        scores.criteria().forEach(c -> byCode.put(c.code(), c));

        Plan plan = new Plan();
        plan.id = UUID.randomUUID();
        plan.agency = old.agency;
        plan.year = old.year + 1;
        plan.baselineYear = old.year;
        plan.status = PlanStatus.DRAFT;
        plan.version = 0;
        plan.source = "Kế hoạch năm " + old.year + " (mã " + old.id + ")";
        plan.createdAt = Instant.now();
        plan.createdBy = caller.person();
        if (!official) {
            plan.warnings.add(new PlanWarning(null, "Điểm năm trước lấy từ điểm dự kiến, chưa có kết quả thẩm định"
                    + " chính thức năm " + old.year + ": hãy cập nhật khi có kết quả."));
        }
        CriteriaTree tree = old.tree();
        for (Criterion c : old.criteria) {
            Criterion n = new Criterion();
            n.id = UUID.randomUUID();
            n.plan = plan;
            n.code = c.code;
            n.position = c.position;
            n.title = c.title;
            n.maxPoints = c.maxPoints;
            n.note = c.note;
            n.ruleJson = c.ruleJson;
            n.applicable = c.applicable;
            n.notApplicableReason = c.notApplicableReason;
            n.proposedRuleJson = c.proposedRuleJson;
            n.proposedRuleSource = c.proposedRuleSource;
            n.leadUnits.addAll(c.leadUnits);
            // A parent's baseline and target are left to be derived from its children, which changed under it.
            if (tree.isLeaf(c.code)) {
                BigDecimal baseline = c.applicable
                        ? lastYear(c.code, byCode.get(c.code), official, tree.derived(c.code).maxPoints(), old.year, plan)
                        : null;
                n.baselinePoints = baseline;
                n.targetPoints = baseline != null && (c.targetPoints == null || baseline.compareTo(c.targetPoints) > 0)
                        ? baseline : c.targetPoints;
                if (!c.applicable) {
                    plan.warnings.add(new PlanWarning(c.code, "Tiêu chí " + c.code + " không áp dụng trong năm " + old.year
                            + " (lý do: " + c.notApplicableReason + "): hãy xác nhận tiêu chí này vẫn không áp dụng trong"
                            + " năm " + plan.year + ", hoặc bỏ đánh dấu để chấm điểm."));
                }
            }
            for (Task t : c.tasks) {
                Task copy = new Task();
                copy.id = UUID.randomUUID();
                copy.criterion = n;
                copy.position = t.position;
                copy.description = t.description;
                // 29 February becomes 28 February
                copy.dueDate = t.dueDate == null ? null : t.dueDate.plusYears(1);
                copy.assign(t.units(TaskUnit.Role.LEAD), t.units(TaskUnit.Role.COORDINATING));
                n.tasks.add(copy);
            }
            plan.criteria.add(n);
        }
        plan.persist();

        String basis = official ? "điểm chính thức" : "điểm dự kiến";
        AuditEntry.record(plan, caller.person(), AuditEntry.Action.CREATED_FROM_PLAN, old.id.toString(), null, null,
                "tạo từ kế hoạch năm " + old.year + " (mã " + old.id + "), điểm năm trước = " + basis, null);
        AuditEntry.record(old, caller.person(), AuditEntry.Action.NEXT_YEAR_DRAFTED, plan.id.toString(), null, null,
                "tạo bản nháp kế hoạch năm " + plan.year + " (mã " + plan.id + "), điểm năm trước = " + basis, null);
        Log.infof("Plan %s (%s %d) drafted from plan %s by %s, last year's points %s, %d warnings", plan.id,
                plan.agency.name, plan.year, old.id, caller.person(), official ? "final" : "projected",
                plan.warnings.size());
        return plan.id;
    }

    /**
     * A leaf's points of the year before: its final points once the appraisal is closed, else its projected ones.
     * None, or a figure the leaf cannot hold, leaves the baseline empty with a warning for the administrator.
     */
    private static BigDecimal lastYear(String code, PlanScores.CriterionScores scores, boolean official, BigDecimal max,
            int year, Plan plan) {
        BigDecimal points = scores == null ? null : official ? scores.finalPoints() : scores.projected();
        String kind = official ? "chính thức" : "dự kiến";
        if (points == null) {
            plan.warnings.add(new PlanWarning(code, "Hệ thống chấm điểm không có điểm " + kind + " năm " + year
                    + " của tiêu chí " + code + ": điểm năm trước để trống, hãy nhập."));
            return null;
        }
        String problem = PointsRules.problem(points);
        if (problem == null && points.compareTo(max) > 0) {
            problem = "lớn hơn điểm tối đa " + Vietnamese.number(max);
        }
        if (problem != null) {
            plan.warnings.add(new PlanWarning(code, "Điểm " + kind + " năm " + year + " của tiêu chí " + code + " mà hệ"
                    + " thống chấm điểm trả về " + problem + ": điểm năm trước để trống, hãy nhập."));
            return null;
        }
        return PointsRules.normalise(points);
    }

    /** The plan, once the caller administers it, it has a result to start from and next year has no plan yet. */
    private static Plan checked(Plan plan, Caller caller) {
        caller.administered(plan);
        int year = plan.year + 1;
        if (plan.status == PlanStatus.DRAFT) {
            throw ProblemException.conflict("Kế hoạch năm " + plan.year + " còn là bản nháp, chưa có điểm để làm điểm"
                    + " năm trước của kế hoạch năm " + year + ". Hãy công bố kế hoạch trước.");
        }
        if (year > LAST_YEAR) {
            throw ProblemException.conflict("Hệ thống nhận kế hoạch từ năm 2000 đến năm " + LAST_YEAR + "; không tạo được"
                    + " kế hoạch năm " + year + ".");
        }
        Plan.findByAgencyAndYear(plan.agency, year).ifPresent(existing -> {
            throw ProblemException.conflict("Đã có kế hoạch năm " + year + " của " + plan.agency.name + " (mã "
                    + existing.id + "); không tạo thêm được.");
        });
        return plan;
    }

    private static ProblemException notFound(UUID planId) {
        return ProblemException.notFound("Không có kế hoạch mã " + planId + ".");
    }
}
