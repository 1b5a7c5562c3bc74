package vn.par.criteria.importing;

import java.util.ArrayList;
import java.util.List;

/** Gathers the non-blank rows a reader finds, up to {@link ImportLimits#MAX_ROWS}. */
final class RowCollector {

    private final List<RawRow> rows = new ArrayList<>();

    void add(RowLocation location, int segment, List<String> cells) throws PlanImportException {
        RawRow row = new RawRow(location, segment, cells);
        if (row.isBlank()) {
            return;
        }
        if (rows.size() == ImportLimits.MAX_ROWS) {
            throw new PlanImportException(new ImportProblem(location, "file",
                    "Tệp có quá nhiều hàng (tối đa " + ImportLimits.MAX_ROWS + " hàng có nội dung)"));
        }
        rows.add(row);
    }

    List<RawRow> rows() {
        return rows;
    }
}
