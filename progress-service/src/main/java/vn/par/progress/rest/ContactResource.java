package vn.par.progress.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.par.progress.caller.CallerResolver;
import vn.par.progress.reminder.ContactRequests.AgencyContactRequest;
import vn.par.progress.reminder.ContactRequests.AgencyContactView;
import vn.par.progress.reminder.ContactRequests.UnitContactRequest;
import vn.par.progress.reminder.ContactRequests.UnitContactView;
import vn.par.progress.reminder.ContactService;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Thư nhắc việc", description = "Địa chỉ e-mail của đơn vị và quản trị viên cơ quan; thư nhắc việc hằng ngày")
public class ContactResource {

    private final ContactService contacts;
    private final CallerResolver callers;

    public ContactResource(ContactService contacts, CallerResolver callers) {
        this.contacts = contacts;
        this.callers = callers;
    }

    @PUT
    @Path("units/{code}/contact")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Đặt địa chỉ e-mail nhận thư nhắc việc của một đơn vị",
            description = "Quản trị viên cấp tỉnh: mọi đơn vị; quản trị viên của cơ quan: đơn vị của cơ quan mình.")
    public UnitContactView putUnit(@PathParam("code") String code,
            @Valid @NotNull(message = "cần gửi địa chỉ e-mail (JSON)") UnitContactRequest request) {
        return contacts.putUnit(callers.current(), code, request);
    }

    @GET
    @Path("units/contacts")
    @Operation(summary = "Địa chỉ e-mail nhận thư nhắc việc của các đơn vị")
    public List<UnitContactView> units() {
        return contacts.units(callers.current());
    }

    @PUT
    @Path("agencies/contact")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Đặt địa chỉ e-mail của quản trị viên một cơ quan",
            description = "Nhận bản sao các nhiệm vụ quá hạn hơn 14 ngày của cơ quan.")
    public AgencyContactView putAgency(
            @Valid @NotNull(message = "cần gửi tên cơ quan và địa chỉ e-mail (JSON)") AgencyContactRequest request) {
        return contacts.putAgency(callers.current(), request);
    }

    @GET
    @Path("agencies/contacts")
    @Operation(summary = "Địa chỉ e-mail của quản trị viên các cơ quan")
    public List<AgencyContactView> agencies() {
        return contacts.agencies(callers.current());
    }
}
