package vn.par.criteria.importing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One row of the plan table. Text is NFC-normalised, HTML reduced to plain text and whitespace collapsed.
 * Points are exact decimals without trailing zeros ({@code 15,50} becomes {@code 15.5}, {@code 20} stays {@code 20}).
 *
 * @param location          where the row is in the imported file
 * @param code              the criterion code, e.g. {@code 1.3.1}
 * @param parentCode        the code without its last segment ({@code 1.3}); {@code null} for an area
 * @param title             the criterion's title (its lines joined with a space)
 * @param maxPoints         column (3), the maximum points; {@code null} when the cell is empty
 * @param baselinePoints    column (4), last year's points; {@code null} when the cell is empty
 * @param targetPoints      column (5), this year's target; {@code null} when the cell is empty
 * @param note              column (9), lines joined with a line feed; {@code null} when the cell is empty
 * @param tasksText         column (6) as written, lines joined with a line feed, before it is split into tasks (a
 *                          scoring rule stated there reads across tasks); {@code null} when the cell is empty
 * @param tasks             column (6), one entry per task; empty when the cell is empty
 * @param leadUnits         column (7), the unit names as written (not matched to known units)
 * @param coordinatingUnits column (8), the unit names as written
 */
public record ParsedCriterion(RowLocation location, String code, String parentCode, String title,
        BigDecimal maxPoints, BigDecimal baselinePoints, BigDecimal targetPoints, String note, String tasksText,
        List<String> tasks, List<String> leadUnits, List<String> coordinatingUnits) {

    public ParsedCriterion {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
        tasks = List.copyOf(tasks);
        leadUnits = List.copyOf(leadUnits);
        coordinatingUnits = List.copyOf(coordinatingUnits);
    }

    /** Whether this is a top-level criterion (an area, "lĩnh vực"). */
    public boolean isArea() {
        return parentCode == null;
    }
}
