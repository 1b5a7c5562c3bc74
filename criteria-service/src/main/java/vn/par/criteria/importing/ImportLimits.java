package vn.par.criteria.importing;

/** Bounds on what an import reads, so that a hostile or broken file fails cleanly instead of exhausting memory. */
final class ImportLimits {

    /** The largest upload read, in bytes (a real plan is well under 1 MB in any form). */
    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    /** The most non-blank rows read from a file (headers, preamble and data rows together). */
    static final int MAX_ROWS = 50_000;
    /** The most criterion rows in one plan. */
    static final int MAX_DATA_ROWS = 10_000;
    /** The longest cell, in characters, before HTML is reduced. */
    static final int MAX_CELL_CHARS = 20_000;
    /** The most problems reported; more are summarised by one last problem. */
    static final int MAX_PROBLEMS = 200;

    /** The largest part of an .xlsx/.docx zip once inflated. */
    static final long MAX_ZIP_ENTRY_BYTES = 20L * 1024 * 1024;
    /** The most bytes all parts of an .xlsx/.docx zip inflate to together. */
    static final long MAX_ZIP_TOTAL_BYTES = 50L * 1024 * 1024;
    /** The most parts in an .xlsx/.docx zip. */
    static final int MAX_ZIP_ENTRIES = 1_000;

    private ImportLimits() {
    }
}
