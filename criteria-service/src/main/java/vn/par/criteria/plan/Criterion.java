package vn.par.criteria.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import vn.par.criteria.rule.Rule;
import vn.par.criteria.rule.RuleJson;
import vn.par.criteria.unit.Unit;

/**
 * One criterion of a plan (area, criterion or sub-criterion) with its declared figures and, for a leaf, how it is
 * scored: its rule, whether it applies this year, and the rule the import proposes.
 */
@Entity
public class Criterion extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    @Column(nullable = false)
    public String code;

    /** Tree order within the plan. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String title;

    @Column(name = "max_points")
    public BigDecimal maxPoints;

    @Column(name = "baseline_points")
    public BigDecimal baselinePoints;

    @Column(name = "target_points")
    public BigDecimal targetPoints;

    public String note;

    /** The rule's canonical JSON; null for the default, {@code MANUAL}. Only leaves have one. */
    @Column(name = "rule")
    public String ruleJson;

    /** False when the leaf is not applicable ("Không áp dụng") in the plan's year. */
    @Column(nullable = false)
    public boolean applicable = true;

    @Column(name = "not_applicable_reason")
    public String notApplicableReason;

    /** The canonical JSON of the rule the import recognised in the row's text, until it is accepted or replaced. */
    @Column(name = "proposed_rule")
    public String proposedRuleJson;

    @Column(name = "proposed_rule_source")
    public String proposedRuleSource;

    /** The lead units (chủ trì) named on the criterion's own row, as the plan names them (groups unexpanded). */
    @ManyToMany
    @JoinTable(name = "criterion_unit", joinColumns = @JoinColumn(name = "criterion_id"),
            inverseJoinColumns = @JoinColumn(name = "unit_id"))
    @OrderColumn(name = "position")
    public List<Unit> leadUnits = new ArrayList<>();

    @OneToMany(mappedBy = "criterion", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Task> tasks = new ArrayList<>();

    public BigDecimal get(PointsField field) {
        return switch (field) {
            case maxPoints -> maxPoints;
            case baselinePoints -> baselinePoints;
            case targetPoints -> targetPoints;
        };
    }

    public void set(PointsField field, BigDecimal value) {
        switch (field) {
            case maxPoints -> maxPoints = value;
            case baselinePoints -> baselinePoints = value;
            case targetPoints -> targetPoints = value;
        }
    }

    /** The rule a leaf is scored by: the one set, or {@code MANUAL}. */
    public Rule rule() {
        return ruleJson == null ? RuleJson.MANUAL : RuleJson.fromCanonical(ruleJson);
    }

    public Optional<Rule> proposedRule() {
        return Optional.ofNullable(proposedRuleJson).map(RuleJson::fromCanonical);
    }

    /** Sets the rule and drops the proposal: a rule set by a person replaces whatever the import offered. */
    public void applyRule(Rule rule) {
        ruleJson = rule.canonical();
        proposedRuleJson = null;
        proposedRuleSource = null;
    }
}
