package vn.par.scoring.rest;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.smallrye.mutiny.Multi;
import vn.par.scoring.config.ScoringConfig;
import vn.par.scoring.service.ScoreHub.ScoreUpdate;

/** Turns the hub's updates into Server-Sent Events: {@code event: score}, an id, the JSON data, and heartbeats. */
@ApplicationScoped
public class ScoreStreams {

    static final String EVENT = "score";

    private final Duration heartbeat;
    private final int buffer;

    public ScoreStreams(ScoringConfig config) {
        this.heartbeat = config.heartbeat();
        this.buffer = config.streamBuffer();
    }

    /**
     * @param id the SSE id of an update
     */
    Multi<OutboundSseEvent> events(Multi<ScoreUpdate> updates, Function<ScoreUpdate, String> id, Sse sse) {
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
