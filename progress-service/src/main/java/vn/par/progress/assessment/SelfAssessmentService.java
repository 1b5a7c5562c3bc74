package vn.par.progress.assessment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;
import vn.par.infra.problem.ProblemException;
import vn.par.progress.caller.Caller;
import vn.par.progress.caller.UnitScope;
import vn.par.progress.plan.Plan;
import vn.par.progress.plan.PlanCriterion;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.plan.PlanIndex.KnownCriterion;
import vn.par.progress.plan.PlanIndex.KnownPlan;
import vn.par.progress.report.Evidence;

/** Self-assessment (tự chấm điểm): a lead unit claims points for a leaf criterion; the latest claim counts. */
@ApplicationScoped
public class SelfAssessmentService {

    private final PlanIndex index;
    private final Outbox outbox;

    public SelfAssessmentService(PlanIndex index, Outbox outbox) {
        this.index = index;
        this.outbox = outbox;
    }

    @Transactional
    public SelfAssessmentView assess(Caller caller, UUID planId, String code, SelfAssessmentRequest request) {
        List<Evidence> evidence = Evidence.listOf(request.evidence());
        KnownPlan plan = index.plan(planId).orElseThrow(() -> ProblemException.notFound(
                "Không có kế hoạch " + planId + " (hoặc kế hoạch chưa được công bố)."));
        KnownCriterion criterion = plan.criteria().get(code);
        if (criterion == null) {
            throw ProblemException.notFound("Kế hoạch không có tiêu chí " + code + ".");
        }
        if (!plan.open()) {
            throw ProblemException.conflict("Kế hoạch không còn ở trạng thái đã công bố (" + plan.status()
                    + "), nên không nhận tự chấm điểm mới.");
        }
        if (!criterion.leaf()) {
            throw ProblemException.badRequest("code", "Tiêu chí " + code + " có tiêu chí con: chỉ tự chấm điểm các tiêu chí "
                    + "không có tiêu chí con; điểm của tiêu chí " + code + " là tổng điểm các tiêu chí con.");
        }
        UnitScope.ActingUnit acting = UnitScope.resolve(caller, request.unit(), criterion.leadUnits(), List.of(),
                "tiêu chí " + code);
        if (request.points().compareTo(criterion.maxPoints()) > 0) {
            throw ProblemException.badRequest("points", "Điểm tự chấm " + Points.plain(request.points())
                    + " vượt điểm tối đa " + Points.plain(criterion.maxPoints()) + " của tiêu chí " + code + ".");
        }
        SelfAssessment assessment = new SelfAssessment();
        assessment.id = UUID.randomUUID();
        assessment.planId = planId;
        assessment.criterionCode = criterion.code();
        assessment.unit = acting.unit();
        assessment.points = request.points();
        assessment.comment = request.comment();
        assessment.evidence = evidence;
        assessment.assessedBy = caller.person();
        assessment.assessedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // The event first: its sequence, stored with the row, is what "latest" means here and in scoring-service.
        EventEnvelope event = outbox.append(Topics.PROGRESS, planId.toString(), SelfAssessed.TYPE,
                new SelfAssessed(assessment.id, planId, assessment.criterionCode, assessment.unit,
                        Points.plain(assessment.points), assessment.assessedBy, assessment.assessedAt));
        assessment.eventSequence = event.sequence();
        assessment.persist();
        return SelfAssessmentView.of(assessment, titleOf(planId, code));
    }

    public SelfAssessmentView one(UUID planId, UUID assessmentId) {
        SelfAssessment assessment = SelfAssessment.findById(assessmentId);
        if (assessment == null || !assessment.planId.equals(planId)) {
            throw ProblemException.notFound("Không có lần tự chấm điểm " + assessmentId + " trong kế hoạch " + planId + ".");
        }
        return SelfAssessmentView.of(assessment, titleOf(planId, assessment.criterionCode));
    }

    private static String titleOf(UUID planId, String code) {
        PlanCriterion criterion = PlanCriterion.find("planId = ?1 and code = ?2", planId, code).firstResult();
        return criterion == null ? null : criterion.title;
    }

    /** The self-assessment that counts for each criterion of the plan, in plan order. */
    public List<SelfAssessmentView> latest(UUID planId) {
        if (Plan.findById(planId) == null) {
            throw ProblemException.notFound("Không có kế hoạch " + planId + " (hoặc kế hoạch chưa được công bố).");
        }
        List<Object[]> rows = SelfAssessment.getEntityManager().createQuery("""
                select a, c.title from SelfAssessment a
                left join PlanCriterion c on c.planId = a.planId and c.code = a.criterionCode
                where a.planId = :plan
                  and a.eventSequence = (select max(b.eventSequence) from SelfAssessment b
                                         where b.planId = a.planId and b.criterionCode = a.criterionCode)
                order by c.position nulls last, a.criterionCode""", Object[].class)
                .setParameter("plan", planId)
                .getResultList();
        List<SelfAssessmentView> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            result.add(SelfAssessmentView.of((SelfAssessment) row[0], (String) row[1]));
        }
        return result;
    }
}
