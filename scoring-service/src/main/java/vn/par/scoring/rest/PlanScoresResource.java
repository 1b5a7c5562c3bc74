package vn.par.scoring.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import vn.par.infra.problem.ProblemException;
import vn.par.scoring.projection.PlanScore;
import vn.par.scoring.projection.TaskStatus;
import vn.par.scoring.projection.WhatIf;
import vn.par.scoring.projection.HistoryPoint;
import vn.par.scoring.service.ScoreQueries;

/** One plan's projected score: now, at a past moment, its timeline, and its live stream. */
@Path("/api/plans/{planId}/scores")
@Tag(name = "Điểm dự kiến")
@RolesAllowed({ "viewer", "reporter", "admin", "appraiser" })
public class PlanScoresResource {

    private final ScoreQueries queries;
    private final ScoreStreams streams;
    private final SecurityIdentity caller;

    public PlanScoresResource(ScoreQueries queries, ScoreStreams streams, SecurityIdentity caller) {
        this.queries = queries;
        this.streams = streams;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Điểm dự kiến của một kế hoạch: toàn kế hoạch, từng lĩnh vực, từng tiêu chí",
            description = "Với asOf (ISO-8601): điểm như đã công bố tại thời điểm đó, gồm chỉ số và các lĩnh vực"
                    + " (không có danh sách tiêu chí).")
    public PlanScore score(@PathParam("planId") UUID planId, @QueryParam("asOf") String asOf) {
        if (asOf == null) {
            return queries.current(planId).orElseThrow(() -> unknown(planId));
        }
        Instant at = instant("asOf", asOf);
        return queries.asOf(planId, at).orElseThrow(() -> queries.exists(planId)
                ? ProblemException.notFound("Kế hoạch " + planId + " chưa có điểm nào tại thời điểm " + at + ".")
                : unknown(planId));
    }

    @POST
    @Path("/what-if")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Giả định: điểm của kế hoạch nếu có thêm các chỉ số và tiến độ này (không lưu gì)",
            description = "Ví dụ: {\"indicators\":[{\"code\":\"7.2\",\"numerator\":45,\"denominator\":50}],"
                    + " \"reports\":[{\"taskId\":\"…\",\"percentComplete\":100}]}")
    public PlanScore whatIf(@PathParam("planId") UUID planId, @Valid WhatIfRequest request) {
        List<WhatIf.Fact> facts = new ArrayList<>();
        List<WhatIf.Progress> reports = new ArrayList<>();
        if (request != null && request.indicators() != null) {
            for (WhatIfRequest.Fact f : request.indicators()) {
                facts.add(f == null ? null : new WhatIf.Fact(f.code(), f.option(), f.value(), f.numerator(),
                        f.denominator(), f.count(), f.violations(), f.percent(), f.points()));
            }
        }
        if (request != null && request.reports() != null) {
            for (int i = 0; i < request.reports().size(); i++) {
                WhatIfRequest.Report r = request.reports().get(i);
                reports.add(r == null ? null : new WhatIf.Progress(r.taskId(), r.percentComplete(),
                        status("reports[" + i + "].status", r.status())));
            }
        }
        try {
            return queries.whatIf(planId, facts, reports).orElseThrow(() -> unknown(planId));
        } catch (WhatIf.Refused e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
    }

    private static TaskStatus status(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return TaskStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "Trạng thái '" + value
                    + "' không hợp lệ; dùng NOT_STARTED, IN_PROGRESS, DONE hoặc BLOCKED.");
        }
    }

    @GET
    @Path("/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Diễn biến chỉ số dự kiến: mỗi lần thay đổi một điểm, cũ nhất trước")
    public List<HistoryPoint> history(@PathParam("planId") UUID planId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return queries.history(planId, from == null ? null : instant("from", from), to == null ? null : instant("to", to))
                .orElseThrow(() -> unknown(planId));
    }

    /**
     * Server-Sent Events: the plan's whole score on connect, then one per change, each with {@code id:} the plan's
     * score sequence. Every event carries the full current score, so a reconnecting client (whatever its
     * Last-Event-ID) is up to date with the first event it gets.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @Operation(summary = "Luồng sự kiện (SSE): điểm của kế hoạch, rồi mỗi lần điểm thay đổi")
    public Multi<OutboundSseEvent> stream(@PathParam("planId") UUID planId, @Context Sse sse) {
        if (!queries.exists(planId)) {
            throw unknown(planId);
        }
        return streams.plan(planId, sse, caller);
    }

    private static ProblemException unknown(UUID planId) {
        return ProblemException.notFound("Không có kế hoạch " + planId + " trong các kế hoạch đã công bố.");
    }

    private static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field,
                    "Thời điểm '" + value + "' không đúng định dạng ISO-8601, ví dụ 2024-06-30T00:00:00Z.");
        }
    }
}
