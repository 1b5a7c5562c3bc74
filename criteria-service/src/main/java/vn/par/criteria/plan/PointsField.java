package vn.par.criteria.plan;

/**
 * The three points fields every criterion declares (maximum, last year's, this year's target); their names are the
 * {@code field} of findings and problems.
 */
public enum PointsField {
    maxPoints,
    baselinePoints,
    targetPoints
}
