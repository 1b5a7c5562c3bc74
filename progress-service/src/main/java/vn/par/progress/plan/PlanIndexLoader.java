package vn.par.progress.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.par.progress.appraisal.Round;
import vn.par.progress.plan.PlanIndex.KnownCriterion;
import vn.par.progress.plan.PlanIndex.KnownPlan;
import vn.par.progress.plan.PlanIndex.KnownTask;
import vn.par.progress.rule.Rule;

/**
 * Reads one plan's copy from the database in the shape the {@link PlanIndex} holds. Only scalar columns are
 * selected, so a read made inside a caller's transaction puts no entity into its persistence context.
 */
@ApplicationScoped
public class PlanIndexLoader {

    /** A plan as the database holds it, with its active tasks. */
    /** A plan as the database holds it, with its active tasks and its current appraisal round (null: none yet). */
    public record LoadedPlan(KnownPlan plan, List<KnownTask> activeTasks, Round round) {
    }

    private final Session session;
    private final ObjectMapper json;

    public PlanIndexLoader(Session session, ObjectMapper json) {
        this.session = session;
        this.json = json;
    }

    /** The plan's copy as committed now, or empty if this service holds no such plan. */
    @Transactional
    public Optional<LoadedPlan> load(UUID planId) {
        // The version first: a snapshot committed between these reads leaves newer criteria or tasks under the
        // older version, which that snapshot's own refresh then replaces (never the reverse).
        Object[] head = session.createSelectionQuery("""
                select p.version, p.status, p.agencyName, p.agencyUnitCodes, a.round from Plan p
                left join PlanAppraisal a on a.planId = p.id
                where p.id = :id""", Object[].class)
                .setParameter("id", planId).getSingleResultOrNull();
        if (head == null) {
            return Optional.empty();
        }
        List<Object[]> criteria = session.createSelectionQuery(
                "select code, leaf, maxPoints, rule, applicable, leadUnits from PlanCriterion where planId = :id order by position",
                Object[].class)
                .setParameter("id", planId).getResultList();
        List<Object[]> tasks = session.createSelectionQuery(
                "select id, criterionCode, leadUnits, coordinatingUnits from Task where planId = :id and active = true",
                Object[].class).setParameter("id", planId).getResultList();

        List<KnownTask> known = new ArrayList<>(tasks.size());
        Map<String, Set<String>> leadsByCriterion = new HashMap<>();
        for (Object[] t : tasks) {
            String criterion = ((String) t[1]).intern();
            List<String> leads = interned((String[]) t[2]);
            known.add(new KnownTask((UUID) t[0], planId, criterion, leads, interned((String[]) t[3])));
            leadsByCriterion.computeIfAbsent(criterion, c -> new LinkedHashSet<>()).addAll(leads);
        }
        Map<String, KnownCriterion> knownCriteria = new LinkedHashMap<>();
        for (Object[] c : criteria) {
            String code = (String) c[0];
            boolean leaf = (Boolean) c[1];
            Set<String> leads = leadsByCriterion.get(code);
            knownCriteria.put(code, new KnownCriterion(code, leaf, (BigDecimal) c[2],
                    leads == null || leads.isEmpty() ? interned((String[]) c[5]) : List.copyOf(leads),
                    leaf ? rule((String) c[3]) : null, (Boolean) c[4]));
        }
        KnownPlan plan = new KnownPlan(planId, (Long) head[0], (String) head[1],
                PlanAgency.of((String) head[2], (String[]) head[3]), knownCriteria);
        return Optional.of(new LoadedPlan(plan, known, (Round) head[4]));
    }

    /** The plan a task belongs to (active or dropped), or empty if no plan held here has that task. */
    @Transactional
    public Optional<UUID> planOfTask(UUID taskId) {
        return Optional.ofNullable(session.createSelectionQuery("select planId from Task where id = :id", UUID.class)
                .setParameter("id", taskId).getSingleResultOrNull());
    }

    /** A leaf's rule as stored by {@link PlanCopyService}, which only stores rules it can read. */
    private Rule rule(String stored) {
        try {
            return Rule.ofLeaf(stored == null ? null : json.readTree(stored));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rule is not JSON: " + stored, e);
        }
    }

    /** Unit codes repeat across thousands of tasks: one String per code keeps the index small. */
    private static List<String> interned(String[] codes) {
        List<String> result = new ArrayList<>(codes.length);
        for (String code : codes) {
            result.add(code.intern());
        }
        return List.copyOf(result);
    }
}
