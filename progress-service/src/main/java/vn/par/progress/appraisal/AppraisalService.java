package vn.par.progress.appraisal;

import java.math.BigDecimal;
import java.time.Clock;
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
import vn.par.progress.appraisal.AppraisalEvents.ExplanationSubmitted;
import vn.par.progress.appraisal.AppraisalEvents.LeafAppraised;
import vn.par.progress.appraisal.AppraisalGate.State;
import vn.par.progress.appraisal.AppraisalRequests.Appraise;
import vn.par.progress.appraisal.AppraisalRequests.Explain;
import vn.par.progress.appraisal.AppraisalViews.AppraisalView;
import vn.par.progress.appraisal.AppraisalViews.ExplanationView;
import vn.par.progress.caller.AgencyScope;
import vn.par.progress.caller.Caller;
import vn.par.progress.caller.UnitScope;
import vn.par.progress.evidence.EvidenceService;
import vn.par.progress.plan.OpenLeaf;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.plan.PlanIndex.KnownCriterion;
import vn.par.progress.plan.PlanIndex.KnownPlan;
import vn.par.progress.report.Evidence;
import vn.par.progress.rule.Decimals;

/**
 * Appraisals (thẩm định) of leaves by the appraiser, in the {@code APPRAISAL} and {@code FINAL_APPRAISAL} rounds, and
 * the lead units' explanations (giải trình) of the leaves the first appraisal adjusted, in {@code EXPLANATION}; each
 * before its round's deadline, stored with its event in one transaction.
 */
@ApplicationScoped
public class AppraisalService {

    private final PlanIndex index;
    private final AppraisalGate gate;
    private final AppraisalSheets sheets;
    private final EvidenceService evidence;
    private final Outbox outbox;
    private final Clock clock;

    public AppraisalService(PlanIndex index, AppraisalGate gate, AppraisalSheets sheets, EvidenceService evidence,
            Outbox outbox, Clock clock) {
        this.index = index;
        this.gate = gate;
        this.sheets = sheets;
        this.evidence = evidence;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public AppraisalView appraise(Caller caller, UUID planId, String code, Appraise request) {
        KnownCriterion leaf = OpenLeaf.find(index, planId, code, "điểm thẩm định").criterion();
        State state = gate.shared(planId);
        if (state.closed()) {
            throw AppraisalGate.closed("điểm thẩm định");
        }
        if (state.round() == null || !state.round().appraises()) {
            throw ProblemException.conflict("Chỉ chấm điểm thẩm định trong vòng " + Round.APPRAISAL.label() + " hoặc "
                    + Round.FINAL_APPRAISAL.label() + "; kế hoạch "
                    + (state.round() == null ? "chưa mở vòng đánh giá nào" : "đang ở vòng " + state.round().label()) + ".");
        }
        Instant now = beforeDeadline(state);
        if (request.points().compareTo(leaf.maxPoints()) > 0) {
            throw ProblemException.badRequest("points", "Điểm thẩm định " + text(request.points())
                    + " vượt điểm tối đa " + text(leaf.maxPoints()) + " của tiêu chí " + code + ".");
        }
        BigDecimal selfAssessed = sheets.selfAssessed(planId, code);
        BigDecimal compared = selfAssessed == null ? BigDecimal.ZERO : selfAssessed;
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        if (note == null && request.points().compareTo(compared) != 0) {
            throw ProblemException.badRequest("note", "Cần ghi chú lý do khi điểm thẩm định (" + text(request.points())
                    + ") khác điểm tự chấm (" + (selfAssessed == null ? "chưa tự chấm, tính 0" : text(selfAssessed))
                    + ") của tiêu chí " + code + ".");
        }
        Appraisal appraisal = new Appraisal();
        appraisal.id = UUID.randomUUID();
        appraisal.planId = planId;
        appraisal.criterionCode = code;
        appraisal.round = state.round();
        appraisal.points = request.points();
        appraisal.note = note;
        appraisal.appraisedBy = caller.person();
        appraisal.appraisedAt = now;
        // The event first: its sequence, stored with the row, is what "latest" means.
        EventEnvelope event = outbox.append(Topics.PROGRESS, planId.toString(), LeafAppraised.TYPE,
                new LeafAppraised(appraisal.id, planId, code, appraisal.round,
                        Decimals.plain(appraisal.points), note, caller.person(), now));
        appraisal.eventSequence = event.sequence();
        appraisal.persist();
        return AppraisalView.of(appraisal);
    }

    @Transactional
    public ExplanationView explain(Caller caller, UUID planId, String code, Explain request) {
        List<Evidence> items = Evidence.listOf(request.evidence());
        KnownPlan plan = OpenLeaf.find(index, planId, code, "giải trình").plan();
        KnownCriterion leaf = plan.criteria().get(code);
        AgencyScope.checkWrite(caller, plan.agency());
        UnitScope.ActingUnit acting = UnitScope.resolve(caller, request.unit(), leaf.leadUnits(), List.of(),
                "tiêu chí " + code);
        State state = gate.shared(planId);
        if (state.closed()) {
            throw AppraisalGate.closed("giải trình");
        }
        if (state.round() != Round.EXPLANATION) {
            throw ProblemException.conflict("Chỉ nhận giải trình trong vòng " + Round.EXPLANATION.label() + "; kế hoạch "
                    + (state.round() == null ? "chưa mở vòng đánh giá nào" : "đang ở vòng " + state.round().label()) + ".");
        }
        Instant now = beforeDeadline(state);
        Appraisal first = sheets.latestAppraisal(planId, code, Round.APPRAISAL);
        BigDecimal selfAssessed = sheets.selfAssessed(planId, code);
        if (first == null || !AppraisalSheets.adjusted(first.points, selfAssessed)) {
            throw ProblemException.conflict("Tiêu chí " + code + " không bị điều chỉnh khi thẩm định (điểm thẩm định "
                    + (first == null ? "chưa có" : "bằng điểm tự chấm") + ") nên không cần giải trình.");
        }
        Explanation explanation = new Explanation();
        explanation.id = UUID.randomUUID();
        explanation.planId = planId;
        explanation.criterionCode = code;
        explanation.unit = acting.unit();
        explanation.text = request.text();
        explanation.evidence = evidence.resolve(items, plan.agency());
        explanation.submittedBy = caller.person();
        explanation.submittedAt = now;
        EventEnvelope event = outbox.append(Topics.PROGRESS, planId.toString(), ExplanationSubmitted.TYPE,
                new ExplanationSubmitted(explanation.id, planId, code, explanation.unit, explanation.text,
                        explanation.evidence, caller.person(), now));
        explanation.eventSequence = event.sequence();
        explanation.persist();
        return ExplanationView.of(explanation);
    }

    /** The time now, if it is before the round's deadline (409 naming it otherwise). */
    private Instant beforeDeadline(State state) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isBefore(state.deadline())) {
            throw ProblemException.conflict("Đã hết hạn vòng " + state.round().label() + " lúc "
                    + AppraisalGate.vietnamTime(state.deadline()) + " (giờ Việt Nam).");
        }
        return now;
    }

    private static String text(BigDecimal points) {
        return Decimals.plain(points).toPlainString();
    }
}
