package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class IdempotencyTest {

    @Inject
    PlanIndex index;

    private TestPlan publishedPlan() {
        TestPlan plan = TestPlan.standard();
        Broker.publish(plan, 1, index);
        return plan;
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void retryWithSameKeyAndBodyReturnsTheOriginalReportAndEmitsNothingNew() {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0);
        String key = UUID.randomUUID().toString();
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            String id = given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{\"status\": \"IN_PROGRESS\", \"percentComplete\": 50, \"comment\": \"Quý 2\"}")
                    .when().post("/api/tasks/{task}/reports", task)
                    .then().statusCode(201).extract().path("id");
            // The same request, spelled differently: member order and spacing do not make it another request.
            given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body("{ \"comment\": \"Quý 2\",\n \"percentComplete\": 50, \"status\": \"IN_PROGRESS\" }")
                    .when().post("/api/tasks/{task}/reports", task)
                    .then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("percentComplete", equalTo(50));

            given().when().get("/api/tasks/{task}/reports", task).then().statusCode(200).body("", hasSize(1));
            events.await(plan.id, 1, Duration.ofSeconds(30));
            assertEquals(1, events.settle(plan.id, Duration.ofSeconds(2)).size(), "events of the plan on par.progress");
        }
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void sameKeyWithDifferentBodyIsUnprocessable() {
        TestPlan plan = publishedPlan();
        String key = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("status", "IN_PROGRESS", "percentComplete", 50))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(201);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("status", "IN_PROGRESS", "percentComplete", 60))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:par:problem:idempotency-key-reused"));
        given().when().get("/api/tasks/{task}/reports", plan.taskId(0)).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].percentComplete", equalTo(50));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void concurrentIdenticalRequestsStoreOneReportAndEmitOneEvent() throws Exception {
        TestPlan plan = publishedPlan();
        UUID task = plan.taskId(0);
        String key = UUID.randomUUID().toString();
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                            .body(Map.of("status", "IN_PROGRESS", "percentComplete", 20))
                            .when().post("/api/tasks/{task}/reports", task);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> r : responses) {
                statuses.add(r.get().statusCode());
                ids.add(r.get().path("id"));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "created: " + statuses);
            assertEquals(callers - 1, statuses.stream().filter(s -> s == 200).count(), "replayed: " + statuses);
            assertEquals(1, ids.stream().distinct().count(), "report ids: " + ids);
            given().when().get("/api/tasks/{task}/reports", task).then().statusCode(200).body("", hasSize(1));
            events.await(plan.id, 1, Duration.ofSeconds(30));
            assertEquals(1, events.settle(plan.id, Duration.ofSeconds(2)).size(), "events of the plan on par.progress");
        } finally {
            pool.shutdownNow();
        }
    }
}
