package vn.par.criteria.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.criteria.plan.CriteriaTree;
import vn.par.criteria.plan.Criterion;
import vn.par.criteria.rule.Rule;
import vn.par.criteria.unit.Unit;

/**
 * How a criterion is scored, as the API, the pages and {@code par.plans} show it (docs/contracts/scoring-rules.md,
 * "In the plan"): a leaf has its rule ({@code MANUAL} when none was set), its flag and the import's proposal; a
 * parent has no rule and is applicable unless every leaf below it is not.
 *
 * @param rule      the leaf's rule; {@code null} for a parent
 * @param leadUnits the lead units named on the criterion's own row, groups expanded
 */
public record CriterionScoring(Rule rule, boolean applicable, String notApplicableReason, Rule proposedRule,
        String proposedRuleSource, List<Unit> leadUnits) {

    public static CriterionScoring of(CriteriaTree tree, Map<String, Criterion> byCode, String code) {
        Criterion c = byCode.get(code);
        List<Unit> lead = UnitDirectory.expand(c.leadUnits);
        if (!tree.isLeaf(code)) {
            return new CriterionScoring(null, anyLeafApplicable(tree, byCode, code), null, null, null, lead);
        }
        return new CriterionScoring(c.rule(), c.applicable, c.notApplicableReason, c.proposedRule().orElse(null),
                c.proposedRuleSource, lead);
    }

    private static boolean anyLeafApplicable(CriteriaTree tree, Map<String, Criterion> byCode, String code) {
        if (tree.isLeaf(code)) {
            return byCode.get(code).applicable;
        }
        return tree.childrenOf(code).stream().anyMatch(child -> anyLeafApplicable(tree, byCode, child));
    }

    public JsonNode ruleJson() {
        return rule == null ? null : rule.toJson();
    }

    public String ruleDescription() {
        return rule == null ? null : rule.describe();
    }

    public JsonNode proposedRuleJson() {
        return proposedRule == null ? null : proposedRule.toJson();
    }

    public List<String> leadUnitCodes() {
        return leadUnits.stream().map(u -> u.code).toList();
    }
}
