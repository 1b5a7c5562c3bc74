package vn.par.criteria.importing;

import java.util.List;

/**
 * A plan table that passed every check of {@link PlanTableParser}.
 *
 * @param criteria the criteria in table order; a child may come before its parent (see {@link PlanTableParser})
 */
public record ParsedPlan(List<ParsedCriterion> criteria) {

    public ParsedPlan {
        criteria = List.copyOf(criteria);
    }
}
