package vn.par.scoring.projection;

/** A unit by code and display name. */
public record UnitRef(String code, String name) {
}
