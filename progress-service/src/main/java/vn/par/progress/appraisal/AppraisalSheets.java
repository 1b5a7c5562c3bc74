package vn.par.progress.appraisal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.appraisal.AppraisalEvents.AppraisalClosed;
import vn.par.progress.appraisal.AppraisalEvents.ClosedLeaf;
import vn.par.progress.appraisal.AppraisalViews.AppraisalSheet;
import vn.par.progress.appraisal.AppraisalViews.DeadlineChangeView;
import vn.par.progress.appraisal.AppraisalViews.EvidenceReadiness;
import vn.par.progress.appraisal.AppraisalViews.LeafExplanation;
import vn.par.progress.appraisal.AppraisalViews.ReadinessLeaf;
import vn.par.progress.appraisal.AppraisalViews.RoundView;
import vn.par.progress.appraisal.AppraisalViews.SheetLeaf;
import vn.par.progress.indicator.IndicatorService;
import vn.par.progress.indicator.IndicatorView;
import vn.par.progress.indicator.LeafIndicators;
import vn.par.progress.plan.Plan;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.plan.PlanIndex.KnownCriterion;
import vn.par.progress.plan.PlanIndex.KnownPlan;
import vn.par.progress.report.Evidence;
import vn.par.progress.rule.Decimals;

/**
 * A plan's appraisal sheet (docs/contracts/appraisal.md): per applicable leaf the self-assessed points (what the
 * self-assessment or indicator that counts gives under the leaf's current rule, as {@link IndicatorService} decides),
 * the latest appraisal of each round, the latest explanation, and the final points, with the sums. A closed plan's
 * figures are the frozen ones of its {@code AppraisalClosed}.
 */
@ApplicationScoped
public class AppraisalSheets {

    private final IndicatorService indicators;
    private final PlanIndex index;
    private final ObjectMapper json;

    public AppraisalSheets(IndicatorService indicators, PlanIndex index, ObjectMapper json) {
        this.indicators = indicators;
        this.index = index;
        this.json = json;
    }

    @Transactional
    public AppraisalSheet sheet(UUID planId) {
        Plan plan = Plan.findById(planId);
        if (plan == null) {
            throw ProblemException.notFound("Không có kế hoạch " + planId + " (hoặc kế hoạch chưa được công bố).");
        }
        PlanAppraisal state = PlanAppraisal.findById(planId);
        List<RoundView> rounds = rounds(planId);
        RoundView current = state == null || state.round == null ? null
                : rounds.stream().filter(r -> r.round() == state.round).findFirst().orElse(null);
        List<SheetLeaf> leaves = leaves(planId);
        if (state != null && state.closedFigures != null) {
            AppraisalClosed frozen = frozen(state.closedFigures);
            Map<String, SheetLeaf> live = leaves.stream().collect(Collectors.toMap(SheetLeaf::code, Function.identity()));
            leaves = frozen.leaves().stream().map(f -> frozenLeaf(f, live.get(f.criterionCode()))).toList();
            return new AppraisalSheet(planId, plan.agencyName, plan.year, state.round, null, rounds, leaves,
                    frozen.selfAssessed(), frozen.appraised(), frozen.finalPoints());
        }
        return new AppraisalSheet(planId, plan.agencyName, plan.year, current == null ? null : current.round(),
                current == null ? null : current.deadline(), rounds, leaves, total(leaves, Totals.SELF_ASSESSED),
                total(leaves, Totals.APPRAISED), total(leaves, Totals.FINAL));
    }

    /** What {@code AppraisalClosed} freezes: the sheet's figures as they stand in the closing transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AppraisalClosed closing(UUID planId, String closedBy, Instant closedAt) {
        List<SheetLeaf> leaves = leaves(planId);
        List<ClosedLeaf> closed = leaves.stream().map(l -> new ClosedLeaf(l.code(), l.selfAssessed(), l.appraised(),
                l.finalAppraised(), l.finalPoints())).toList();
        return new AppraisalClosed(planId, closedBy, closedAt, closed, total(leaves, Totals.SELF_ASSESSED),
                total(leaves, Totals.APPRAISED), total(leaves, Totals.FINAL));
    }

    /** The self-assessed points of a leaf, null when it has none that counts (the appraisal compares with them). */
    @Transactional(Transactional.TxType.MANDATORY)
    public BigDecimal selfAssessed(UUID planId, String code) {
        return indicators.leaf(planId, code).map(LeafIndicators::points).map(Decimals::plain).orElse(null);
    }

    /** The latest appraisal of the leaf in the round, or null. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Appraisal latestAppraisal(UUID planId, String code, Round round) {
        return Appraisal.<Appraisal>find("planId = ?1 and criterionCode = ?2 and round = ?3 order by eventSequence desc",
                planId, code, round).firstResult();
    }

    @Transactional
    public EvidenceReadiness readiness(UUID planId) {
        List<SheetLeaf> leaves = sheet(planId).leaves();
        return new EvidenceReadiness(planId,
                leaves.stream().filter(l -> l.selfAssessed() != null && l.evidenceCount() == 0).map(AppraisalSheets::readiness)
                        .toList(),
                leaves.stream().filter(l -> l.selfAssessed() == null).map(AppraisalSheets::readiness).toList());
    }

    private static ReadinessLeaf readiness(SheetLeaf leaf) {
        return new ReadinessLeaf(leaf.code(), leaf.title(), leaf.leadUnits());
    }

    private List<RoundView> rounds(UUID planId) {
        Map<Round, List<DeadlineChangeView>> changes = new HashMap<>();
        for (DeadlineChange c : DeadlineChange.<DeadlineChange>list("planId = ?1 order by movedAt, id", planId)) {
            changes.computeIfAbsent(c.round, r -> new ArrayList<>()).add(DeadlineChangeView.of(c));
        }
        return AppraisalRound.<AppraisalRound>list("planId", planId).stream()
                .sorted(Comparator.comparing((AppraisalRound r) -> r.round))
                .map(r -> new RoundView(r.round, r.deadline, r.openedBy, r.openedAt, changes.getOrDefault(r.round, List.of())))
                .toList();
    }

    private List<SheetLeaf> leaves(UUID planId) {
        Map<String, KnownCriterion> known = index.plan(planId).map(KnownPlan::criteria).orElse(Map.of());
        Map<String, Appraisal> first = latestAppraisals(planId, Round.APPRAISAL);
        Map<String, Appraisal> last = latestAppraisals(planId, Round.FINAL_APPRAISAL);
        Map<String, Explanation> explanations = latestExplanations(planId);
        List<SheetLeaf> leaves = new ArrayList<>();
        for (LeafIndicators leaf : indicators.plan(planId)) {
            if (!leaf.applicable()) {
                continue;
            }
            String code = leaf.criterionCode();
            IndicatorView counting = leaf.latest();
            BigDecimal selfAssessed = leaf.points() == null ? null : Decimals.plain(leaf.points());
            Appraisal appraisal = first.get(code);
            Appraisal finalAppraisal = last.get(code);
            BigDecimal appraised = appraisal == null ? null : Decimals.plain(appraisal.points);
            BigDecimal finalAppraised = finalAppraisal == null ? null : Decimals.plain(finalAppraisal.points);
            Explanation explanation = explanations.get(code);
            KnownCriterion criterion = known.get(code);
            List<Evidence> evidence = counting == null ? List.of() : counting.evidence();
            leaves.add(new SheetLeaf(code, leaf.criterionTitle(), leaf.areaCode(), leaf.maxPoints(), leaf.rule(),
                    criterion == null ? List.of() : criterion.leadUnits(), selfAssessed,
                    counting == null ? null : counting.reportedAt(), evidence.size(), appraised,
                    appraisal == null ? null : appraisal.note, adjusted(appraised, selfAssessed),
                    explanation == null ? null
                            : new LeafExplanation(explanation.text, explanation.evidence, explanation.unit,
                                    explanation.submittedAt),
                    finalAppraised, finalAppraisal == null ? null : finalAppraisal.note,
                    finalPoints(finalAppraised, appraised, selfAssessed), evidence));
        }
        return leaves;
    }

    /** A leaf is adjusted when its first appraisal differs from its self-assessed points (none counts 0). */
    static boolean adjusted(BigDecimal appraised, BigDecimal selfAssessed) {
        return appraised != null && appraised.compareTo(selfAssessed == null ? BigDecimal.ZERO : selfAssessed) != 0;
    }

    /** The final appraisal, else the first, else the self-assessed points, else 0. */
    static BigDecimal finalPoints(BigDecimal finalAppraised, BigDecimal appraised, BigDecimal selfAssessed) {
        BigDecimal points = finalAppraised != null ? finalAppraised : appraised != null ? appraised : selfAssessed;
        return points == null ? BigDecimal.ZERO : points;
    }

    /** A closed leaf: its frozen figures, and what the sheet says besides (notes, explanation, evidence). */
    private static SheetLeaf frozenLeaf(ClosedLeaf f, SheetLeaf live) {
        return new SheetLeaf(f.criterionCode(), live == null ? "" : live.title(), live == null ? null : live.areaCode(),
                live == null ? null : live.maxPoints(), live == null ? null : live.rule(),
                live == null ? List.of() : live.leadUnits(), f.selfAssessed(),
                live == null ? null : live.selfAssessedAt(), live == null ? 0 : live.evidenceCount(), f.appraised(),
                live == null ? null : live.appraisalNote(), adjusted(f.appraised(), f.selfAssessed()),
                live == null ? null : live.explanation(), f.finalAppraised(), live == null ? null : live.finalNote(),
                f.finalPoints(), live == null ? List.of() : live.evidence());
    }

    private enum Totals {
        SELF_ASSESSED, APPRAISED, FINAL
    }

    /**
     * A sum over the leaves, exact: self-assessed (none: 0); appraised (the first appraisal, else the self-assessed
     * points); final.
     */
    private static BigDecimal total(List<SheetLeaf> leaves, Totals which) {
        BigDecimal sum = BigDecimal.ZERO;
        for (SheetLeaf leaf : leaves) {
            BigDecimal points = switch (which) {
                case SELF_ASSESSED -> leaf.selfAssessed();
                case APPRAISED -> leaf.appraised() != null ? leaf.appraised() : leaf.selfAssessed();
                case FINAL -> leaf.finalPoints();
            };
            sum = points == null ? sum : sum.add(points);
        }
        return Decimals.plain(sum);
    }

    private static Map<String, Appraisal> latestAppraisals(UUID planId, Round round) {
        Map<String, Appraisal> latest = new LinkedHashMap<>();
        for (Appraisal a : Appraisal.<Appraisal>list("planId = ?1 and round = ?2 order by eventSequence", planId, round)) {
            latest.put(a.criterionCode, a);
        }
        return latest;
    }

    private static Map<String, Explanation> latestExplanations(UUID planId) {
        Map<String, Explanation> latest = new LinkedHashMap<>();
        for (Explanation e : Explanation.<Explanation>list("planId = ?1 order by eventSequence", planId)) {
            latest.put(e.criterionCode, e);
        }
        return latest;
    }

    private AppraisalClosed frozen(String stored) {
        try {
            return json.readValue(stored, AppraisalClosed.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the frozen figures of a closed plan are not readable: " + stored, e);
        }
    }

    /** The payload as stored with the plan: the event's own JSON. */
    String write(AppraisalClosed closed) {
        try {
            return json.writeValueAsString(closed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the frozen figures", e);
        }
    }
}
