package vn.par.progress.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.validation.Validator;

import org.jboss.resteasy.reactive.RestForm;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.assessment.SelfAssessmentRequest;

/** The self-assessment form as posted: points typed with a decimal comma or point ("1,5" or "1.5"). */
public class AssessmentForm {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,12}([.,]\\d{1,12})?");
    static final Set<String> FIELDS = Set.of("points", "comment");

    @RestForm
    public String points;
    @RestForm
    public String comment;
    @RestForm
    public List<String> evidenceTitle;
    @RestForm
    public List<String> evidenceUrl;
    /** The task page the form is on, to go back to. */
    @RestForm
    public String taskId;

    public record View(String points, String comment, List<EvidenceRows.Row> evidence, FormErrors errors) {
        static View blank() {
            return new View("", "", EvidenceRows.blank().rows(), FormErrors.none());
        }
    }

    record Parsed(SelfAssessmentRequest request, FormErrors errors, View view, EvidenceRows evidence) {
    }

    /** The task page to return to, or null when the form did not say (or said nonsense). */
    UUID returnTo() {
        try {
            return taskId == null ? null : UUID.fromString(taskId.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * @param unit the {@code unit} to send (an admin's choice of lead unit), null for a reporter
     */
    Parsed parse(Validator validator, String unit) {
        FormErrors errors = FormErrors.none();
        BigDecimal value = null;
        String typed = text(points).strip();
        if (!typed.isEmpty()) {
            if (DECIMAL.matcher(typed).matches()) {
                value = new BigDecimal(typed.replace(',', '.'));
            } else {
                errors.field("points", FormErrors.labelOf("points") + " phải là một số, ví dụ 1,5 hoặc 1.5");
            }
        }
        EvidenceRows rows = EvidenceRows.of(evidenceTitle, evidenceUrl);
        SelfAssessmentRequest request = new SelfAssessmentRequest(value, text(comment).isBlank() ? null : comment,
                rows.items(), unit);
        errors.violations(validator.validate(request), rows.toFormRows());
        return new Parsed(request, errors, new View(text(points), text(comment), rows.rows(), errors), rows);
    }

    static View refused(Parsed parsed, ProblemException refused) {
        parsed.errors().problem(refused, FIELDS, parsed.evidence().toFormRows());
        return parsed.view();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
