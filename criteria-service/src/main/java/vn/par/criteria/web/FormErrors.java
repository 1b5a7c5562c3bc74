package vn.par.criteria.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;

import vn.par.infra.problem.Problem;

/**
 * What was wrong with a submitted form, for the page that shows it again: a title and detail for the notice at
 * the top, and each message next to the field it is about ({@code errors.of('maxPoints')}).
 */
public record FormErrors(String title, String detail, List<Item> items) {

    /** One message; {@code row} is the row of an imported file, if any. */
    public record Item(String field, String label, String row, String message) {
    }

    public static final FormErrors NONE = new FormErrors(null, null, List.of());

    public FormErrors {
        items = List.copyOf(items);
    }

    public static FormErrors of(Problem problem) {
        List<Item> items = new ArrayList<>();
        for (Problem.FieldError e : problem.errors()) {
            items.add(new Item(e.field(), Labels.field(e.field()), e.row(), e.message()));
        }
        if (items.isEmpty() && problem.field() != null) {
            items.add(new Item(problem.field(), Labels.field(problem.field()), problem.row(), problem.detail()));
        }
        return new FormErrors(problem.title(), problem.detail(), items);
    }

    /** One field's mistake found by the page itself, before any use case ran. */
    public static FormErrors field(String field, String message) {
        return new FormErrors("Dữ liệu không hợp lệ", Labels.field(field) + ": " + message,
                List.of(new Item(field, Labels.field(field), null, message)));
    }

    /**
     * Bean Validation's findings on a record the API validates the same way ({@code TaskInput}, {@code UnitInput}):
     * the same rules and messages as the API, each under its field ({@code leadUnits[0]} counts as {@code leadUnits}).
     */
    public static FormErrors of(Set<? extends ConstraintViolation<?>> violations) {
        List<Item> items = violations.stream()
                .map(v -> {
                    String field = v.getPropertyPath().iterator().next().getName();
                    return new Item(field, Labels.field(field), null, v.getMessage());
                })
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = items.stream().map(i -> i.label() + ": " + i.message()).collect(Collectors.joining("; "));
        return new FormErrors("Dữ liệu không hợp lệ", detail, items);
    }

    public boolean any() {
        return title != null || !items.isEmpty();
    }

    public boolean has(String field) {
        return items.stream().anyMatch(i -> field.equals(i.field()));
    }

    /**
     * The messages about a member of a list's item, {@code at('rule.options', 1, 'key')} for
     * {@code rule.options[1].key}, or about the item itself when {@code member} is empty.
     */
    public String at(String list, int index, String member) {
        return of(list + "[" + index + "]" + (member.isEmpty() ? "" : "." + member));
    }

    /** The messages about {@code field}, joined; empty if there are none. */
    public String of(String field) {
        return items.stream().filter(i -> field.equals(i.field())).map(Item::message).collect(Collectors.joining(" "));
    }
}
