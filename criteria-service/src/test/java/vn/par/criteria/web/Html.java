package vn.par.criteria.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pieces of the pages' HTML the tests look into. */
final class Html {

    private Html() {
    }

    /** The {@code <tr>} of the tree table for a criterion (its own row, not its tasks). */
    static String criterionRow(String html, String code) {
        int start = html.indexOf("<tr id=\"c-" + code + "\"");
        assertTrue(start >= 0, "no row for criterion " + code);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    /** The task row that follows a criterion's row, or "" if it has no tasks. */
    static String tasksOf(String html, String code) {
        int start = html.indexOf("</tr>", html.indexOf("<tr id=\"c-" + code + "\"")) + 5;
        int next = html.indexOf("<tr", start);
        if (next < 0 || !html.startsWith("<tr class=\"tasks\">", next)) {
            return "";
        }
        return html.substring(next, html.indexOf("</tr>", next));
    }

    /** The table row holding a link to {@code href}. */
    static String rowLinking(String html, String href) {
        int link = html.indexOf("href=\"" + href + "\"");
        assertTrue(link >= 0, "no link to " + href);
        int start = html.lastIndexOf("<tr", link);
        return html.substring(start, html.indexOf("</tr>", link));
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** The text between the first {@code open} and the following {@code close}. */
    static String between(String html, String open, String close) {
        int start = html.indexOf(open);
        assertTrue(start >= 0, "no " + open);
        return html.substring(start, html.indexOf(close, start));
    }
}
