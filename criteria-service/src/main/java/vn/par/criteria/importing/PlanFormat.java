package vn.par.criteria.importing;

import java.util.Locale;
import java.util.Optional;

/** The file forms a plan table can be imported from. */
public enum PlanFormat {
    /** Tab-separated text, as Word exports a table (the layout of the sample plan). */
    TEXT,
    /** An Excel workbook (Office Open XML). */
    XLSX,
    /** A Word document (Office Open XML); the plan is read from its tables. */
    DOCX;

    /**
     * The format of an upload from its media type; parameters such as {@code ;charset=utf-8} and letter
     * case are ignored.
     *
     * @return empty for an unknown or missing media type
     */
    public static Optional<PlanFormat> fromContentType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        int parameters = mediaType.indexOf(';');
        String type = (parameters < 0 ? mediaType : mediaType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/tab-separated-values", "text/plain" -> Optional.of(TEXT);
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> Optional.of(XLSX);
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document" -> Optional.of(DOCX);
            default -> Optional.empty();
        };
    }
}
