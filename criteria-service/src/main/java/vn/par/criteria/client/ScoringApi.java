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
 * scoring-service's API, as far as this service reads it. The address and timeouts are the {@code scoring} client's
 * configuration ({@code quarkus.rest-client.scoring.*}).
 */
@RegisterRestClient(configKey = "scoring")
@Path("/api/plans")
public interface ScoringApi {

    /**
     * @param authorization {@code Bearer} and the caller's access token: scoring-service decides by it, as it would
     *                      for the person's own browser
     */
    @GET
    @Path("/{planId}/scores")
    @Produces(MediaType.APPLICATION_JSON)
    PlanScores scores(@PathParam("planId") UUID planId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
