package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import vn.par.infra.events.EventEnvelope;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class SelfAssessmentTest {

    private static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    @Inject
    PlanIndex index;

    private TestPlan publishedPlan() {
        TestPlan plan = TestPlan.standard();
        Broker.publish(plan, 1, index);
        return plan;
    }

    private static String path(TestPlan plan, String code) {
        return "/api/plans/" + plan.id + "/criteria/" + code + "/self-assessments";
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void leadUnitSelfAssessesALeafAndTheLatestCounts() {
        TestPlan plan = publishedPlan();
        try (Broker.ProgressEvents events = new Broker.ProgressEvents()) {
            given().config(DECIMALS).contentType(ContentType.JSON)
                    .body("{\"points\": 2.5, \"comment\": \"Đạt kế hoạch\", \"evidence\": [{\"title\": \"Báo cáo\", \"url\": \"https://a.example.vn/bc.pdf\"}]}")
                    .when().post(path(plan, "1.1"))
                    .then().statusCode(201)
                    .body("criterionCode", equalTo("1.1"))
                    .body("criterionTitle", equalTo("Thực hiện kế hoạch CCHC"))
                    .body("unit", equalTo("KHTC"))
                    .body("assessedBy", equalTo("khtc"))
                    .body("points", equalTo(new BigDecimal("2.5")));
            var created = given().contentType(ContentType.JSON).body("{\"points\": 1.25}")
                    .when().post(path(plan, "1.1"))
                    .then().statusCode(201).extract();
            String latest = created.path("id");
            given().when().get(created.header("Location")).then().statusCode(200)
                    .body("id", equalTo(latest))
                    .body("criterionTitle", equalTo("Thực hiện kế hoạch CCHC"));

            given().config(DECIMALS).when().get("/api/plans/{plan}/self-assessments", plan.id).then().statusCode(200)
                    .body("", hasSize(1))
                    .body("[0].id", equalTo(latest))
                    .body("[0].points", equalTo(new BigDecimal("1.25")));

            List<EventEnvelope> published = events.await(plan.id, 2, Duration.ofSeconds(30));
            EventEnvelope first = published.get(0);
            assertEquals("SelfAssessed", first.type());
            Map<String, Object> data = Broker.data(first);
            assertEquals("1.1", data.get("criterionCode"));
            assertEquals("KHTC", data.get("unit"));
            assertEquals("khtc", data.get("assessedBy"));
            assertEquals(2.5, ((Number) data.get("points")).doubleValue());
            assertEquals(first.sequence() + 1, published.get(1).sequence());
        }
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void pointsOutsideZeroToMaximumAreBadRequestsOnPoints() {
        TestPlan plan = publishedPlan();
        for (String points : List.of("3.01", "-0.5", "1.23456", "\"1.5\"")) {
            given().contentType(ContentType.JSON).body("{\"points\": " + points + "}")
                    .when().post(path(plan, "1.1"))
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo("points"));
        }
        given().contentType(ContentType.JSON).body("{}")
                .when().post(path(plan, "1.1"))
                .then().statusCode(400).body("field", equalTo("points"));
        given().when().get("/api/plans/{plan}/self-assessments", plan.id).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void criterionWithChildrenIsBadRequestAndUnknownOnesAreNotFound() {
        TestPlan plan = publishedPlan();
        given().contentType(ContentType.JSON).body("{\"points\": 1}")
                .when().post(path(plan, "1"))
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("code"));
        given().contentType(ContentType.JSON).body("{\"points\": 1}")
                .when().post(path(plan, "9.9"))
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"points\": 1}")
                .when().post("/api/plans/" + UUID.randomUUID() + "/criteria/1.1/self-assessments")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void unitThatOnlyCoordinatesTheCriterionsTasksCannotSelfAssess() {
        TestPlan plan = publishedPlan(); // 1.2 is led by VP; KHTC only coordinates
        given().contentType(ContentType.JSON).body("{\"points\": 1}")
                .when().post(path(plan, "1.2"))
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("KHTC"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void adminSelfAssessesOnBehalfOfTheLeadUnit() {
        TestPlan plan = publishedPlan();
        given().contentType(ContentType.JSON).body("{\"points\": 7}")
                .when().post(path(plan, "1.2"))
                .then().statusCode(201)
                .body("unit", equalTo("VP"))
                .body("assessedBy", equalTo("admin"));
    }
}
