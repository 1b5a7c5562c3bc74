package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.par.stack.testing.TestInfra;

@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class HealthTest {

    @Test
    void readinessReportsDatabaseKafkaAndConsumerUp() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/tasks/{taskId}/reports'.post.summary", equalTo("Gửi báo cáo tiến độ một nhiệm vụ"));
    }
}
