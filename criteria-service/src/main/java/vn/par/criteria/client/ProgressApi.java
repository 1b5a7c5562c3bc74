package vn.par.criteria.client;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * progress-service's API, as far as this service reads it. The address and timeouts are the {@code progress} client's
 * configuration ({@code quarkus.rest-client.progress.*}).
 */
@RegisterRestClient(configKey = "progress")
@Path("/api/plans")
public interface ProgressApi {

    /** @param authorization {@code Bearer} and the caller's access token */
    @GET
    @Path("/{planId}/appraisal")
    @Produces(MediaType.APPLICATION_JSON)
    AppraisalSheet appraisal(@PathParam("planId") UUID planId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
