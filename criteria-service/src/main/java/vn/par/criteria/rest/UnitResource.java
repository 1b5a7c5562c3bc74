package vn.par.criteria.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.par.criteria.caller.Caller;
import vn.par.criteria.caller.CallerResolver;
import vn.par.criteria.service.UnitDirectory;
import vn.par.criteria.service.UnitInput;
import vn.par.criteria.unit.Agency;
import vn.par.criteria.unit.Unit;

@Path("/api/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Đơn vị", description = "Đơn vị của các cơ quan và nhóm đơn vị")
public class UnitResource {

    public record UnitDetails(String code, String name, String kind, String agency, List<String> aliases,
            List<String> members) {
    }

    private final UnitDirectory directory;
    private final CallerResolver callers;

    public UnitResource(UnitDirectory directory, CallerResolver callers) {
        this.directory = directory;
        this.callers = callers;
    }

    /**
     * An agency's administrator sees its own agency's units only (naming another agency is 403); every other caller
     * sees every agency's.
     */
    @GET
    @RolesAllowed({ "admin", "appraiser", "viewer", "reporter" })
    @Operation(summary = "Các đơn vị (của một cơ quan, nếu có tham số agency)")
    public List<UnitDetails> list(@QueryParam("agency") String agency) {
        Caller caller = callers.current();
        if (caller.agencyAdmin()) {
            if (agency != null && !agency.isBlank()) {
                caller.checkAdministers(agency, "agency");
            }
            agency = caller.agency();
        }
        List<Unit> units = agency == null || agency.isBlank()
                ? Unit.<Unit> list("order by agency.name, code")
                : Agency.findByName(agency).map(Unit::ofAgency).orElse(List.of());
        return units.stream().map(UnitResource::details).toList();
    }

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Thêm một đơn vị hoặc nhóm đơn vị (cơ quan được tạo nếu chưa có)")
    @Transactional
    public Response create(@Valid @NotNull(message = "cần thông tin đơn vị") UnitInput input) {
        Unit unit = directory.create(callers.current(), input.agency(), input.code(), input.name(),
                input.aliases() == null ? List.of() : input.aliases(), input.kind(),
                input.members() == null ? List.of() : input.members());
        return Response.created(URI.create("/api/units/" + unit.code)).entity(details(unit)).build();
    }

    static UnitDetails details(Unit u) {
        return new UnitDetails(u.code, u.name, u.kind.name(), u.agency.name, List.copyOf(u.aliases),
                u.members.stream().map(m -> m.code).toList());
    }
}
