package vn.par.criteria.plan;

import java.util.Comparator;
import java.util.regex.Pattern;

/** Criterion codes: {@code 1}, {@code 1.3}, {@code 1.3.1}, any depth. */
public final class CriterionCode {

    private static final Pattern CODE = Pattern.compile("\\d{1,4}(\\.\\d{1,4}){0,9}");

    /** Orders codes as people read them: 1.2 before 1.10, a parent before its children. */
    public static final Comparator<String> ORDER = CriterionCode::compare;

    private CriterionCode() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** {@code 1.3} for {@code 1.3.1}; null for an area. */
    public static String parentOf(String code) {
        int dot = code.lastIndexOf('.');
        return dot < 0 ? null : code.substring(0, dot);
    }

    /** {@code 1} for {@code 1.3.1}. */
    public static String areaOf(String code) {
        int dot = code.indexOf('.');
        return dot < 0 ? code : code.substring(0, dot);
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
