package vn.par.infra.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}): what went wrong, in words a person can
 * act on. Titles and details are Vietnamese; member names are the RFC's, plus three extensions: the offending
 * {@code field}, the {@code row} of an imported file, and the list of {@code errors} when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        String row, List<FieldError> errors, String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field (and, for imports, the row it is on). */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record FieldError(String field, String row, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(ProblemTypes.forStatus(status), title, status, detail, null, null, null, List.of(), null);
    }

    public Problem withType(String newType) {
        return new Problem(newType, title, status, detail, instance, field, row, errors, errorId);
    }

    public Problem withInstance(String newInstance) {
        return new Problem(type, title, status, detail, newInstance, field, row, errors, errorId);
    }

    public Problem withField(String newField) {
        return new Problem(type, title, status, detail, instance, newField, row, errors, errorId);
    }

    public Problem withRow(String newRow) {
        return new Problem(type, title, status, detail, instance, field, newRow, errors, errorId);
    }

    public Problem withErrors(List<FieldError> newErrors) {
        return new Problem(type, title, status, detail, instance, field, row, List.copyOf(newErrors), errorId);
    }

    public Problem withErrorId(String newErrorId) {
        return new Problem(type, title, status, detail, instance, field, row, errors, newErrorId);
    }
}
