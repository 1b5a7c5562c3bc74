package vn.par.criteria.importing;

import java.io.Serializable;
import java.util.Objects;

/**
 * One reason a plan file was rejected.
 *
 * @param location the row; {@code null} for a problem of the whole file
 * @param field    the API field concerned ({@code code}, {@code title}, {@code maxPoints}, {@code baselinePoints},
 *                 {@code targetPoints}, {@code tasks}, {@code leadUnits}, {@code coordinatingUnits}, {@code note},
 *                 or {@code file} for the whole file); {@code null} when the problem is the shape of the row
 *                 (a data row without exactly 9 columns)
 * @param message  what is wrong, in Vietnamese, for the user
 */
public record ImportProblem(RowLocation location, String field, String message) implements Serializable {

    public ImportProblem {
        Objects.requireNonNull(message, "message");
    }

    static ImportProblem ofFile(String message) {
        return new ImportProblem(null, "file", message);
    }

    /** The problem in one line, e.g. "dòng 33, maxPoints: Điểm tối đa phải là số ...". */
    public String describe() {
        String where = location == null ? "" : location.describe();
        String what = field == null ? "" : field;
        String prefix = where.isEmpty() || what.isEmpty() ? where + what : where + ", " + what;
        return prefix.isEmpty() ? message : prefix + ": " + message;
    }
}
