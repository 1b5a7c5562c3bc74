package vn.par.progress.web;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.validation.Validator;

import org.jboss.resteasy.reactive.RestForm;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.report.ReportRequest;
import vn.par.progress.report.ReportStatus;

/**
 * The report form as posted (application/x-www-form-urlencoded). Every field is read as text, so that what a
 * person typed ("50,5") is answered with the API's message for the field, never a failure of the binding, and
 * can be shown again as typed.
 */
public class ReportForm {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
    private static final String PERCENT_MESSAGE = "phải là số nguyên từ 0 đến 100";
    static final Set<String> FIELDS = Set.of("status", "percentComplete", "comment");

    @RestForm
    public String status;
    @RestForm
    public String percentComplete;
    @RestForm
    public String comment;
    @RestForm
    public List<String> evidenceTitle;
    @RestForm
    public List<String> evidenceUrl;
    /** Generated when the form was rendered; sent as the Idempotency-Key, so a second submit of it stores nothing. */
    @RestForm
    public String idempotencyKey;

    /** The values to show in the form, with the errors found in them. */
    public record View(String status, String percentComplete, String comment, List<EvidenceRows.Row> evidence,
            String idempotencyKey, FormErrors errors) {

        /** An empty form with a fresh idempotency key. */
        static View blank() {
            return new View(ReportStatus.IN_PROGRESS.name(), "", "", EvidenceRows.blank().rows(), UUID.randomUUID().toString(),
                    FormErrors.none());
        }

        /** The same form with a new key: what is sent next is a new report. */
        View withNewKey() {
            return new View(status, percentComplete, comment, evidence, UUID.randomUUID().toString(), errors);
        }

        public List<StatusOption> statuses() {
            return Arrays.stream(ReportStatus.values())
                    .map(s -> new StatusOption(s.name(), PortalLabels.label(s), s.name().equals(status))).toList();
        }
    }

    public record StatusOption(String value, String label, boolean selected) {
    }

    /** The request the API would have received, the errors of what could not be read or validated, and the form to show again. */
    record Parsed(ReportRequest request, String idempotencyKey, FormErrors errors, View view, EvidenceRows evidence) {
    }

    /**
     * @param unit the {@code unit} to send (an admin's choice of lead unit), null for a reporter
     */
    Parsed parse(Validator validator, String unit) {
        FormErrors errors = FormErrors.none();
        ReportStatus parsedStatus = parseStatus(status);
        Integer percent = null;
        String percentText = text(percentComplete).strip();
        if (!percentText.isEmpty()) {
            if (INTEGER.matcher(percentText).matches()) {
                percent = Integer.valueOf(percentText);
            } else {
                errors.field("percentComplete", FormErrors.labelOf("percentComplete") + " " + PERCENT_MESSAGE);
            }
        }
        String note = text(comment).isBlank() ? null : comment;
        EvidenceRows rows = EvidenceRows.of(evidenceTitle, evidenceUrl);
        ReportRequest request = new ReportRequest(parsedStatus, percent, note, rows.items(), unit);
        errors.violations(validator.validate(request), rows.toFormRows());
        String key = text(idempotencyKey).isBlank() ? UUID.randomUUID().toString() : idempotencyKey;
        View view = new View(parsedStatus == null ? text(status) : parsedStatus.name(), text(percentComplete), text(comment),
                rows.rows(), key, errors);
        return new Parsed(request, key, errors, view, rows);
    }

    /** The form again after the service refused it: the message next to its field, or above the form. */
    static View refused(Parsed parsed, ProblemException refused) {
        parsed.errors().problem(refused, FIELDS, parsed.evidence().toFormRows());
        return parsed.view();
    }

    private static ReportStatus parseStatus(String value) {
        for (ReportStatus s : ReportStatus.values()) {
            if (s.name().equals(text(value).strip())) {
                return s;
            }
        }
        return null;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
