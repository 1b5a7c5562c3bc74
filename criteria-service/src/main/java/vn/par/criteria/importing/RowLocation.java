package vn.par.criteria.importing;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where a row is in the imported file, for messages shown to the user.
 *
 * @param kind  which form the file had
 * @param sheet the sheet's name ({@link Kind#SHEET_ROW} only, otherwise {@code null})
 * @param table the 1-based table number ({@link Kind#TABLE_ROW} only, otherwise 0)
 * @param row   the 1-based line (text), row of the sheet (Excel) or row of the table (Word)
 */
public record RowLocation(Kind kind, String sheet, int table, int row) implements Serializable {

    public enum Kind {
        /** A line of a text file. */
        LINE,
        /** A row of an Excel sheet. */
        SHEET_ROW,
        /** A row of a Word table. */
        TABLE_ROW
    }

    public RowLocation {
        Objects.requireNonNull(kind, "kind");
        if (row < 1) {
            throw new IllegalArgumentException("row must be 1 or more: " + row);
        }
        if ((kind == Kind.SHEET_ROW) != (sheet != null)) {
            throw new IllegalArgumentException("a sheet name is required for, and only for, a sheet row");
        }
        if ((kind == Kind.TABLE_ROW) != (table > 0)) {
            throw new IllegalArgumentException("a table number is required for, and only for, a table row");
        }
    }

    public static RowLocation line(int line) {
        return new RowLocation(Kind.LINE, null, 0, line);
    }

    public static RowLocation sheetRow(String sheet, int row) {
        return new RowLocation(Kind.SHEET_ROW, sheet, 0, row);
    }

    public static RowLocation tableRow(int table, int row) {
        return new RowLocation(Kind.TABLE_ROW, null, table, row);
    }

    /** The location in Vietnamese: "dòng 33", "trang tính 'Sheet1', hàng 12" or "bảng 2, hàng 5". */
    public String describe() {
        return switch (kind) {
            case LINE -> "dòng " + row;
            case SHEET_ROW -> "trang tính '" + sheet + "', hàng " + row;
            case TABLE_ROW -> "bảng " + table + ", hàng " + row;
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
