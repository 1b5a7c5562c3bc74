package vn.par.progress.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vn.par.progress.report.Evidence;

/**
 * The evidence rows of a form (title + URL, {@value #ROWS} of them). Rows left empty are not sent; the others
 * become the request's evidence list in order, and the API's field names ({@code evidence[0].url}) are mapped
 * back to the row the person typed in.
 */
final class EvidenceRows {

    static final int ROWS = 5;
    private static final Pattern ITEM = Pattern.compile("^evidence\\[(\\d+)]");

    /** One row as shown on the form. */
    public record Row(int index, String title, String url) {
        /** The number people see (1-based). */
        public int number() {
            return index + 1;
        }

        public String titleField() {
            return "evidence[" + index + "].title";
        }

        public String urlField() {
            return "evidence[" + index + "].url";
        }
    }

    private final List<Row> rows;
    private final List<Evidence> items = new ArrayList<>();
    private final List<Integer> rowOfItem = new ArrayList<>();

    private EvidenceRows(List<Row> rows, UUID uploaded) {
        this.rows = rows;
        for (Row row : rows) {
            if (!row.title().isBlank() || !row.url().isBlank()) {
                items.add(new Evidence(row.title().strip(), row.url().strip()));
                rowOfItem.add(row.index());
            }
        }
        if (uploaded != null) {
            items.add(Evidence.file(uploaded));
        }
    }

    static EvidenceRows blank() {
        return of(List.of(), List.of());
    }

    /** The rows from the form's repeated {@code evidenceTitle} and {@code evidenceUrl} fields. */
    static EvidenceRows of(List<String> titles, List<String> urls) {
        return of(titles, urls, null);
    }

    /** The rows, and after their links the file uploaded with the form ({@code uploaded}, null for none). */
    static EvidenceRows of(List<String> titles, List<String> urls, UUID uploaded) {
        List<Row> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(new Row(i, valueAt(titles, i), valueAt(urls, i)));
        }
        return new EvidenceRows(rows, uploaded);
    }

    List<Row> rows() {
        return rows;
    }

    /** The evidence to send, or null when no row was filled in (as a client that sends none). */
    List<Evidence> items() {
        return items.isEmpty() ? null : List.copyOf(items);
    }

    /** Renames {@code evidence[i]...} of the request to {@code evidence[row]...} of the form. */
    UnaryOperator<String> toFormRows() {
        return field -> {
            Matcher m = ITEM.matcher(field);
            if (!m.find()) {
                return field;
            }
            int item = Integer.parseInt(m.group(1));
            if (item >= rowOfItem.size()) {
                return "file"; // the item after the rows is the uploaded file
            }
            return "evidence[" + rowOfItem.get(item) + "]" + field.substring(m.end());
        };
    }

    private static String valueAt(List<String> values, int i) {
        return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
    }
}
