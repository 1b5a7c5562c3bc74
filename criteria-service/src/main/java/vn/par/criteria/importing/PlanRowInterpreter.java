package vn.par.criteria.importing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the rows of any file form into criteria and checks them.
 *
 * <p>Rows are classified by their first cell. In each segment (the text file, a sheet, a Word table), rows before
 * the first header row ("STT ...") are preamble and ignored. After a header come optional header continuation rows
 * (first cell empty: "Chủ trì / Phối hợp / Ghi chú", wherever "Ghi chú" sits), the column-number row "(1) ... (9)",
 * then data rows: every other non-blank row is a data row and its first cell must be a criterion code. A header may
 * be repeated anywhere, also at the very end with nothing after it. A segment without a header of its own that
 * starts straight with a data or column-number row continues the table when a header was seen in an earlier
 * segment (a Word table split in two); any other headerless segment (a title block, a signature table, a notes
 * sheet) is ignored.
 *
 * <p>All problems are collected, row by row in file order, and thrown together; problems of the whole file (no
 * table, no rows) and exceeded limits are thrown at once.
 */
final class PlanRowInterpreter {

    static final int COLUMNS = 9;
    /** The API field of each column. */
    private static final List<String> FIELDS = List.of("code", "title", "maxPoints", "baselinePoints", "targetPoints",
            "tasks", "leadUnits", "coordinatingUnits", "note");

    private static final Pattern CODE = Pattern.compile("\\d+(?:\\.\\d+)*");
    private static final Pattern HEADER =
            Pattern.compile("(?:s|số ?)?tt|số thứ tự", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern FIRST_COLUMN_NUMBER = Pattern.compile("\\(\\s*1\\s*\\)");
    /** Points: digits with an optional decimal comma or point; a leading minus is recognised to say why it is wrong. */
    private static final Pattern POINTS = Pattern.compile("([-\u2212] ?)?(\\d+(?:[.,]\\d+)?)");
    private static final int QUOTED_TEXT_MAX = 60;

    private enum State { PREAMBLE, HEADER, DATA }

    /** A data row and what was found wrong with it. */
    private static final class Entry {
        final RowLocation location;
        final List<ImportProblem> problems = new ArrayList<>();
        /** The valid code, or {@code null} when the code is bad. */
        String code;
        /** The criterion, or {@code null} when the row has a problem of its own. */
        ParsedCriterion criterion;

        Entry(RowLocation location) {
            this.location = location;
        }

        void problem(String field, String message) {
            problems.add(new ImportProblem(location, field, message));
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private boolean sawHeader;

    private PlanRowInterpreter() {
    }

    /** @param rows the non-blank rows of a file, in order */
    static ParsedPlan interpret(List<RawRow> rows) throws PlanImportException {
        return new PlanRowInterpreter().run(rows);
    }

    private ParsedPlan run(List<RawRow> rows) throws PlanImportException {
        readRows(rows);
        if (entries.isEmpty()) {
            throw new PlanImportException(ImportProblem.ofFile(rows.isEmpty() ? "Tệp không có nội dung"
                    : !sawHeader ? "Không tìm thấy bảng kế hoạch: không có hàng tiêu đề bắt đầu bằng 'STT'"
                    : "Bảng không có hàng tiêu chí nào (hàng bắt đầu bằng mã như 1, 1.1, 1.1.1)"));
        }
        checkAcrossRows();
        List<ImportProblem> problems = new ArrayList<>();
        List<ParsedCriterion> criteria = new ArrayList<>();
        for (Entry entry : entries) {
            problems.addAll(entry.problems);
            if (entry.criterion != null) {
                criteria.add(entry.criterion);
            }
        }
        if (!problems.isEmpty()) {
            throw new PlanImportException(capped(problems));
        }
        return new ParsedPlan(criteria);
    }

    private void readRows(List<RawRow> rows) throws PlanImportException {
        State state = State.PREAMBLE;
        int segment = -1;
        for (RawRow row : rows) {
            boolean firstOfSegment = row.segment() != segment;
            if (firstOfSegment) {
                segment = row.segment();
                state = State.PREAMBLE;
            }
            String first = CellText.singleLine(row.cells().get(0));
            if (HEADER.matcher(first).matches()) {
                state = State.HEADER;
                sawHeader = true;
                continue;
            }
            boolean columnNumbers = isColumnNumberRow(row, first);
            // Before its header a segment is preamble, unless it starts straight with rows that continue the table.
            if (state == State.PREAMBLE
                    && !(sawHeader && firstOfSegment && (columnNumbers || code(first) != null))) {
                continue;
            }
            if (columnNumbers) {
                state = State.DATA;
                continue;
            }
            if (state == State.HEADER && first.isEmpty()) {
                continue; // a continuation line of the header
            }
            state = State.DATA;
            if (entries.size() == ImportLimits.MAX_DATA_ROWS) {
                throw new PlanImportException(new ImportProblem(row.location(), "file",
                        "Bảng có quá nhiều hàng tiêu chí (tối đa " + ImportLimits.MAX_DATA_ROWS + ")"));
            }
            entries.add(dataRow(row, first));
        }
    }

    /** "(1) (2) ... (9)", or the same numbers without parentheses (which would otherwise read as criterion 1). */
    private static boolean isColumnNumberRow(RawRow row, String first) {
        if (FIRST_COLUMN_NUMBER.matcher(first).matches()) {
            return true;
        }
        if (row.cells().size() < COLUMNS) {
            return false;
        }
        for (int i = 0; i < COLUMNS; i++) {
            if (!CellText.singleLine(row.cells().get(i)).equals(String.valueOf(i + 1))) {
                return false;
            }
        }
        return true;
    }

    private static Entry dataRow(RawRow row, String first) {
        Entry entry = new Entry(row.location());
        entry.code = code(first);
        if (entry.code == null) {
            entry.problem("code", first.isEmpty() ? "Mã tiêu chí không hợp lệ: ô mã tiêu chí để trống"
                    : "Mã tiêu chí không hợp lệ: '" + quoted(first) + "' (mã có dạng 1, 1.2 hoặc 1.2.3)");
            return entry;
        }
        List<String> cells = row.cells();
        if (cells.size() != COLUMNS) {
            entry.problem(null, widthMessage(row.location(), cells.size()));
            return entry;
        }
        for (int i = 0; i < COLUMNS; i++) {
            if (cells.get(i).length() > ImportLimits.MAX_CELL_CHARS) {
                entry.problem(FIELDS.get(i), "Nội dung ô quá dài (" + cells.get(i).length() + " ký tự, tối đa "
                        + ImportLimits.MAX_CELL_CHARS + ")");
            }
        }
        if (!entry.problems.isEmpty()) {
            return entry;
        }
        String title = CellText.singleLine(cells.get(1));
        if (title.isEmpty()) {
            entry.problem("title", "Thiếu tên tiêu chí");
        }
        BigDecimal max = points(entry, cells.get(2), 2, "Điểm tối đa");
        BigDecimal baseline = points(entry, cells.get(3), 3, "Điểm đạt được năm trước");
        BigDecimal target = points(entry, cells.get(4), 4, "Điểm mục tiêu");
        if (entry.problems.isEmpty()) {
            entry.criterion = new ParsedCriterion(row.location(), entry.code, parentOf(entry.code), title,
                    max, baseline, target, CellText.multiLine(cells.get(8)), CellText.multiLine(cells.get(5)),
                    CellText.tasks(cells.get(5)), CellText.units(cells.get(6)), CellText.units(cells.get(7)));
        }
        return entry;
    }

    private static String widthMessage(RowLocation location, int width) {
        return switch (location.kind()) {
            case LINE -> "Dòng dữ liệu phải có đúng " + COLUMNS + " cột phân cách bằng dấu tab, nhận được " + width;
            case SHEET_ROW -> "Hàng dữ liệu chỉ được có " + COLUMNS + " cột (A đến I), nhưng có nội dung ở cột thứ " + width;
            case TABLE_ROW -> "Hàng dữ liệu phải có đúng " + COLUMNS + " ô, nhận được " + width + " (có ô bị gộp?)";
        };
    }

    /** A points cell: empty is absent ({@code null}); otherwise a non-negative decimal with a comma or a point. */
    private static BigDecimal points(Entry entry, String raw, int column, String label) {
        String text = CellText.singleLine(raw);
        if (text.isEmpty()) {
            return null;
        }
        Matcher matcher = POINTS.matcher(text);
        if (!matcher.matches()) {
            entry.problem(FIELDS.get(column), label + " phải là số (ví dụ 15,5), nhận được '" + quoted(text) + "'");
            return null;
        }
        if (matcher.group(1) != null) {
            entry.problem(FIELDS.get(column), label + " không được là số âm, nhận được '" + text + "'");
            return null;
        }
        BigDecimal value = new BigDecimal(matcher.group(2).replace(',', '.')).stripTrailingZeros();
        // stripTrailingZeros() turns 20 into 2E+1; keep integers at scale 0 so that equal points compare equal.
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /**
     * Duplicates, missing parents and, for leaves, points above the maximum. A child may come before its parent in
     * the table: the parent only has to exist somewhere. Rows whose code is bad take no part.
     */
    private void checkAcrossRows() {
        Map<String, Entry> byCode = new HashMap<>();
        Set<String> parents = new HashSet<>();
        for (Entry entry : entries) {
            if (entry.code == null) {
                continue;
            }
            Entry earlier = byCode.putIfAbsent(entry.code, entry);
            if (earlier != null) {
                entry.problem("code", "Mã tiêu chí '" + entry.code + "' bị trùng: đã có ở " + earlier.location.describe());
            }
            String parent = parentOf(entry.code);
            if (parent != null) {
                parents.add(parent);
            }
        }
        for (Entry entry : entries) {
            String parent = entry.code == null ? null : parentOf(entry.code);
            if (parent != null && !byCode.containsKey(parent)) {
                entry.problem("code", "Không có tiêu chí cha '" + parent + "' của tiêu chí '" + entry.code + "' trong bảng");
            }
            ParsedCriterion criterion = entry.criterion;
            if (criterion != null && !parents.contains(criterion.code())) {
                checkNotAboveMax(entry, criterion.baselinePoints(), criterion.maxPoints(), 3, "Điểm đạt được năm trước");
                checkNotAboveMax(entry, criterion.targetPoints(), criterion.maxPoints(), 4, "Điểm mục tiêu");
            }
        }
    }

    private static void checkNotAboveMax(Entry entry, BigDecimal points, BigDecimal max, int column, String label) {
        if (points != null && max != null && points.compareTo(max) > 0) {
            entry.problem(FIELDS.get(column),
                    label + " (" + decimal(points) + ") lớn hơn điểm tối đa (" + decimal(max) + ")");
        }
    }

    private static List<ImportProblem> capped(List<ImportProblem> problems) {
        if (problems.size() <= ImportLimits.MAX_PROBLEMS) {
            return problems;
        }
        List<ImportProblem> shown = new ArrayList<>(problems.subList(0, ImportLimits.MAX_PROBLEMS));
        shown.add(ImportProblem.ofFile("Còn " + (problems.size() - ImportLimits.MAX_PROBLEMS) + " lỗi khác không được liệt kê"));
        return shown;
    }

    /** The code of a first cell ("1.3.1"; a trailing "." as in "1." is dropped), or {@code null} if it is none. */
    private static String code(String first) {
        String code = first.endsWith(".") ? first.substring(0, first.length() - 1).trim() : first;
        return CODE.matcher(code).matches() ? code : null;
    }

    private static String parentOf(String code) {
        int dot = code.lastIndexOf('.');
        return dot < 0 ? null : code.substring(0, dot);
    }

    private static String decimal(BigDecimal value) {
        return value.toPlainString().replace('.', ',');
    }

    private static String quoted(String text) {
        return text.length() <= QUOTED_TEXT_MAX ? text : text.substring(0, QUOTED_TEXT_MAX) + "…";
    }
}
