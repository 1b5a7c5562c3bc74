package vn.par.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.stack.testing.TestInfra;

/**
 * The browser-side defences (service-infra's SecurityHeaders) on the pages and the API, and the limit on a JSON body
 * sent without a length (service-infra's JsonBodyLimit), as a client meets them over HTTP.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class HttpHardeningTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void pagesAndTheApiCarryTheSecurityHeaders() {
        for (String path : new String[] { "/", "/api/scores", "/dashboard/plan.js" }) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("strict-origin-when-cross-origin"))
                    .header("Strict-Transport-Security", nullValue()); // plain HTTP here
        }
        // A refusal carries them too.
        given().get("/ui/plans/{plan}", UUID.randomUUID()).then().statusCode(404)
                .header("Content-Security-Policy", containsString("default-src 'self'"));
    }

    @Test
    void healthAndMetricsAreLeftAlone() {
        given().get("/q/health/live").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }

    @Test
    @TestSecurity(user = "viewer", roles = "viewer")
    void aChunkedJsonBodyOverTheLimitIsRefusedWith413() throws Exception {
        // 1.5 MiB of JSON without a Content-Length: the limit (1 MiB) is applied to the bytes read.
        StringBuilder json = new StringBuilder("{\"indicators\":[");
        while (json.length() < 1_500_000) {
            json.append("{\"code\":\"7.2\",\"numerator\":1,\"denominator\":2},");
        }
        json.append("{\"code\":\"7.2\",\"numerator\":1,\"denominator\":2}]}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "api/plans/" + UUID.randomUUID()
                + "/scores/what-if"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(answer.body().contains("vượt giới hạn"), answer.body());
    }
}
