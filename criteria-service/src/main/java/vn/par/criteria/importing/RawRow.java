package vn.par.criteria.importing;

import java.util.List;

/**
 * A row as a reader found it: the cells' raw text, before any clean-up.
 *
 * @param location where the row is
 * @param segment  the part of the file the row belongs to: always 0 for text, the sheet for Excel, the table for Word.
 *                 Rows before the first header of a segment are preamble (see {@link PlanRowInterpreter}).
 * @param cells    the cells' raw text, never {@code null} (an empty cell is "")
 */
record RawRow(RowLocation location, int segment, List<String> cells) {

    RawRow {
        cells = List.copyOf(cells);
    }

    boolean isBlank() {
        return cells.stream().allMatch(String::isBlank);
    }
}
