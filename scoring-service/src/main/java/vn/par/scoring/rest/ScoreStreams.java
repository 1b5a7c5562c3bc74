package vn.par.scoring.rest;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.smallrye.mutiny.Multi;
import vn.par.scoring.config.ScoringConfig;
import vn.par.scoring.service.ScoreHub;
import vn.par.scoring.service.ScoreHub.ScoreUpdate;

/**
 * The score streams as Server-Sent Events: {@code event: score}, an id, the JSON data, and heartbeats. The one
 * implementation behind the API's streams (bearer token) and the dashboard's (browser session, {@code /ui/...}).
 */
@ApplicationScoped
public class ScoreStreams {

    static final String EVENT = "score";

    private final ScoreHub hub;
    private final Duration heartbeat;
    private final int buffer;

    public ScoreStreams(ScoreHub hub, ScoringConfig config) {
        this.hub = hub;
        this.heartbeat = config.heartbeat();
        this.buffer = config.streamBuffer();
    }

    /** One plan's whole score now, then after every change; {@code id:} is the plan's score sequence. */
    public Multi<OutboundSseEvent> plan(UUID planId, Sse sse) {
        return events(hub.plan(planId), u -> Long.toString(u.sequence()), sse);
    }

    /**
     * Every plan's summary now, then one per change of any plan; {@code id:} is {@code <planId>:<sequence>}, since
     * the stream interleaves plans and no single number orders it.
     */
    public Multi<OutboundSseEvent> everyPlan(Sse sse) {
        return events(hub.everyPlan(), u -> u.planId() + ":" + u.sequence(), sse);
    }

    private Multi<OutboundSseEvent> events(Multi<ScoreUpdate> updates, Function<ScoreUpdate, String> id, Sse sse) {
        // A client that stops reading must not hold memory forever: past the buffer its stream fails, it
        // reconnects and starts again from the current state.
        Multi<OutboundSseEvent> scores = updates.onOverflow().buffer(buffer)
                .map(u -> sse.newEventBuilder().name(EVENT).id(id.apply(u)).data(u.data()).build());
        // Proxies and browsers drop a silent connection; a comment line keeps it open and is ignored by clients.
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(heartbeat).onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(scores, heartbeats);
    }
}
