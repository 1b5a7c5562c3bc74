package vn.par.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.par.stack.testing.TestInfra;

@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class HealthTest {

    @Test
    void readinessReportsDatabaseKafkaAndTheScoreFeedUp() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void apiWithoutTokenIsUnauthorizedWithProblemBody() {
        given().when().get("/api/scores").then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }
}
