package vn.par.progress.indicator;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.panache.common.Sort;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.problem.ProblemTypes;
import vn.par.progress.assessment.SelfAssessment;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.Plan;
import vn.par.progress.plan.PlanCriterion;
import vn.par.progress.report.Evidence;
import vn.par.progress.rule.Decimals;
import vn.par.progress.rule.Fact;
import vn.par.progress.rule.Rule;

/**
 * Indicators (chỉ số): the facts lead units report for leaves, checked and scored by the leaf's current rule
 * ({@link IndicatorWriter}), with the same Idempotency-Key semantics as progress reports; and reading them back.
 */
@ApplicationScoped
public class IndicatorService {

    /** How many of a leaf's indicators the plan's list shows, newest first. */
    static final int HISTORY = 20;
    static final int MAX_IDEMPOTENCY_KEY = 200;
    private static final Set<String> IDEMPOTENCY_INDEXES = Set.of("indicator_idempotency", "self_assessment_idempotency");

    private final IndicatorWriter writer;
    private final ObjectMapper json;

    public IndicatorService(IndicatorWriter writer, ObjectMapper json) {
        this.writer = writer;
        this.json = json;
    }

    /** The stored indicator, and whether this request stored it (false: a retry answered with the original). */
    public record Submitted(IndicatorView indicator, boolean created) {
    }

    public Submitted submit(Caller caller, UUID planId, String code, IndicatorRequest request, String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw ProblemException.badRequest("Idempotency-Key",
                    "Tiêu đề Idempotency-Key phải có từ 1 đến " + MAX_IDEMPOTENCY_KEY + " ký tự.");
        }
        List<Evidence> evidence = Evidence.listOf(request.evidence());
        String hash = idempotencyKey == null ? null : hash(planId, code, request, evidence);
        try {
            return new Submitted(writer.record(caller, planId, code, request, evidence, idempotencyKey, hash), true);
        } catch (ProblemException refused) {
            // A retry of an indicator accepted before the leaf's rule, its plan or its units changed gets the original.
            if (idempotencyKey != null) {
                return earlier(caller, idempotencyKey, hash).orElseThrow(() -> refused);
            }
            throw refused;
        } catch (RuntimeException e) {
            // A concurrent request with the same key committed first: nothing of this one was kept.
            if (idempotencyKey != null && isDuplicateKey(e)) {
                return earlier(caller, idempotencyKey, hash).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** One indicator of the plan, also a self-assessment (shown as {@code MANUAL}) and one a later one replaced. */
    public IndicatorView one(UUID planId, UUID id) {
        Indicator indicator = Indicator.findById(id);
        if (indicator != null && indicator.planId.equals(planId)) {
            return IndicatorView.of(indicator);
        }
        SelfAssessment assessment = SelfAssessment.findById(id);
        if (assessment != null && assessment.planId.equals(planId)) {
            return IndicatorView.of(assessment);
        }
        throw ProblemException.notFound("Không có chỉ số " + id + " trong kế hoạch " + planId + ".");
    }

    /** Every leaf of the plan in plan order, with its rule, the indicator that counts and its recent history. */
    public List<LeafIndicators> plan(UUID planId) {
        if (Plan.findById(planId) == null) {
            throw ProblemException.notFound("Không có kế hoạch " + planId + " (hoặc kế hoạch chưa được công bố).");
        }
        return leaves(PlanCriterion.list("planId = ?1 and leaf = true", Sort.by("position"), planId),
                recentFacts(planId, null));
    }

    /** One leaf of the plan as {@link #plan} shows it, or empty when the plan has no such leaf. */
    public Optional<LeafIndicators> leaf(UUID planId, String code) {
        List<PlanCriterion> leaf = PlanCriterion.list("planId = ?1 and code = ?2 and leaf = true", planId, code);
        return leaf.isEmpty() ? Optional.empty() : Optional.of(leaves(leaf, recentFacts(planId, code)).get(0));
    }

    private List<LeafIndicators> leaves(List<PlanCriterion> criteria, Map<String, List<Ranked>> facts) {
        List<LeafIndicators> leaves = new ArrayList<>(criteria.size());
        for (PlanCriterion c : criteria) {
            JsonNode ruleJson = ruleJson(c.rule);
            Rule rule = Rule.ofLeaf(ruleJson);
            List<Ranked> ofLeaf = facts.getOrDefault(c.code, List.of()).stream()
                    .sorted(Comparator.comparingLong(Ranked::sequence).reversed()).toList();
            IndicatorView latest = counting(rule, ofLeaf);
            leaves.add(new LeafIndicators(c.code, c.title, c.areaCode, ruleJson, c.ruleDescription, c.applicable,
                    c.notApplicableReason, Decimals.plain(c.maxPoints), latest,
                    latest == null ? null : Decimals.plain(rule.points(latest.fact(), c.maxPoints)),
                    ofLeaf.stream().limit(HISTORY).map(Ranked::view).toList()));
        }
        return leaves;
    }

    /** The indicator that counts for a leaf scored by {@code rule}, from its facts newest first; null if none. */
    private static IndicatorView counting(Rule rule, List<Ranked> newestFirst) {
        for (Ranked fact : newestFirst) {
            if (fact.view().ruleType() == rule.type()) {
                boolean fits = !(rule instanceof Rule.Tiers tiers) || tiers.option(fact.view().option()).isPresent();
                return fits ? fact.view() : null;
            }
        }
        return null;
    }

    /** An indicator or self-assessment with the sequence of its event, which orders them. */
    record Ranked(long sequence, IndicatorView view) {
    }

    /**
     * The newest {@value #HISTORY} indicators of each leaf and type, and self-assessments of each leaf (of the leaf
     * {@code code} only, unless null): enough for each leaf's history and for the latest of whatever type its rule
     * has now.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, List<Ranked>> recentFacts(UUID planId, String code) {
        String ofLeaf = code == null ? "" : " AND criterion_code = :code";
        Map<String, List<Ranked>> facts = new HashMap<>();
        Query indicators = Indicator.getEntityManager().createNativeQuery("""
                SELECT i.* FROM indicator i WHERE i.id IN (
                    SELECT id FROM (
                        SELECT id, row_number() OVER (PARTITION BY criterion_code, rule_type ORDER BY event_sequence DESC) AS n
                        FROM indicator WHERE plan_id = :plan%s) ranked
                    WHERE n <= :history)""".formatted(ofLeaf), Indicator.class);
        for (Indicator i : (List<Indicator>) bind(indicators, planId, code).getResultList()) {
            facts.computeIfAbsent(i.criterionCode, c -> new ArrayList<>()).add(new Ranked(i.eventSequence, IndicatorView.of(i)));
        }
        Query assessments = SelfAssessment.getEntityManager().createNativeQuery("""
                SELECT a.* FROM self_assessment a WHERE a.id IN (
                    SELECT id FROM (
                        SELECT id, row_number() OVER (PARTITION BY criterion_code ORDER BY event_sequence DESC) AS n
                        FROM self_assessment WHERE plan_id = :plan%s) ranked
                    WHERE n <= :history)""".formatted(ofLeaf), SelfAssessment.class);
        for (SelfAssessment a : (List<SelfAssessment>) bind(assessments, planId, code).getResultList()) {
            facts.computeIfAbsent(a.criterionCode, c -> new ArrayList<>()).add(new Ranked(a.eventSequence, IndicatorView.of(a)));
        }
        return facts;
    }

    private static Query bind(Query query, UUID planId, String code) {
        query.setParameter("plan", planId).setParameter("history", HISTORY);
        return code == null ? query : query.setParameter("code", code);
    }

    /** The stored rule as JSON; a leaf copied from a snapshot without rules is {@code MANUAL}. */
    private JsonNode ruleJson(String stored) {
        try {
            return json.readTree(stored == null ? "{\"type\":\"MANUAL\"}" : stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rule is not JSON: " + stored, e);
        }
    }

    /** The indicator this caller already stored under the key: the same request gets it back, another one a 422. */
    private Optional<Submitted> earlier(Caller caller, String idempotencyKey, String hash) {
        Indicator indicator = Indicator.<Indicator>find("reportedBy = ?1 and idempotencyKey = ?2", caller.person(),
                idempotencyKey).firstResult();
        if (indicator != null) {
            return Optional.of(retried(idempotencyKey, hash, indicator.requestHash, indicator.reportedAt,
                    IndicatorView.of(indicator)));
        }
        SelfAssessment assessment = SelfAssessment.<SelfAssessment>find("assessedBy = ?1 and idempotencyKey = ?2",
                caller.person(), idempotencyKey).firstResult();
        if (assessment != null) {
            return Optional.of(retried(idempotencyKey, hash, assessment.requestHash, assessment.assessedAt,
                    IndicatorView.of(assessment)));
        }
        return Optional.empty();
    }

    private static Submitted retried(String idempotencyKey, String hash, String earlierHash, Instant earlierAt,
            IndicatorView earlier) {
        if (!earlierHash.equals(hash)) {
            throw new ProblemException(Problem.of(422, "Khóa Idempotency-Key đã được dùng",
                    "Khóa Idempotency-Key '" + idempotencyKey + "' đã được dùng cho một chỉ số khác (lúc " + earlierAt
                            + "). Mỗi chỉ số mới cần một khóa mới; chỉ gửi lại đúng nội dung cũ với khóa cũ.")
                    .withType(ProblemTypes.IDEMPOTENCY_MISMATCH).withField("Idempotency-Key"));
        }
        return new Submitted(earlier, false);
    }

    /** What a retry must repeat exactly: the leaf and the body, read as values (spacing, member order, 1.50 = 1.5). */
    private record CanonicalRequest(UUID planId, String code, Fact fact, String comment, List<Evidence> evidence,
            String unit) {
    }

    private String hash(UUID planId, String code, IndicatorRequest r, List<Evidence> evidence) {
        try {
            byte[] canonical = json.writeValueAsBytes(new CanonicalRequest(planId, code, r.fact(), r.comment(), evidence,
                    r.unit()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash an indicator request", e);
        }
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState()) && sql.getMessage() != null
                    && IDEMPOTENCY_INDEXES.stream().anyMatch(sql.getMessage()::contains)) {
                return true;
            }
        }
        return false;
    }
}
