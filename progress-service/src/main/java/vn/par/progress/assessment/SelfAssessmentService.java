package vn.par.progress.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;
import vn.par.infra.problem.ProblemException;
import vn.par.progress.appraisal.AppraisalGate;
import vn.par.progress.caller.AgencyScope;
import vn.par.progress.caller.Caller;
import vn.par.progress.caller.UnitScope;
import vn.par.progress.evidence.EvidenceService;
import vn.par.progress.plan.OpenLeaf;
import vn.par.progress.plan.Plan;
import vn.par.progress.plan.PlanCriterion;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.report.Evidence;
import vn.par.progress.rule.Decimals;
import vn.par.progress.rule.Fact;
import vn.par.progress.rule.FactCheck;
import vn.par.progress.rule.RuleType;

/**
 * Self-assessment (tự chấm điểm): a lead unit claims points for a leaf scored {@code MANUAL}; the latest claim
 * counts. A {@code MANUAL} indicator is one too ({@link #record}).
 */
@ApplicationScoped
public class SelfAssessmentService {

    private final PlanIndex index;
    private final Outbox outbox;
    private final AppraisalGate gate;
    private final EvidenceService files;

    public SelfAssessmentService(PlanIndex index, Outbox outbox, AppraisalGate gate, EvidenceService files) {
        this.index = index;
        this.outbox = outbox;
        this.gate = gate;
        this.files = files;
    }

    @Transactional
    public SelfAssessmentView assess(Caller caller, UUID planId, String code, SelfAssessmentRequest request) {
        List<Evidence> evidence = Evidence.listOf(request.evidence());
        OpenLeaf leaf = OpenLeaf.find(index, planId, code, "tự chấm điểm");
        RuleType type = leaf.criterion().rule().type();
        if (type != RuleType.MANUAL) {
            throw ProblemException.conflict("Tiêu chí " + code + " chấm theo " + FactCheck.describe(type)
                    + ", không theo điểm tự chấm: đơn vị hãy báo cáo chỉ số của tiêu chí ("
                    + type.members().stream().map(FactCheck::label).collect(Collectors.joining(", "))
                    + ") thay cho tự chấm điểm; điểm được tính từ chỉ số theo quy tắc.");
        }
        AgencyScope.checkWrite(caller, leaf.plan().agency());
        UnitScope.ActingUnit acting = UnitScope.resolve(caller, request.unit(), leaf.criterion().leadUnits(), List.of(),
                "tiêu chí " + code);
        Fact fact = FactCheck.check(leaf.criterion().rule(), Fact.points(request.points()), leaf.criterion().maxPoints(),
                code);
        gate.checkSelfAssessment(planId, "tự chấm điểm");
        SelfAssessment assessment = record(planId, code, acting.unit(), caller.person(), fact.points(), request.comment(),
                files.resolve(evidence, leaf.plan().agency()), null, null);
        return SelfAssessmentView.of(assessment, titleOf(planId, code));
    }

    /**
     * Stores a self-assessment checked by the caller, with its {@code SelfAssessed} event, in the caller's transaction.
     * A second one with the same {@code assessedBy} and {@code idempotencyKey} fails here with the unique violation
     * of {@code self_assessment_idempotency}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SelfAssessment record(UUID planId, String code, String unit, String person, BigDecimal points, String comment,
            List<Evidence> evidence, String idempotencyKey, String requestHash) {
        SelfAssessment assessment = new SelfAssessment();
        assessment.id = UUID.randomUUID();
        assessment.planId = planId;
        assessment.criterionCode = code;
        assessment.unit = unit;
        assessment.points = points;
        assessment.comment = comment;
        assessment.evidence = evidence;
        assessment.assessedBy = person;
        assessment.assessedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assessment.idempotencyKey = idempotencyKey;
        assessment.requestHash = requestHash;
        // The event first: its sequence, stored with the row, is what "latest" means here and in scoring-service.
        EventEnvelope event = outbox.append(Topics.PROGRESS, planId.toString(), SelfAssessed.TYPE,
                new SelfAssessed(assessment.id, planId, assessment.criterionCode, assessment.unit,
                        Decimals.plain(assessment.points), assessment.assessedBy, assessment.assessedAt));
        assessment.eventSequence = event.sequence();
        assessment.persistAndFlush();
        return assessment;
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
