package vn.par.criteria.plan;

/** DRAFT → PUBLISHED → CLOSED. */
public enum PlanStatus {
    DRAFT,
    PUBLISHED,
    CLOSED
}
