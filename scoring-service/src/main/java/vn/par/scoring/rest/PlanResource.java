package vn.par.scoring.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

@Path("/api/plans")
public class PlanResource {

    @GET
    @RolesAllowed({ "admin", "viewer", "reporter" })
    public List<String> list() {
        return List.of();
    }
}
