package vn.par.criteria.plan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One criterion of a plan (area, criterion or sub-criterion) with its declared figures. */
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

    @OneToMany(mappedBy = "criterion", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<Task> tasks = new ArrayList<>();

    public BigDecimal get(Points field) {
        return switch (field) {
            case maxPoints -> maxPoints;
            case baselinePoints -> baselinePoints;
            case targetPoints -> targetPoints;
        };
    }

    public void set(Points field, BigDecimal value) {
        switch (field) {
            case maxPoints -> maxPoints = value;
            case baselinePoints -> baselinePoints = value;
            case targetPoints -> targetPoints = value;
        }
    }
}
