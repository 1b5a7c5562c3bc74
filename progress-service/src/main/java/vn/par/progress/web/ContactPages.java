package vn.par.progress.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.web.PageResource;
import vn.par.progress.caller.CallerResolver;
import vn.par.progress.reminder.ContactRequests.AgencyContactRequest;
import vn.par.progress.reminder.ContactRequests.UnitContactRequest;
import vn.par.progress.reminder.ContactService;
import vn.par.progress.reminder.ContactService.AgencyAddresses;
import vn.par.progress.reminder.ContactService.UnitAddress;

/**
 * Where an administrator sets the addresses the daily reminders go to: each unit's, and each agency's administrators'
 * (who get the tasks overdue for more than 14 days). The same rules as the API ({@code /api/units/{code}/contact},
 * {@code /api/agencies/contact}): a provincial administrator sets any of them, an agency's administrator its own
 * agency's. A refused form comes back with what was typed and the reason beside it.
 */
@Path("/ui/contacts")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
@PageResource(home = "Cổng đơn vị", audience = "Trang địa chỉ nhận thư nhắc việc dành cho quản trị viên (vai trò admin).")
public class ContactPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance contacts(List<UnitAddress> units, List<AgencyAddresses> agencies, String notice,
                Refusal refusal);
    }

    /**
     * A refused form: which one ({@code unit}: a unit's code, else {@code agency}: an agency's name), what was typed,
     * and why.
     */
    public record Refusal(String unit, String agency, String typed, String detail, boolean general) {

        Refusal(String unit, String agency, String typed, String detail) {
            this(unit, agency, typed, detail, false);
        }

        /** The same refusal shown above the forms: the page has no form of its unit or agency to show it beside. */
        Refusal shownAbove() {
            return new Refusal(unit, agency, typed, detail, true);
        }
    }

    private final ContactService contacts;
    private final CallerResolver callers;
    private final Validator validator;

    public ContactPages(ContactService contacts, CallerResolver callers, Validator validator) {
        this.contacts = contacts;
        this.callers = callers;
        this.validator = validator;
    }

    @GET
    public TemplateInstance page(@QueryParam("sent") String sent) {
        return Templates.contacts(contacts.unitAddresses(callers.current()), contacts.agencyAddresses(callers.current()),
                notice(sent), null);
    }

    @POST
    @Path("units/{code}")
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA })
    public Response unit(@PathParam("code") String code, @RestForm String email, @RestForm String name) {
        UnitContactRequest request = new UnitContactRequest(email == null ? null : email.strip(), name);
        try {
            requireValid(validator.validate(request));
            contacts.putUnit(callers.current(), code, request);
            return Response.seeOther(URI.create("/ui/contacts?sent=unit#don-vi-" + code)).build();
        } catch (ProblemException refused) {
            return again(refused, new Refusal(code, null, email, refused.problem().detail()));
        }
    }

    @POST
    @Path("agency")
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA })
    public Response agency(@RestForm String agency, @RestForm String emails) {
        List<String> addresses = emails == null ? List.of()
                : Arrays.stream(emails.split("[,;\\s]+")).filter(e -> !e.isBlank()).toList();
        AgencyContactRequest request = new AgencyContactRequest(agency, addresses);
        try {
            requireValid(validator.validate(request));
            contacts.putAgency(callers.current(), request);
            return Response.seeOther(URI.create("/ui/contacts?sent=agency#co-quan")).build();
        } catch (ProblemException refused) {
            return again(refused, new Refusal(null, agency, emails, refused.problem().detail()));
        }
    }

    /** The first violation, in the API's words, as the form's 400. */
    private static <T> void requireValid(Set<ConstraintViolation<T>> violations) {
        for (ConstraintViolation<T> v : violations) {
            String value = v.getInvalidValue() instanceof String s && !s.isBlank() ? " ('" + s + "')" : "";
            String field = v.getPropertyPath().toString();
            throw ProblemException.badRequest(field,
                    (field.startsWith("agency") ? "Tên cơ quan" : "Địa chỉ e-mail") + value + ": " + v.getMessage() + ".");
        }
    }

    private Response again(ProblemException refused, Refusal refusal) {
        List<UnitAddress> units = contacts.unitAddresses(callers.current());
        List<AgencyAddresses> agencies = contacts.agencyAddresses(callers.current());
        boolean besideItsForm = refusal.unit() != null
                ? units.stream().anyMatch(u -> u.code().equals(refusal.unit()))
                : agencies.stream().anyMatch(a -> a.agency().equals(refusal.agency()));
        String page = Templates.contacts(units, agencies, null, besideItsForm ? refusal : refusal.shownAbove()).render();
        return Response.status(refused.problem().status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page).build();
    }

    private static String notice(String sent) {
        if (sent == null) {
            return null;
        }
        return switch (sent) {
            case "unit" -> "Đã lưu địa chỉ e-mail của đơn vị.";
            case "agency" -> "Đã lưu địa chỉ e-mail của quản trị viên cơ quan.";
            default -> null;
        };
    }
}
