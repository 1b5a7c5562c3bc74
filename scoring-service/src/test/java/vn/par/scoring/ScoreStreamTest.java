package vn.par.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.par.scoring.testing.Scores.area;
import static vn.par.scoring.testing.Scores.criterion;
import static vn.par.scoring.testing.SeedPlan.taskOf;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.scoring.testing.Events;
import vn.par.scoring.testing.Scores;
import vn.par.scoring.testing.SeedPlan;
import vn.par.scoring.testing.SseClient;
import vn.par.stack.testing.TestInfra;

/** The score streams, read by a plain HTTP client as a browser's EventSource would. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "viewer", roles = "viewer")
class ScoreStreamTest {

    private static final Instant FEBRUARY = Instant.parse("2024-02-01T02:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URL root;

    @Test
    void aClientConnectedBeforeAReportGetsTheCurrentStateThenExactlyOneNewEvent() throws Exception {
        UUID plan = UUID.randomUUID();
        Events.plan(plan, 1, SeedPlan.json(plan), FEBRUARY);
        Scores.awaitSequence(plan, 1);

        try (SseClient client = new SseClient(uri("api/plans/" + plan + "/scores/stream"))) {
            SseClient.Event current = client.next(WAIT);
            assertNotNull(current, "the current state on connect");
            assertTrue(client.contentType().startsWith("text/event-stream"), client.contentType());
            assertEquals("score", current.name());
            assertEquals("1", current.id());
            JsonNode first = Scores.parse(current.data());
            assertEquals("89.62", first.get("projected").asText());
            assertEquals(32, first.get("criteria").size(), "the same body as the GET");

            Events.lead(plan, 1, taskOf("7.2"), "IN_PROGRESS", 50, FEBRUARY.plusSeconds(3600));
            SseClient.Event change = client.next(WAIT);
            assertNotNull(change, "the change");
            assertEquals("2", change.id());
            JsonNode second = Scores.parse(change.data());
            assertEquals("89.96", second.get("projected").asText());
            assertEquals("17.38", area(second, "7").get("projected").asText());
            assertEquals("3.67", criterion(second, "7.2").get("projected").asText());
            assertEquals(second, Scores.plan(plan), "what the stream says is what the GET says");

            assertNull(client.next(Duration.ofMillis(2500)), "exactly one event per change");
            assertTrue(client.comments() >= 1, "a heartbeat comment at least every second in tests");
        }
    }

    @Test
    void theAllPlansStreamSendsEveryPlanThenEachChange() throws Exception {
        UUID plan = UUID.randomUUID();
        Events.plan(plan, 1, SeedPlan.json(plan), FEBRUARY);
        Scores.awaitSequence(plan, 1);

        try (SseClient client = new SseClient(uri("api/scores/stream"))) {
            SseClient.Event initial = nextOf(client, plan);
            assertEquals(plan + ":1", initial.id());
            JsonNode summary = Scores.parse(initial.data());
            assertEquals("89.62", summary.get("percent").asText());
            assertEquals("B", summary.get("group").asText());
            assertNull(summary.get("areas"), "a summary");

            Events.lead(plan, 1, SeedPlan.tasksOf("3").get(0), "DONE", 100, FEBRUARY.plusSeconds(60));
            Events.lead(plan, 2, SeedPlan.tasksOf("3").get(1), "DONE", 100, FEBRUARY.plusSeconds(120));
            SseClient.Event last = nextOf(client, plan);
            while (!Scores.parse(last.data()).get("projected").asText().equals("91.62")) {
                last = nextOf(client, plan);
            }
            assertEquals(plan + ":3", last.id());
            assertEquals("A", Scores.parse(last.data()).get("group").asText());
        }
    }

    @Test
    @TestSecurity(user = "wall-screen", roles = "viewer")
    void oneUserHoldsAtMostTenStreamsAndAnEleventhIsRefusedWith429() throws Exception {
        java.util.List<SseClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                SseClient client = new SseClient(uri("api/scores/stream"));
                open.add(client);
                awaitStatus(client);
                assertEquals(200, client.status(), "stream " + (i + 1));
            }
            try (SseClient eleventh = new SseClient(uri("ui/stream"))) {
                awaitStatus(eleventh);
                assertEquals(429, eleventh.status(), "the pages' stream counts as well");
            }
            open.remove(0).close();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                try (SseClient again = new SseClient(uri("api/scores/stream"))) {
                    awaitStatus(again);
                    status = again.status();
                }
                if (status != 200) {
                    Thread.sleep(250);
                }
            }
            assertEquals(200, status, "a closed stream frees its place");
        } finally {
            open.forEach(SseClient::close);
        }
    }

    private static void awaitStatus(SseClient client) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (client.status() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void theStreamOfAnUnknownPlanIsNotFound() throws Exception {
        try (SseClient client = new SseClient(uri("api/plans/" + UUID.randomUUID() + "/scores/stream"))) {
            assertNull(client.next(Duration.ofSeconds(2)));
            Scores.await(client::status, s -> s == 404, "404");
        }
    }

    private static SseClient.Event nextOf(SseClient client, UUID plan) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            SseClient.Event event = client.next(Duration.ofMillis(500));
            if (event != null && event.id().startsWith(plan.toString())) {
                return event;
            }
        }
        throw new AssertionError("no event of plan " + plan);
    }

    private URI uri(String path) throws Exception {
        return root.toURI().resolve(path);
    }
}
