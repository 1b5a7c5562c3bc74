package vn.par.progress.indicator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;
import vn.par.infra.problem.ProblemException;
import vn.par.progress.appraisal.AppraisalGate;
import vn.par.progress.assessment.SelfAssessmentService;
import vn.par.progress.caller.AgencyScope;
import vn.par.progress.caller.Caller;
import vn.par.progress.caller.UnitScope;
import vn.par.progress.evidence.EvidenceService;
import vn.par.progress.plan.OpenLeaf;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.report.Evidence;
import vn.par.progress.rule.Fact;
import vn.par.progress.rule.FactCheck;
import vn.par.progress.rule.Rule;
import vn.par.progress.rule.RuleType;

/**
 * Checks an indicator against the leaf's current rule and stores it with its event, in one transaction: an
 * {@code IndicatorReported}, or for a {@code MANUAL} leaf a self-assessment and its {@code SelfAssessed}. The rows
 * are flushed before the commit, so that a repeated Idempotency-Key fails inside {@link #record} with nothing kept.
 */
@ApplicationScoped
public class IndicatorWriter {

    private final PlanIndex index;
    private final Outbox outbox;
    private final SelfAssessmentService assessments;
    private final AppraisalGate gate;
    private final EvidenceService files;

    public IndicatorWriter(PlanIndex index, Outbox outbox, SelfAssessmentService assessments, AppraisalGate gate,
            EvidenceService files) {
        this.index = index;
        this.outbox = outbox;
        this.assessments = assessments;
        this.gate = gate;
        this.files = files;
    }

    @Transactional
    public IndicatorView record(Caller caller, UUID planId, String code, IndicatorRequest request, List<Evidence> evidence,
            String idempotencyKey, String requestHash) {
        OpenLeaf leaf = OpenLeaf.find(index, planId, code, "chỉ số");
        Rule rule = leaf.criterion().rule();
        BigDecimal max = leaf.criterion().maxPoints();
        if (rule.type() == RuleType.SURVEY && !caller.admin() && !caller.appraiser()) {
            throw ProblemException.forbidden("Tiêu chí " + code + " được đánh giá qua điều tra xã hội học: kết quả điều tra "
                    + "do quản trị viên hoặc Sở Nội vụ nhập, đơn vị không tự báo cáo hay tự chấm điểm tiêu chí này.");
        }
        if (rule.type() != RuleType.SURVEY && caller.appraiser() && !caller.admin()) {
            throw ProblemException.forbidden("Sở Nội vụ chỉ nhập kết quả điều tra xã hội học; chỉ số của tiêu chí " + code
                    + " do đơn vị chủ trì báo cáo.");
        }
        AgencyScope.checkWrite(caller, leaf.plan().agency());
        UnitScope.ActingUnit acting = UnitScope.resolve(caller, request.unit(), leaf.criterion().leadUnits(), List.of(),
                "tiêu chí " + code);
        Fact fact = FactCheck.check(rule, request.fact(), max, code);
        gate.checkSelfAssessment(planId, "chỉ số");
        evidence = files.resolve(evidence, leaf.plan().agency());
        if (rule.type() == RuleType.MANUAL) {
            return IndicatorView.of(assessments.record(planId, code, acting.unit(), caller.person(), fact.points(),
                    request.comment(), evidence, idempotencyKey, requestHash));
        }
        Indicator indicator = new Indicator();
        indicator.id = UUID.randomUUID();
        indicator.planId = planId;
        indicator.criterionCode = code;
        indicator.unit = acting.unit();
        indicator.ruleType = rule.type();
        indicator.option = fact.option();
        indicator.value = fact.value();
        indicator.numerator = fact.numerator();
        indicator.denominator = fact.denominator();
        indicator.count = fact.count() == null ? null : fact.count().longValueExact();
        indicator.violations = fact.violations() == null ? null : fact.violations().longValueExact();
        indicator.percent = fact.percent();
        indicator.points = rule.points(fact, max);
        indicator.comment = request.comment();
        indicator.evidence = evidence;
        indicator.reportedBy = caller.person();
        indicator.reportedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        indicator.idempotencyKey = idempotencyKey;
        indicator.requestHash = requestHash;
        // The event first: its sequence, stored with the row, is what "latest" means here and in scoring-service.
        EventEnvelope event = outbox.append(Topics.PROGRESS, planId.toString(), IndicatorReported.TYPE,
                IndicatorReported.of(indicator));
        indicator.eventSequence = event.sequence();
        indicator.persistAndFlush();
        return IndicatorView.of(indicator);
    }
}
