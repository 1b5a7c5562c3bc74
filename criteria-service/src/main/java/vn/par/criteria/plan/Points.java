package vn.par.criteria.plan;

/** The three figures every criterion carries. Also the {@code field} names in findings and problems. */
public enum Points {
    maxPoints,
    baselinePoints,
    targetPoints
}
