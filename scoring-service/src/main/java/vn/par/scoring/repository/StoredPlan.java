package vn.par.scoring.repository;

import vn.par.scoring.projection.PlanInputs;

/** A plan as stored: its row and the inputs reported on it. */
public record StoredPlan(PlanRow row, PlanInputs inputs) {
}
