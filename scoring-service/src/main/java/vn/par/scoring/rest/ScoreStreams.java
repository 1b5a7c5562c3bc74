package vn.par.scoring.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;
import vn.par.scoring.config.ScoringConfig;
import vn.par.scoring.service.ScoreHub;
import vn.par.scoring.service.ScoreHub.ScoreUpdate;

/**
 * The score streams as Server-Sent Events: {@code event: score}, an id, the JSON data, and heartbeats. The one
 * implementation behind the API's streams (bearer token) and the dashboard's (browser session, {@code /ui/...}).
 *
 * <p>A stream is bound to the token that opened it: it ends when that token expires, and the client (the browser's
 * EventSource, {@code PAR.live}) reconnects with a fresh one, so a revoked or expired sign-in does not keep receiving
 * scores. One user holds at most {@code par.scoring.max-streams-per-user} streams at once; one more is 429.
 */
@ApplicationScoped
public class ScoreStreams {

    static final String EVENT = "score";

    private final ScoreHub hub;
    private final Duration heartbeat;
    private final int buffer;
    private final int maxPerUser;
    private final Clock clock;
    private final Map<String, AtomicInteger> openByUser = new ConcurrentHashMap<>();

    public ScoreStreams(ScoreHub hub, ScoringConfig config, Clock clock) {
        this.hub = hub;
        this.heartbeat = config.heartbeat();
        this.buffer = config.streamBuffer();
        this.maxPerUser = config.maxStreamsPerUser();
        this.clock = clock;
    }

    /** One plan's whole score now, then after every change; {@code id:} is the plan's score sequence. */
    public Multi<OutboundSseEvent> plan(UUID planId, Sse sse, SecurityIdentity caller) {
        return bounded(caller, events(hub.plan(planId), u -> Long.toString(u.sequence()), sse));
    }

    /**
     * Every plan's summary now, then one per change of any plan; {@code id:} is {@code <planId>:<sequence>}, since
     * the stream interleaves plans and no single number orders it.
     */
    public Multi<OutboundSseEvent> everyPlan(Sse sse, SecurityIdentity caller) {
        return bounded(caller, events(hub.everyPlan(), u -> u.planId() + ":" + u.sequence(), sse));
    }

    /** The streams a user holds open now (for the tests and the metrics' sake). */
    int open(String user) {
        AtomicInteger n = openByUser.get(user);
        return n == null ? 0 : n.get();
    }

    /**
     * Counts the stream against its user (refused with 429 beyond the limit) and ends it when the caller's token
     * expires.
     */
    private Multi<OutboundSseEvent> bounded(SecurityIdentity caller, Multi<OutboundSseEvent> stream) {
        String user = caller.getPrincipal().getName();
        AtomicInteger open = openByUser.computeIfAbsent(user, k -> new AtomicInteger());
        if (open.incrementAndGet() > maxPerUser) {
            release(user, open);
            throw new ProblemException(Problem.of(429, "Quá nhiều luồng đang mở",
                    "Tài khoản '" + user + "' đang mở " + maxPerUser + " luồng cập nhật điểm, mức tối đa cho phép."
                            + " Hãy đóng bớt các trang bảng điều hành đang mở rồi thử lại."));
        }
        Instant expires = caller.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0
                ? Instant.ofEpochSecond(jwt.getExpirationTime()) : null;
        Multi<OutboundSseEvent> limited = expires == null ? stream
                : stream.select().first(Duration.between(clock.instant(), expires).isNegative() ? Duration.ZERO
                        : Duration.between(clock.instant(), expires));
        return limited.onTermination().invoke(() -> release(user, open));
    }

    private void release(String user, AtomicInteger open) {
        if (open.decrementAndGet() <= 0) {
            openByUser.remove(user, open);
        }
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
