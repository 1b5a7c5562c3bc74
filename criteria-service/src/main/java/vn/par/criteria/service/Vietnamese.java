package vn.par.criteria.service;

import java.math.BigDecimal;

/** Numbers the way Vietnamese officials write them: a decimal comma ({@code 15,5}). */
public final class Vietnamese {

    private Vietnamese() {
    }

    public static String number(BigDecimal value) {
        return value == null ? "(trống)" : value.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    public static String field(String field) {
        return switch (field) {
            case "maxPoints" -> "Điểm tối đa";
            case "baselinePoints" -> "Điểm năm trước";
            case "targetPoints" -> "Mục tiêu";
            case "title" -> "Tên tiêu chí";
            case "note" -> "Ghi chú";
            default -> field;
        };
    }
}
