package vn.par.progress.appraisal;

/**
 * The rounds of a plan's year-end appraisal, in the only order they are opened (docs/contracts/appraisal.md,
 * "Rounds").
 */
public enum Round {
    SELF_ASSESSMENT("Tự đánh giá, chấm điểm"),
    APPRAISAL("Thẩm định"),
    EXPLANATION("Giải trình"),
    FINAL_APPRAISAL("Thẩm định lại"),
    CLOSED("Đã chốt kết quả");

    private final String label;

    Round(String label) {
        this.label = label;
    }

    /** The Vietnamese name people see. */
    public String label() {
        return label;
    }

    /** The round opened after {@code current} (null: none is open yet), or null after {@code CLOSED}. */
    public static Round after(Round current) {
        if (current == null) {
            return SELF_ASSESSMENT;
        }
        return current == CLOSED ? null : values()[current.ordinal() + 1];
    }

    /** The round whose latest appraisal is the leaf's first ({@code APPRAISAL}) or final ({@code FINAL_APPRAISAL}). */
    public boolean appraises() {
        return this == APPRAISAL || this == FINAL_APPRAISAL;
    }
}
