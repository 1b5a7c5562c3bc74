package vn.par.criteria.plan;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Something the plan asks its administrator to check, about one criterion or ({@code code} null) the whole plan. */
@Embeddable
public class PlanWarning {

    @Column(name = "criterion_code")
    public String code;

    @Column(nullable = false)
    public String message;

    protected PlanWarning() {
    }

    public PlanWarning(String code, String message) {
        this.code = code;
        this.message = message;
    }
}
