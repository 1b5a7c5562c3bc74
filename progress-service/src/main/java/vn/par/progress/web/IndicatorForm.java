package vn.par.progress.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.validation.Validator;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.indicator.IndicatorRequest;
import vn.par.progress.rule.FactCheck;

/**
 * The indicator form as posted (chỉ số; for a MANUAL leaf the self-assessment). Each input is named as the API's
 * member and only the inputs of the leaf's rule are on the form. Numbers are typed with a decimal comma or point
 * ("82,35" or "82.35"); counts as whole numbers, so "1.000" is not read as one. Every field is read as text, so that
 * what was typed comes back with the API's message for the field.
 */
public class IndicatorForm {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,13}([.,]\\d{1,12})?");
    private static final Pattern WHOLE = Pattern.compile("\\d{1,13}");
    static final Set<String> FIELDS = Set.of("option", "value", "numerator", "denominator", "count", "violations",
            "percent", "points", "comment", "file");

    @RestForm
    public String option;
    @RestForm
    public String value;
    @RestForm
    public String numerator;
    @RestForm
    public String denominator;
    @RestForm
    public String count;
    @RestForm
    public String violations;
    @RestForm
    public String percent;
    @RestForm
    public String points;
    @RestForm
    public String comment;
    @RestForm
    public List<String> evidenceTitle;
    @RestForm
    public List<String> evidenceUrl;
    /** An evidence file to upload and reference with the indicator (the form is multipart); none when not chosen. */
    @RestForm("file")
    public FileUpload file;
    /** The task page the form is on, to go back to. */
    @RestForm
    public String taskId;
    /** Generated when the form was rendered; sent as the Idempotency-Key, so a second submit of it stores nothing. */
    @RestForm
    public String idempotencyKey;

    /** The values to show in the form, with the errors found in them. */
    public record View(String option, String value, String numerator, String denominator, String count,
            String violations, String percent, String points, String comment, List<EvidenceRows.Row> evidence,
            String idempotencyKey, FormErrors errors) {

        /** An empty form with a fresh idempotency key. */
        static View blank() {
            return new View("", "", "", "", "", "", "", "", "", EvidenceRows.blank().rows(), UUID.randomUUID().toString(),
                    FormErrors.none());
        }

        /** The same form with a new key: what is sent next is a new indicator. */
        View withNewKey() {
            return new View(option, value, numerator, denominator, count, violations, percent, points, comment, evidence,
                    UUID.randomUUID().toString(), errors);
        }
    }

    /** The request the API would have received, the errors of what could not be read or validated, and the form to show again. */
    record Parsed(IndicatorRequest request, String idempotencyKey, FormErrors errors, View view, EvidenceRows evidence) {
    }

    /** The file chosen in the form, or null when none was. */
    FileUpload chosenFile() {
        return isChosen(file) ? file : null;
    }

    /** Whether a file input was filled in: without a choice a browser sends an empty part without a name. */
    static boolean isChosen(FileUpload file) {
        return file != null && !(file.size() == 0 && (file.fileName() == null || file.fileName().isBlank()));
    }

    /** The task page to return to, or null when the form did not say (or said nonsense). */
    UUID returnTo() {
        return taskOf(taskId);
    }

    static UUID taskOf(String taskId) {
        try {
            return taskId == null ? null : UUID.fromString(taskId.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param unit     the {@code unit} to send (an admin's choice of lead unit), null for a reporter
     * @param uploaded the file uploaded with the form, referenced after the rows' links; null when none
     */
    Parsed parse(Validator validator, String unit, UUID uploaded) {
        FormErrors errors = FormErrors.none();
        EvidenceRows rows = EvidenceRows.of(evidenceTitle, evidenceUrl, uploaded);
        String chosen = text(option).strip();
        IndicatorRequest request = new IndicatorRequest(chosen.isEmpty() ? null : chosen,
                decimal("value", value, errors), decimal("numerator", numerator, errors),
                decimal("denominator", denominator, errors), whole("count", count, errors),
                whole("violations", violations, errors), decimal("percent", percent, errors),
                decimal("points", points, errors), text(comment).isBlank() ? null : comment, rows.items(), unit);
        errors.violations(validator.validate(request), rows.toFormRows());
        String key = text(idempotencyKey).isBlank() ? UUID.randomUUID().toString() : idempotencyKey;
        View view = new View(text(option), text(value), text(numerator), text(denominator), text(count),
                text(violations), text(percent), text(points), text(comment), rows.rows(), key, errors);
        return new Parsed(request, key, errors, view, rows);
    }

    /** The form again after the service refused it: the message next to its field, or above the form. */
    static View refused(Parsed parsed, ProblemException refused) {
        parsed.errors().problem(refused, FIELDS, parsed.evidence().toFormRows());
        return parsed.view();
    }

    private static BigDecimal decimal(String field, String typed, FormErrors errors) {
        String number = text(typed).strip();
        if (number.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(number).matches()) {
            errors.field(field, FactCheck.label(field) + " phải là một số, ví dụ 1,5 hoặc 1.5");
            return null;
        }
        return new BigDecimal(number.replace(',', '.'));
    }

    private static BigDecimal whole(String field, String typed, FormErrors errors) {
        String number = text(typed).strip();
        if (number.isEmpty()) {
            return null;
        }
        if (!WHOLE.matcher(number).matches()) {
            errors.field(field, FactCheck.label(field) + " phải là số nguyên không âm, ví dụ 2");
            return null;
        }
        return new BigDecimal(number);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
