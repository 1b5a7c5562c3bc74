package vn.par.scoring.projection;

/** Why a task puts its criterion at risk. */
public enum RiskReason {
    /** Its latest lead report says BLOCKED. */
    BLOCKED,
    /** Its due date has passed and it is not DONE. */
    OVERDUE
}
