package vn.par.progress.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;

import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;
import vn.par.progress.rule.FactCheck;

/**
 * What is wrong with a submitted form, by field, in the API's own words: the Bean Validation messages of the
 * request record (after the field's Vietnamese label) and the details of the service's problems. Fields are
 * named as in the API ({@code percentComplete}, {@code evidence[2].url}); errors without a field of the form
 * are shown above it.
 */
public final class FormErrors {

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<String> general = new ArrayList<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    /** The message for a field of the form, or null. */
    public String of(String field) {
        return fields.get(field);
    }

    public List<String> general() {
        return general;
    }

    /** Whether some field is marked: the form then says so at its top, the marks may be far below. */
    public boolean onFields() {
        return !fields.isEmpty();
    }

    public boolean any() {
        return !fields.isEmpty() || !general.isEmpty();
    }

    /** Keeps the first message of a field: a value that could not be read says so rather than "is required". */
    FormErrors field(String field, String message) {
        fields.putIfAbsent(field, message);
        return this;
    }

    FormErrors general(String message) {
        general.add(message);
        return this;
    }

    /** Bean Validation messages of the request record, on fields renamed by {@code rename} (form rows). */
    FormErrors violations(Set<? extends ConstraintViolation<?>> violations, UnaryOperator<String> rename) {
        violations.stream()
                .map(v -> Map.entry(rename.apply(fieldOf(v.getPropertyPath())), v.getMessage()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> field(e.getKey(), labelOf(e.getKey()) + " " + e.getValue()));
        return this;
    }

    /**
     * A refusal of the service: next to its field when the form has it, otherwise above the form.
     *
     * @param formFields the fields this form shows
     */
    FormErrors problem(ProblemException refused, Set<String> formFields, UnaryOperator<String> rename) {
        Problem problem = refused.problem();
        String field = problem.field() == null ? null : rename.apply(problem.field());
        if (field != null && (formFields.contains(field) || field.startsWith("evidence["))) {
            return field(field, problem.detail());
        }
        return general(problem.detail());
    }

    /** {@code percentComplete}, {@code evidence[0].url}: the property path as the API names fields. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.toString();
    }

    /** The Vietnamese name of a field, put before the API's message ("là bắt buộc", "dài tối đa 200 ký tự"). */
    static String labelOf(String field) {
        if (field.startsWith("evidence[")) {
            int row = Integer.parseInt(field.substring("evidence[".length(), field.indexOf(']'))) + 1;
            String part = field.endsWith(".title") ? "tên tài liệu" : field.endsWith(".url") ? "đường dẫn" : "tài liệu";
            return "Tài liệu kiểm chứng " + row + ": " + part;
        }
        return switch (field) {
            case "status" -> "Trạng thái";
            case "percentComplete" -> "Tỷ lệ hoàn thành (%)";
            case "comment" -> "Ghi chú";
            case "evidence" -> "Danh sách tài liệu kiểm chứng";
            case "unit" -> "Đơn vị";
            default -> FactCheck.label(field);
        };
    }
}
