package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.Collections;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import vn.par.progress.plan.PlanIndex;
import vn.par.stack.testing.TestInfra;

/** Every rule a report body must follow: a 400 problem naming the field, and nothing stored. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class ReportValidationTest {

    private static TestPlan plan;

    @Inject
    PlanIndex index;

    @BeforeEach
    void publishPlanOnce() {
        if (plan == null) {
            plan = TestPlan.standard();
            Broker.publish(plan, 1, index);
        }
    }

    static Stream<Arguments> invalidBodies() {
        String url = "\"https://vanban.example.vn/a.pdf\"";
        return Stream.of(
                Arguments.of("status missing", "{\"percentComplete\": 10}", "status"),
                Arguments.of("status not one of the four", "{\"status\": \"FINISHED\", \"percentComplete\": 10}", "status"),
                Arguments.of("status as a number", "{\"status\": 1, \"percentComplete\": 10}", "status"),
                Arguments.of("percent missing", "{\"status\": \"IN_PROGRESS\"}", "percentComplete"),
                Arguments.of("percent below 0", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": -1}", "percentComplete"),
                Arguments.of("percent above 100", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 101}", "percentComplete"),
                Arguments.of("percent not an integer", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 50.5}", "percentComplete"),
                Arguments.of("percent as a string", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": \"50\"}", "percentComplete"),
                Arguments.of("DONE below 100", "{\"status\": \"DONE\", \"percentComplete\": 60}", "percentComplete"),
                Arguments.of("NOT_STARTED above 0", "{\"status\": \"NOT_STARTED\", \"percentComplete\": 10}", "percentComplete"),
                Arguments.of("comment too long", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"comment\": \""
                        + "x".repeat(2001) + "\"}", "comment"),
                Arguments.of("more than 20 evidence items", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"evidence\": ["
                        + String.join(",", Collections.nCopies(21, "{\"title\": \"t\", \"url\": " + url + "}")) + "]}",
                        "evidence"),
                Arguments.of("empty evidence item", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"evidence\": [null]}",
                        "evidence[0]"),
                Arguments.of("evidence without title", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"evidence\": "
                        + "[{\"url\": " + url + "}]}", "evidence[0].title"),
                Arguments.of("evidence title too long", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"evidence\": "
                        + "[{\"title\": \"" + "t".repeat(201) + "\", \"url\": " + url + "}]}", "evidence[0].title"),
                Arguments.of("evidence without url", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"evidence\": "
                        + "[{\"title\": \"t\"}]}", "evidence[0].url"),
                Arguments.of("evidence url not http(s)", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"evidence\": "
                        + "[{\"title\": \"t\", \"url\": \"ftp://files.example.vn/a.pdf\"}]}", "evidence[0].url"),
                Arguments.of("evidence url is script", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"evidence\": "
                        + "[{\"title\": \"t\", \"url\": \"javascript:alert(1)\"}]}", "evidence[0].url"),
                Arguments.of("evidence url too long", "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"evidence\": "
                        + "[{\"title\": \"t\", \"url\": \"https://example.vn/" + "a".repeat(2000) + "\"}]}", "evidence[0].url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void invalidReportIsBadRequestNamingTheFieldAndStoresNothing(String rule, String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("detail", not(emptyOrNullString()));
        given().when().get("/api/tasks/{task}/reports", plan.taskId(0)).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void malformedJsonIsBadRequest() {
        given().contentType(ContentType.JSON).body("{\"status\": \"IN_PROGRESS\", \"percentComplete\": ")
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    /** Above par.http.max-json-body-size (1 MiB) a JSON body is refused before it is read, whatever the type's case. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonTypes")
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void jsonBodyAboveTheLimitIsTooLargeAndStoresNothing(String contentType) {
        String body = "{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10, \"comment\": \"" + "x".repeat(1_100_000) + "\"}";
        given().contentType(contentType).body(body)
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:par:problem:too-large"));
        given().when().get("/api/tasks/{task}/reports", plan.taskId(0)).then().statusCode(200).body("", hasSize(0));
    }

    static Stream<String> jsonTypes() {
        return Stream.of("application/json", "application/json; charset=UTF-8", "Application/JSON");
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void idempotencyKeyLongerThan200CharactersIsBadRequest() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201))
                .body("{\"status\": \"IN_PROGRESS\", \"percentComplete\": 10}")
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("Idempotency-Key"));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void htmlAndSqlLookingTextIsStoredAndReturnedVerbatim() {
        TestPlan own = TestPlan.standard();
        Broker.publish(own, 1, index);
        String comment = "<script>alert('x')</script>'; DROP TABLE progress_report; --";
        given().contentType(ContentType.JSON)
                .body(Map.of("status", "IN_PROGRESS", "percentComplete", 10, "comment", comment))
                .when().post("/api/tasks/{task}/reports", own.taskId(0))
                .then().statusCode(201)
                .body("comment", equalTo(comment));
        given().when().get("/api/tasks/{task}/reports", own.taskId(0)).then().statusCode(200)
                .body("[0].comment", equalTo(comment));
    }
}
