package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.SampleData;
import vn.par.stack.Stack;

/** What several system tests do: set up a fresh published plan, and compare scores with the test's own projection. */
public final class Scenario {

    private Scenario() {
    }

    /** Imports the sample appendix for another year of the sample agency, publishes it, and waits for both consumers. */
    public static PlanModel publishedPlan(Stack stack, int year) {
        String admin = stack.token("admin", "admin");
        String criteria = stack.url("criteria-service");
        String query = "?agency=" + URLEncoder.encode(new SampleData().agency(), StandardCharsets.UTF_8) + "&year=" + year;
        Http.Reply imported = Http.send(HttpRequest.newBuilder(java.net.URI.create(criteria + "/api/plans/import" + query))
                .header("Content-Type", "text/tab-separated-values")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SampleData.planText())), admin);
        assertEquals(201, imported.status(), imported.body());
        String id = imported.json().get("planId").asText();
        Http.Reply published = Http.post(criteria + "/api/plans/" + id + "/publish", admin, "{}");
        assertEquals(200, published.status(), published.body());
        PlanModel plan = new PlanModel(Http.get(criteria + "/api/plans/" + id, admin).json());
        String viewer = stack.token("viewer", "viewer");
        Await.until("scoring-service knows plan " + id, Duration.ofSeconds(60),
                () -> Http.get(stack.url("scoring-service") + "/api/plans/" + id + "/scores", viewer).status() == 200);
        UUID someTask = plan.scoredTasks().get(0).id();
        Await.until("progress-service knows plan " + id, Duration.ofSeconds(60),
                () -> Http.get(stack.url("progress-service") + "/api/tasks/" + someTask + "/reports", viewer).status() == 200);
        return plan;
    }

    /** Waits until scoring-service's index and every area equal the test's projection; fails with both if not. */
    public static JsonNode awaitScores(Stack stack, PlanModel plan, Map<UUID, Integer> latestPercent, Duration timeout) {
        return awaitScores(stack, stack.url("scoring-service"), plan, latestPercent, timeout);
    }

    /** As above, asking the scoring-service instance at {@code scoringUrl}. */
    public static JsonNode awaitScores(Stack stack, String scoringUrl, PlanModel plan, Map<UUID, Integer> latestPercent,
            Duration timeout) {
        ExpectedScores expected = new ExpectedScores(plan, latestPercent);
        String viewer = stack.token("viewer", "viewer");
        String url = scoringUrl + "/api/plans/" + plan.id() + "/scores";
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Http.Reply r = Http.get(url, viewer);
            if (r.status() == 200) {
                last = r.json();
                if (matches(last, expected)) {
                    return last;
                }
            }
            sleep(250);
        }
        throw new AssertionError("scores of plan " + plan.id() + " did not reach the expected projection within " + timeout
                + ": expected total " + expected.total() + " areas " + expected.areas() + ", got "
                + (last == null ? "nothing" : last.get("projected") + " areas " + areas(last)));
    }

    private static boolean matches(JsonNode score, ExpectedScores expected) {
        if (score.get("projected").decimalValue().compareTo(expected.total()) != 0) {
            return false;
        }
        for (JsonNode area : score.get("areas")) {
            BigDecimal want = expected.area(area.get("code").asText());
            if (want == null || area.get("projected").decimalValue().compareTo(want) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String areas(JsonNode score) {
        StringBuilder sb = new StringBuilder("{");
        score.get("areas").forEach(a -> sb.append(a.get("code").asText()).append('=').append(a.get("projected")).append(' '));
        return sb.append('}').toString();
    }

    /** scoring-service's own record of the last par.progress sequence it applied for the plan. */
    public static long appliedProgressSequence(Stack stack, UUID plan) {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("scoring"), stack.postgresUser(), stack.postgresPassword());
                PreparedStatement ps = c.prepareStatement("SELECT progress_sequence FROM scored_plan WHERE plan_id = ?")) {
            ps.setObject(1, plan);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read scoring's database: " + e.getMessage(), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
