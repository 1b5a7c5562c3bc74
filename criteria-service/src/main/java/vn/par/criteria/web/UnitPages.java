package vn.par.criteria.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.par.criteria.caller.Caller;
import vn.par.criteria.caller.CallerResolver;
import vn.par.criteria.service.UnitDirectory;
import vn.par.criteria.service.UnitInput;
import vn.par.criteria.unit.Agency;
import vn.par.criteria.unit.Unit;
import vn.par.criteria.unit.UnitKind;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.web.PageResource;

/**
 * The units of each agency, and the form that adds a unit or a group (as {@code POST /api/units}); an agency's
 * administrator sees and adds its own agency's units only.
 */
@Path("/ui/units")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
@PageResource(home = PlanPages.HOME, audience = PlanPages.AUDIENCE)
public class UnitPages {

    public record UnitLine(String code, String name, String kind, boolean review, List<String> aliases,
            List<PlanModel.UnitName> members) {
    }

    public record AgencyUnits(String name, List<UnitLine> units) {
    }

    public record UnitForm(String agency, String code, String name, String aliases, String kind, String members) {

        /** The empty form; an agency's administrator finds its agency already filled in. */
        static UnitForm forCaller(Caller caller) {
            return new UnitForm(caller.agencyAdmin() ? caller.agency() : "", "", "", "", "DIVISION", "");
        }
    }

    public record KindChoice(String value, String label, boolean selected) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance units(List<AgencyUnits> agencies, UnitForm form, List<KindChoice> kinds,
                FormErrors errors, String notice);
    }

    private final UnitDirectory directory;
    private final Validator validator;
    private final CallerResolver callers;

    public UnitPages(UnitDirectory directory, Validator validator, CallerResolver callers) {
        this.directory = directory;
        this.validator = validator;
        this.callers = callers;
    }

    @GET
    public TemplateInstance units(@QueryParam("ok") String ok) {
        Caller caller = callers.current();
        String notice = ok == null ? null
                : Unit.findByCode(ok).filter(u -> caller.administers(u.agency))
                        .map(u -> "Đã thêm đơn vị " + u.code + " — " + u.name + " (" + u.agency.name + ").").orElse(null);
        return page(caller, UnitForm.forCaller(caller), FormErrors.NONE, notice);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@RestForm String agency, @RestForm String code, @RestForm String name,
            @RestForm String aliases, @RestForm String kind, @RestForm String members) {
        UnitForm form = new UnitForm(trim(agency), trim(code), trim(name), aliases == null ? "" : aliases, trim(kind),
                members == null ? "" : members);
        try {
            UnitKind unitKind = kind(form.kind());
            UnitInput input = new UnitInput(form.agency(), form.code(), form.name(),
                    FormInput.names(form.aliases()), unitKind, FormInput.codes(form.members()));
            Set<ConstraintViolation<UnitInput>> violations = validator.validate(input);
            if (!violations.isEmpty()) {
                return Response.status(400).entity(page(callers.current(), form, FormErrors.of(violations), null)).build();
            }
            Unit unit = directory.create(callers.current(), input.agency(), input.code(), input.name(), input.aliases(),
                    input.kind(), input.members());
            return Response.seeOther(URI.create("/ui/units?ok=" + URLEncoder.encode(unit.code, StandardCharsets.UTF_8)
                    + "#a-" + unit.code)).build();
        } catch (ProblemException e) {
            return Response.status(e.problem().status())
                    .entity(page(callers.current(), form, FormErrors.of(e.problem()), null)).build();
        }
    }

    private static TemplateInstance page(Caller caller, UnitForm form, FormErrors errors, String notice) {
        List<AgencyUnits> agencies = new ArrayList<>();
        for (Agency a : Agency.<Agency> list("order by name").stream().filter(caller::administers).toList()) {
            agencies.add(new AgencyUnits(a.name, Unit.ofAgency(a).stream().map(UnitPages::line).toList()));
        }
        List<KindChoice> kinds = new ArrayList<>();
        for (UnitKind k : UnitKind.values()) {
            kinds.add(new KindChoice(k.name(), Labels.kind(k), k.name().equals(form.kind())));
        }
        return Templates.units(agencies, form, kinds, errors, notice);
    }

    private static UnitLine line(Unit u) {
        return new UnitLine(u.code, u.name, Labels.kind(u.kind), u.kind == UnitKind.OTHER, List.copyOf(u.aliases),
                u.members.stream().map(PlanModel::unit).toList());
    }

    private static UnitKind kind(String value) {
        try {
            return UnitKind.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.badRequest("kind", "Hãy chọn loại đơn vị.");
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
