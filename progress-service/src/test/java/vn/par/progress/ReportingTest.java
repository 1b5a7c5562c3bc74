package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import vn.par.infra.events.EventEnvelope;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.report.ReportRequest;
import vn.par.progress.report.ReportService;
import vn.par.progress.report.ReportStatus;
import vn.par.stack.testing.TestInfra;

@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class ReportingTest {

    @Inject
    PlanIndex index;
    @TestHTTPResource("/api")
    URL api;
    @Inject
    ReportService reports;

    static Map<String, Object> report(String status, int percent) {
        return Map.of("status", status, "percentComplete", percent, "comment", "Đã ban hành kế hoạch số 02/KH-SLĐTBXH",
                "evidence", List.of(Map.of("title", "Kế hoạch 02/KH", "url", "https://vanban.example.vn/02-kh.pdf")));
    }

    private TestPlan publishedPlan() {
        TestPlan plan = TestPlan.standard();
        Broker.publish(plan, 1, index);
        return plan;
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void leadUnitReportSetsTaskStateAndIsPublishedOnParProgress() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0);
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            var created = given().contentType(ContentType.JSON).body(report("IN_PROGRESS", 60))
                    .when().post("/api/tasks/{task}/reports", task)
                    .then().statusCode(201)
                    .body("taskId", equalTo(task.toString()))
                    .body("planId", equalTo(plan.id.toString()))
                    .body("criterionCode", equalTo("1.1"))
                    .body("unit", equalTo("KHTC"))
                    .body("role", equalTo("LEAD"))
                    .body("reportedBy", equalTo("khtc"))
                    .body("status", equalTo("IN_PROGRESS"))
                    .body("percentComplete", equalTo(60))
                    .body("evidence[0].url", equalTo("https://vanban.example.vn/02-kh.pdf"))
                    .body("reportedAt", notNullValue())
                    .body("changesTaskState", equalTo(true))
                    .extract();
            String id = created.path("id");
            assertTrue(created.header("Location").endsWith("/api/tasks/" + task + "/reports/" + id));

            given().when().get("/api/tasks/{task}/reports/{id}", task, id).then().statusCode(200)
                    .body("id", equalTo(id));
            given().when().get("/api/plans/{plan}/tasks", plan.id).then().statusCode(200)
                    .body("tasks.find { it.taskId == '" + task + "' }.latest.status", equalTo("IN_PROGRESS"))
                    .body("tasks.find { it.taskId == '" + task + "' }.latest.percentComplete", equalTo(60))
                    .body("tasks.find { it.taskId == '" + task + "' }.latest.reportedBy", equalTo("khtc"));

            EventEnvelope event = events.await(plan.id, 1, Duration.ofSeconds(30)).get(0);
            assertEquals("ProgressReported", event.type());
            assertEquals("/progress-service", event.source());
            assertEquals(plan.id.toString(), event.key());
            Map<String, Object> data = Broker.data(event);
            assertEquals(id, data.get("reportId"));
            assertEquals(task.toString(), data.get("taskId"));
            assertEquals("1.1", data.get("criterionCode"));
            assertEquals("KHTC", data.get("unit"));
            assertEquals("LEAD", data.get("role"));
            assertEquals("IN_PROGRESS", data.get("status"));
            assertEquals(60, data.get("percentComplete"));
            assertEquals("khtc", data.get("reportedBy"));
            assertEquals(true, data.get("changesTaskState"));
        }
    }

    @Test
    @TestSecurity(user = "vp", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void coordinatingUnitReportIsKeptAsContributionAndLeavesTaskStateUnchanged() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0); // led by KHTC, VP coordinates
        reports.submit(new Caller("khtc", "KHTC", false), task,
                new ReportRequest(ReportStatus.IN_PROGRESS, 40, null, null, null), null);

        given().contentType(ContentType.JSON).body(report("DONE", 100))
                .when().post("/api/tasks/{task}/reports", task)
                .then().statusCode(201)
                .body("unit", equalTo("VP"))
                .body("role", equalTo("COORDINATING"))
                .body("reportedBy", equalTo("vp"))
                .body("changesTaskState", equalTo(false));

        given().when().get("/api/plans/{plan}/tasks", plan.id).then().statusCode(200)
                .body("tasks.find { it.taskId == '" + task + "' }.latest.status", equalTo("IN_PROGRESS"))
                .body("tasks.find { it.taskId == '" + task + "' }.latest.percentComplete", equalTo(40))
                .body("tasks.find { it.taskId == '" + task + "' }.latest.unit", equalTo("KHTC"));
        given().when().get("/api/tasks/{task}/reports", task).then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].role", equalTo("COORDINATING"))
                .body("[0].status", equalTo("DONE"))
                .body("[1].role", equalTo("LEAD"));
    }

    @Test
    @TestSecurity(user = "ldvl", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "LDVL"))
    void unitThatNeitherLeadsNorCoordinatesTheTaskIsForbidden() {
        TestPlan plan = publishedPlan();
        given().contentType(ContentType.JSON).body(report("IN_PROGRESS", 10))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("LDVL"));
        given().when().get("/api/tasks/{task}/reports", plan.taskId(0)).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void reporterNamingAnotherUnitInTheBodyIsForbidden() {
        TestPlan plan = publishedPlan();
        Map<String, Object> body = Map.of("status", "IN_PROGRESS", "percentComplete", 10, "unit", "VP");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/tasks/{task}/reports", plan.taskId(1))
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "nounit", roles = "reporter")
    void reporterWithoutUnitClaimIsForbiddenWithAnExplanation() {
        TestPlan plan = publishedPlan();
        given().contentType(ContentType.JSON).body(report("IN_PROGRESS", 10))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", containsString("chưa được gán đơn vị"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    @OidcSecurity(claims = @Claim(key = "unit", value = "VP"))
    void adminReportsOnBehalfOfLeadUnitAndTheReportRecordsPersonAndUnit() {
        TestPlan plan = publishedPlan();
        given().contentType(ContentType.JSON).body(report("IN_PROGRESS", 30))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(201)
                .body("unit", equalTo("KHTC"))
                .body("reportedBy", equalTo("admin"))
                .body("role", equalTo("LEAD"))
                .body("changesTaskState", equalTo(true));

        Map<String, Object> named = Map.of("status", "BLOCKED", "percentComplete", 30, "unit", "KHTC");
        given().contentType(ContentType.JSON).body(named)
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(201)
                .body("unit", equalTo("KHTC"))
                .body("reportedBy", equalTo("admin"));
        given().when().get("/api/plans/{plan}/tasks", plan.id).then().statusCode(200)
                .body("tasks[0].latest.status", equalTo("BLOCKED"))
                .body("tasks[0].latest.reportedBy", equalTo("admin"))
                .body("tasks[0].latest.unit", equalTo("KHTC"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void adminNamingAUnitThatDoesNotLeadTheTaskIsABadRequestOnUnit() {
        TestPlan plan = publishedPlan();
        Map<String, Object> body = Map.of("status", "IN_PROGRESS", "percentComplete", 30, "unit", "VP");
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("unit"));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void reportOnUnknownTaskIsNotFound() {
        given().contentType(ContentType.JSON).body(report("IN_PROGRESS", 10))
                .when().post("/api/tasks/{task}/reports", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/tasks/{task}/reports", UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void reportOnTaskOfClosedPlanIsConflict() {
        TestPlan plan = publishedPlan();
        plan.status = "CLOSED";
        Broker.publish(plan, 2, index);
        given().contentType(ContentType.JSON).body(report("IN_PROGRESS", 10))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("CLOSED"));
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void viewerCannotReportButCanRead() {
        TestPlan plan = publishedPlan();
        given().contentType(ContentType.JSON).body(report("IN_PROGRESS", 10))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(403)
                .contentType("application/problem+json");
        given().when().get("/api/plans/{plan}/tasks", plan.id).then().statusCode(200).body("tasks", hasSize(2));
        given().when().get("/api/my/tasks").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void everyEndpointWithoutTokenIsUnauthorizedWithProblemBody() {
        UUID id = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(report("IN_PROGRESS", 10))
                .when().post("/api/tasks/{task}/reports", id)
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().when().get("/api/tasks/{task}/reports", id).then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/my/tasks").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/plans/{plan}/tasks", id).then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/plans/{plan}/self-assessments", id).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("points", 1))
                .when().post("/api/plans/{plan}/criteria/1.1/self-assessments", id)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void myTasksListsTheUnitsLeadAndCoordinatingTasksWithLatestState() {
        TestPlan plan = publishedPlan();
        given().contentType(ContentType.JSON).body(report("IN_PROGRESS", 70))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0)).then().statusCode(201);

        String lead = "find { it.taskId == '" + plan.taskId(0) + "' }";
        String coordinating = "find { it.taskId == '" + plan.taskId(1) + "' }";
        given().when().get("/api/my/tasks").then().statusCode(200)
                .body(lead + ".role", equalTo("LEAD"))
                .body(lead + ".planId", equalTo(plan.id.toString()))
                .body(lead + ".agency", equalTo("Sở Lao động - Thương binh và Xã hội"))
                .body(lead + ".year", equalTo(2024))
                .body(lead + ".areaCode", equalTo("1"))
                .body(lead + ".criterionCode", equalTo("1.1"))
                .body(lead + ".criterionTitle", equalTo("Thực hiện kế hoạch CCHC"))
                .body(lead + ".dueDate", equalTo("2024-12-31"))
                .body(lead + ".latest.percentComplete", equalTo(70))
                .body(lead + ".latest.reportedBy", equalTo("khtc"))
                .body(coordinating + ".role", equalTo("COORDINATING"))
                .body(coordinating + ".latest", nullValue());
    }

    /**
     * A body with a Content-Length is read on the event loop before the endpoint runs (service-infra's
     * JsonBodyBuffer) over HTTP/1.1; a chunked one, with no length, and any body over HTTP/2 stream to the worker
     * thread as Quarkus REST reads it. All are the same report.
     */
    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void aReportWithALengthOrSentInChunksOverHttp1Or2IsAccepted() throws Exception {
        TestPlan plan = publishedPlan();
        byte[] json = new ObjectMapper().writeValueAsBytes(report("IN_PROGRESS", 30));
        URI reports = URI.create(api + "/tasks/" + plan.taskId(0) + "/reports");
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpClient http = HttpClient.newBuilder().version(version).build();
            for (BodyPublisher body : List.of(BodyPublishers.ofByteArray(json),
                    BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)))) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(reports)
                        .header("Content-Type", "application/json").POST(body).build(), BodyHandlers.ofString());
                assertEquals(201, response.statusCode(), version + ": " + response.body());
                assertTrue(response.body().contains("\"percentComplete\":30"), response.body());
            }
            // The HTTP/2 client upgrades its first request (h2c); the second goes over HTTP/2 itself.
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(reports).header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofByteArray(json)).build(), BodyHandlers.ofString());
            assertEquals(201, again.statusCode(), version + ": " + again.body());
            assertEquals(version, again.version());
        }
    }
}
