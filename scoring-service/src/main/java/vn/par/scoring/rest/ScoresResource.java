package vn.par.scoring.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import vn.par.scoring.service.PlanRanking;
import vn.par.scoring.service.ScoreQueries;
import vn.par.scoring.export.RankingWorkbook;

/** Every published plan's projected index, ranked, and its live stream. */
@Path("/api/scores")
@Tag(name = "Điểm dự kiến")
@RolesAllowed({ "viewer", "reporter", "admin", "appraiser" })
public class ScoresResource {

    private final ScoreQueries queries;
    private final ScoreStreams streams;
    private final SecurityIdentity caller;

    public ScoresResource(ScoreQueries queries, ScoreStreams streams, SecurityIdentity caller) {
        this.queries = queries;
        this.streams = streams;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Chỉ số dự kiến của mọi kế hoạch đã công bố, xếp hạng trong từng năm")
    public List<PlanRanking> ranking(@QueryParam("year") Integer year) {
        return queries.ranking(year);
    }

    @GET
    @Path("/ranking.xlsx")
    @Produces(RankingWorkbook.CONTENT_TYPE)
    @Operation(summary = "Bảng xếp hạng dưới dạng Excel: cơ quan, năm, cơ sở (dự kiến/chính thức), điểm, tỷ lệ, nhóm, hạng")
    public Response rankingWorkbook(@QueryParam("year") Integer year) {
        return RankingWorkbook.download(queries.ranking(year), year);
    }

    /**
     * Server-Sent Events: each plan's summary on connect, then one per change of any plan. The id is
     * {@code <planId>:<sequence>}: the stream interleaves plans, so no single number orders it; a reconnecting
     * client gets every plan's current summary again, which is all it needs.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Luồng sự kiện (SSE): tóm tắt điểm của mọi kế hoạch, rồi mỗi lần một kế hoạch thay đổi")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        return streams.everyPlan(sse, caller);
    }
}
