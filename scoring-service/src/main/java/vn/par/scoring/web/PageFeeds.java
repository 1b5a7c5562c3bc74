package vn.par.scoring.web;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import vn.par.infra.problem.ProblemException;
import vn.par.scoring.projection.PlanScore;
import vn.par.scoring.projection.HistoryPoint;
import vn.par.scoring.rest.PlanScoresResource;
import vn.par.scoring.rest.ScoreStreams;
import vn.par.scoring.rest.WhatIfRequest;
import vn.par.scoring.service.ScoreQueries;

/**
 * What the dashboard's scripts read, under the pages' paths so that the browser's session cookie is what signs them
 * in (a page has no bearer token): the same streams as {@code /api/scores/stream} and
 * {@code /api/plans/{id}/scores/stream}, a plan's timeline and the what-if panel's answer.
 */
@Path("/")
@RolesAllowed({ "viewer", "reporter", "admin", "appraiser" })
public class PageFeeds {

    private final ScoreQueries queries;
    private final ScoreStreams streams;
    private final PlanScoresResource scores;
    private final SecurityIdentity caller;

    public PageFeeds(ScoreQueries queries, ScoreStreams streams, PlanScoresResource scores, SecurityIdentity caller) {
        this.queries = queries;
        this.streams = streams;
        this.scores = scores;
        this.caller = caller;
    }

    /** As {@code GET /api/scores/stream}: every plan's summary, then one per change. */
    @GET
    @Path("ui/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> everyPlan(@Context Sse sse) {
        return streams.everyPlan(sse, caller);
    }

    /** As {@code GET /api/plans/{planId}/scores/stream}: the plan's whole score, then one per change. */
    @GET
    @Path("ui/plans/{planId}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> plan(@PathParam("planId") UUID planId, @Context Sse sse) {
        if (!queries.exists(planId)) {
            throw unknown(planId);
        }
        return streams.plan(planId, sse, caller);
    }

    /** As {@code GET /api/plans/{planId}/scores/history}: every published score, oldest first, for the timeline. */
    @GET
    @Path("ui/plans/{planId}/history.json")
    @Produces(MediaType.APPLICATION_JSON)
    public List<HistoryPoint> history(@PathParam("planId") UUID planId) {
        return queries.history(planId, null, null).orElseThrow(() -> unknown(planId));
    }

    /**
     * As {@code POST /api/plans/{planId}/scores/what-if}. A JSON body only: a cross-site form cannot send one without
     * the browser asking first, and the answer changes nothing.
     */
    @POST
    @Path("ui/plans/{planId}/what-if")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PlanScore whatIf(@PathParam("planId") UUID planId, @Valid WhatIfRequest request) {
        return scores.whatIf(planId, request);
    }

    static ProblemException unknown(UUID planId) {
        return ProblemException.notFound("Không có kế hoạch " + planId + " trong các kế hoạch đã công bố.");
    }
}
