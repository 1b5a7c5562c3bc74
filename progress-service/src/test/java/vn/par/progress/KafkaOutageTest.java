package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import vn.par.infra.events.EventEnvelope;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

/** Accepted reports survive a broker outage in the outbox and reach par.progress once each, in order. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class KafkaOutageTest {

    @Inject
    PlanIndex index;

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void reportsAcceptedWhileKafkaIsDownAreDeliveredOnceInOrderWhenItReturns() {
        TestPlan plan = TestPlan.standard();
        Broker.publish(plan, 1, index);
        List<String> accepted = new ArrayList<>();
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            TestInfra.kafka().stop();
            try {
                for (int i = 0; i < 12; i++) {
                    // Lead reports on task 0 and contributions on task 1 (KHTC coordinates it), interleaved.
                    accepted.add(given().contentType(ContentType.JSON)
                            .body(Map.of("status", "IN_PROGRESS", "percentComplete", i + 1, "comment", "lần " + i))
                            .when().post("/api/tasks/{task}/reports", plan.taskId(i % 2))
                            .then().statusCode(201).extract().path("id"));
                }
            } finally {
                TestInfra.kafka().start(Duration.ofSeconds(90));
            }

            events.await(plan.id, accepted.size(), Duration.ofSeconds(90));
            List<EventEnvelope> delivered = events.settle(plan.id, Duration.ofSeconds(3));
            List<String> reportIds = delivered.stream().map(e -> (String) Broker.data(e).get("reportId")).toList();
            assertEquals(accepted, reportIds, "every accepted report once, in the order it was accepted");
            long first = delivered.get(0).sequence();
            for (int i = 0; i < delivered.size(); i++) {
                assertEquals(first + i, delivered.get(i).sequence(), "ce_sequence of event " + i);
            }
        }
    }
}
