package vn.par.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.stack.SampleData;
import vn.par.stack.Stack;
import vn.par.system.Await;
import vn.par.system.PlanModel;
import vn.par.system.Scenario;
import vn.par.system.SystemStack;

/**
 * Wrong users against the whole running system, with real Keycloak tokens (issue 7, "Wrong users"): no token,
 * an expired token, a forged one, one with a changed claim, one from another realm, one for another audience (the
 * expired, forged and changed ones after the real token was accepted, so also past the services' cache of verified
 * tokens); a viewer that writes; a
 * reporter outside its unit; and every operation of the three OpenAPI documents tried without a token.
 *
 * <p>A fresh published copy of the sample plan (year 2041) gives the tasks, so that nothing here moves a score
 * another test checks; a DRAFT copy (year 2048) is what a viewer or reporter tries to publish.
 */
@ExtendWith(SystemStack.class)
class WrongUsersIT {

    private static final String REPORT = "{\"status\":\"IN_PROGRESS\",\"percentComplete\":30,\"comment\":\"thử quyền\"}";

    private static PlanModel plan;
    private static UUID draftPlan;
    /** 6.1.2's task: KHTC leads it. */
    private static UUID khtcTask;

    @BeforeAll
    static void createPlans() {
        Stack stack = SystemStack.stack();
        plan = Scenario.publishedPlan(stack, 2041);
        khtcTask = UUID.fromString(Fixtures.task(stack, plan.id(), "6.1.2").get("taskId").asText());
        draftPlan = UUID.fromString(Fixtures.draftPlan(stack, 2048).get("planId").asText());
    }

    // ---- tokens that are not good enough: 401 -------------------------------------------------------------

    @Test
    void aRequestWithoutATokenIsAnswered401WithABearerChallenge() {
        assertUnauthorizedEverywhere(SystemStack.stack(), null, "no token");
    }

    @Test
    void anExpiredTokenIsAnswered401() {
        Stack stack = SystemStack.stack();
        KeycloakAdmin keycloak = new KeycloakAdmin(stack);
        String token;
        keycloak.updateRealm("par", Api.JSON.createObjectNode().put("accessTokenLifespan", 3));
        try {
            token = keycloak.passwordGrant("par", "par-web", "khtc", "khtc").accessToken();
        } finally {
            keycloak.updateRealm("par", Api.JSON.createObjectNode().put("accessTokenLifespan", 1800));
        }
        assertEquals(1800, keycloak.realm("par").get("accessTokenLifespan").asInt(), "the realm's token lifespan is restored");
        JsonNode claims = Jwt.claims(token);
        long exp = claims.get("exp").asLong();
        assertTrue(exp - claims.get("iat").asLong() <= 3, "a 3 s token: " + claims);
        // While it is valid, the same token is accepted: the 401 below is the expiry and nothing else. Accepted, it
        // is also among each service's verified tokens (VerifiedTokens), which must not outlive its exp.
        if (exp * 1000 - System.currentTimeMillis() > 1500) {
            assertAcceptedEverywhere(stack, token, "the token before it expired");
            System.out.println("expired token: accepted (200) by the three services while valid, tried again 2 s after its exp");
        }
        Await.until("the token has expired 2 s ago", Duration.ofSeconds(15),
                () -> System.currentTimeMillis() > (exp + 2) * 1000);
        assertUnauthorizedEverywhere(stack, token, "expired token");
    }

    @Test
    void aScoreStreamEndsWhenTheTokenThatOpenedItExpires() {
        Stack stack = SystemStack.stack();
        KeycloakAdmin keycloak = new KeycloakAdmin(stack);
        String token;
        keycloak.updateRealm("par", Api.JSON.createObjectNode().put("accessTokenLifespan", 5));
        try {
            token = keycloak.passwordGrant("par", "par-web", "viewer", "viewer").accessToken();
        } finally {
            keycloak.updateRealm("par", Api.JSON.createObjectNode().put("accessTokenLifespan", 1800));
        }
        long exp = Jwt.claims(token).get("exp").asLong();
        try (vn.par.system.SseClient stream = new vn.par.system.SseClient(stack.url("scoring-service")
                + "/api/scores/stream", token)) {
            assertTrue(stream.anyWithin(Duration.ofSeconds(5)) || System.currentTimeMillis() < exp * 1000,
                    "the stream answers while the token is valid");
            assertTrue(stream.endsWithin(Duration.ofSeconds(15)), "the stream outlived its token");
            long endedAfterExpiry = System.currentTimeMillis() - exp * 1000;
            assertTrue(endedAfterExpiry > -1000, "ended " + endedAfterExpiry + " ms before the token expired");
            System.out.printf("score stream: ended %d ms after its token's exp%n", endedAfterExpiry);
        }
    }

    @Test
    void aTokenSignedByAnotherKeyIsAnswered401() {
        Stack stack = SystemStack.stack();
        String real = stack.token("khtc", "khtc");
        String forged = Jwt.resignedWithAnotherKey(real);
        assertEquals(Jwt.header(real), Jwt.header(forged), "same header, same kid");
        assertEquals(Jwt.claims(real), Jwt.claims(forged), "same claims");
        assertNotEquals(real, forged);
        // The real token first, so that each service holds it as verified: the forgery must not ride on that.
        assertAcceptedEverywhere(stack, real, "the real token");
        assertUnauthorizedEverywhere(stack, forged, "token signed by another key");
    }

    @Test
    void aTokenWhoseClaimsWereChangedUnderItsSignatureIsAnswered401() {
        Stack stack = SystemStack.stack();
        String real = stack.token("khtc", "khtc");
        assertAcceptedEverywhere(stack, real, "the real token");
        String otherUnit = Jwt.withClaim(real, "unit", "LDVL");
        assertEquals("LDVL", Jwt.claims(otherUnit).get("unit").asText());
        assertUnauthorizedEverywhere(stack, otherUnit, "token whose unit claim was changed");
    }

    @Test
    void aTokenFromAnotherRealmIsAnswered401() throws IOException {
        Stack stack = SystemStack.stack();
        KeycloakAdmin keycloak = new KeycloakAdmin(stack);
        keycloak.deleteRealmIfPresent("other");
        keycloak.createRealm(otherRealm());
        try {
            String token = keycloak.passwordGrant("other", "par-web", "khtc", "khtc").accessToken();
            JsonNode claims = Jwt.claims(token);
            // Everything but the issuer (and the key) is what the services want.
            assertEquals(keycloak.base() + "/realms/other", claims.get("iss").asText());
            assertTrue(audiences(claims).contains("par-api"), "audience par-api: " + claims);
            assertEquals("KHTC", claims.path("unit").asText(), "unit claim: " + claims);
            assertTrue(claims.path("realm_access").path("roles").toString().contains("reporter"), "role: " + claims);
            assertUnauthorizedEverywhere(stack, token, "token of realm 'other'");
        } finally {
            keycloak.deleteRealmIfPresent("other");
        }
    }

    @Test
    void aTokenForAnotherAudienceIsAnswered401() {
        Stack stack = SystemStack.stack();
        KeycloakAdmin keycloak = new KeycloakAdmin(stack);
        KeycloakAdmin.TokenAnswer adminCli = keycloak.passwordGrant("par", "admin-cli", "khtc", "khtc");
        if (adminCli.status() == 200) {
            String token = adminCli.accessToken();
            assertFalse(audiences(Jwt.claims(token)).contains("par-api"), "admin-cli's token: " + Jwt.claims(token));
            assertUnauthorizedEverywhere(stack, token, "token of client admin-cli (no par-api audience)");
        }
        // A client like par-web in every way but the audience mapper: the token differs in its audience only.
        ObjectNode client = Api.JSON.createObjectNode()
                .put("clientId", "par-test-no-audience").put("enabled", true).put("publicClient", true)
                .put("standardFlowEnabled", false).put("directAccessGrantsEnabled", true).put("fullScopeAllowed", true);
        client.putArray("protocolMappers").add(unitMapper());
        String id = keycloak.createClient("par", client);
        try {
            String token = keycloak.passwordGrant("par", "par-test-no-audience", "khtc", "khtc").accessToken();
            JsonNode claims = Jwt.claims(token);
            assertEquals(stack.issuer(), claims.get("iss").asText());
            assertEquals("KHTC", claims.path("unit").asText(), "unit claim: " + claims);
            assertTrue(claims.path("realm_access").path("roles").toString().contains("reporter"), "role: " + claims);
            assertFalse(audiences(claims).contains("par-api"), "no par-api audience: " + claims);
            assertUnauthorizedEverywhere(stack, token, "token without the par-api audience");
        } finally {
            keycloak.deleteClient("par", id);
        }
    }

    // ---- roles and units: 403 ------------------------------------------------------------------------------

    @Test
    void aViewerCannotWriteAnything() {
        Stack stack = SystemStack.stack();
        String viewer = Fixtures.token(stack, "viewer");
        for (Write write : writes(stack, 2047)) {
            assertForbiddenAndNothingChanged(stack, write, viewer, "viewer");
        }
    }

    @Test
    void aReporterCannotImportPublishOrEditAPlanNorRebuildScores() {
        Stack stack = SystemStack.stack();
        String khtc = Fixtures.token(stack, "khtc");
        for (Write write : writes(stack, 2049)) {
            if (!write.reporterMay()) {
                assertForbiddenAndNothingChanged(stack, write, khtc, "reporter khtc");
            }
        }
    }

    @Test
    void aReporterCannotReportOnATaskOfAnotherUnit() {
        Stack stack = SystemStack.stack();
        String khtc = Fixtures.token(stack, "khtc");
        JsonNode foreign = Fixtures.taskWithoutUnit(stack, plan.id(), "KHTC");
        String progress = stack.url("progress-service");
        JsonNode problem = assertForbiddenAndNothingChanged(stack, new Write("progress-service", "POST",
                "/api/tasks/" + foreign.get("taskId").asText() + "/reports", "application/json", REPORT, true), khtc, "khtc");
        assertTrue(problem.get("detail").asText().contains("KHTC"), "the detail says which unit: " + problem);
        // Nor on its own task while naming another unit, nor self-assess a criterion KHTC does not lead.
        assertForbiddenAndNothingChanged(stack, new Write("progress-service", "POST", "/api/tasks/" + khtcTask + "/reports",
                "application/json", "{\"status\":\"IN_PROGRESS\",\"percentComplete\":30,\"unit\":\"VP\"}", true), khtc, "khtc");
        assertForbiddenAndNothingChanged(stack, new Write("progress-service", "POST", "/api/plans/" + plan.id()
                + "/criteria/" + foreign.get("criterionCode").asText() + "/self-assessments", "application/json",
                "{\"points\":0.5}", true), khtc, "khtc");
        assertEquals(0, Api.get(progress + "/api/tasks/" + foreign.get("taskId").asText() + "/reports", khtc).json().size());
    }

    @Test
    void aCoordinatingUnitsReportIsAContributionThatDoesNotMoveTheScore() {
        Stack stack = SystemStack.stack();
        String khtc = Fixtures.token(stack, "khtc");
        String viewer = Fixtures.token(stack, "viewer");
        JsonNode task = Fixtures.taskCoordinatedBy(stack, plan.id(), "KHTC");
        String taskId = task.get("taskId").asText();
        String scores = stack.url("scoring-service") + "/api/plans/" + plan.id() + "/scores";
        JsonNode before = Api.get(scores, viewer).json();
        long applied = Scenario.appliedProgressSequence(stack, plan.id());

        Api.Answer posted = Api.postJson(stack.url("progress-service") + "/api/tasks/" + taskId + "/reports", khtc,
                "{\"status\":\"IN_PROGRESS\",\"percentComplete\":80,\"comment\":\"Phòng KHTC đã góp ý dự thảo\"}");
        assertEquals(201, posted.status(), posted.describe());
        JsonNode report = posted.json();
        assertEquals("COORDINATING", report.get("role").asText(), posted.describe());
        assertFalse(report.get("changesTaskState").asBoolean(), posted.describe());
        assertEquals("KHTC", report.get("unit").asText());

        // scoring-service has read the contribution ...
        Await.until("scoring-service applied the contribution", Duration.ofSeconds(60),
                () -> Scenario.appliedProgressSequence(stack, plan.id()) == Math.max(applied, 0) + 1);
        sleep(3000);
        // ... and the score, its sequence and every area and criterion are as they were.
        JsonNode after = Api.get(scores, viewer).json();
        assertEquals(before, after, "a coordinating unit's report moved the score");
        // The task's state did not move either.
        JsonNode state = Fixtures.taskById(stack, plan.id(), taskId);
        assertTrue(state.path("latest").isNull() || state.path("latest").isMissingNode(), "the task's state: " + state);
    }

    // ---- anonymous callers ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "criteria-service", "progress-service", "scoring-service" })
    void everyOperationOfTheOpenApiDocumentRefusesAnAnonymousCaller(String service) {
        Stack stack = SystemStack.stack();
        JsonNode document = openApi(stack, service);
        List<String> tried = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE").contains(method)) {
                    continue;
                }
                String url = stack.url(service) + substitute(stack, path.getKey());
                boolean withBody = Set.of("POST", "PUT", "PATCH").contains(method);
                // The body type the operation declares (an upload is multipart): a caller without a token must meet
                // the 401, not a 415 that only says the body was of the wrong kind.
                String type = withBody ? declaredBodyType(path.getValue().get(method.toLowerCase())) : null;
                tried.add(method + " " + path.getKey());
                try {
                    Api.Answer answer = Api.send(method, url, null, type,
                            withBody ? body(type) : null, Map.of(), Duration.ofSeconds(15));
                    if (answer.status() != 401 || !answer.contentType().startsWith("application/problem+json")
                            || !String.valueOf(answer.header("WWW-Authenticate")).startsWith("Bearer")) {
                        answered.add(answer.describe() + " WWW-Authenticate: " + answer.header("WWW-Authenticate"));
                    }
                } catch (AssertionError noAnswer) {
                    answered.add(method + " " + url + ": " + noAnswer.getMessage());
                }
            }
        }
        System.out.printf("%s: %d operations tried without a token: %s%n", service, tried.size(), tried);
        String known = switch (service) {
            case "criteria-service" -> "POST /api/plans/import";
            case "progress-service" -> "POST /api/tasks/{taskId}/reports";
            default -> "POST /api/admin/rebuild";
        };
        assertTrue(tried.contains(known), "the walk must include " + known + ": " + tried);
        assertEquals(List.of(), answered, "operations that did not answer 401 problem+json with a Bearer challenge");
    }

    /** The first media type of the operation's request body, or JSON when it declares none. */
    private static String declaredBodyType(JsonNode operation) {
        JsonNode content = operation == null ? null : operation.path("requestBody").path("content");
        if (content == null || !content.fieldNames().hasNext()) {
            return "application/json";
        }
        String type = content.fieldNames().next();
        if (type.startsWith("multipart/form-data")) {
            return "multipart/form-data; boundary=par";
        }
        return type.equals("*/*") ? "application/json" : type;
    }

    /** A small body of that type: an empty JSON object, an empty multipart form, or an empty text. */
    private static byte[] body(String type) {
        if (type.startsWith("multipart/form-data")) {
            return "--par\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--par--\r\n"
                    .getBytes(StandardCharsets.UTF_8);
        }
        return type.contains("json") ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "criteria-service", "progress-service", "scoring-service" })
    void healthAndMetricsAnswerWithoutATokenOnTheManagementPortOnly(String service) {
        Stack stack = SystemStack.stack();
        String management = stack.managementUrl(service);
        Api.Answer live = Api.get(management + "/q/health/live", null);
        assertEquals(200, live.status(), live.describe());
        Api.Answer ready = Api.get(management + "/q/health/ready", null);
        assertTrue(ready.status() == 200 || ready.status() == 503, ready.describe());
        assertTrue(ready.json().has("status"), ready.describe());
        Api.Answer metrics = Api.get(management + "/q/metrics", null);
        assertEquals(200, metrics.status(), metrics.describe());
        assertTrue(metrics.body().contains("# TYPE"), "Prometheus text: " + metrics.describe());
        assertEquals(200, Api.get(management + "/q/swagger-ui/", null).status(), "Swagger UI on the management port");
        // The public port (the one an ingress routes) has none of them.
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/swagger-ui/")) {
            Api.Answer onPublicPort = Api.get(stack.url(service) + path, null);
            assertEquals(404, onPublicPort.status(), service + " " + path + " on the public port: " + onPublicPort.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "criteria-service", "progress-service", "scoring-service" })
    void theOpenApiDocumentDescribesOperationsAndHoldsNoData(String service) {
        Stack stack = SystemStack.stack();
        Api.Answer anonymous = Api.get(stack.managementUrl(service) + "/q/openapi?format=json", null);
        System.out.printf("%s: /q/openapi without a token answers %d%n", service, anonymous.status());
        JsonNode document = openApi(stack, service);
        assertTrue(document.path("openapi").asText().startsWith("3."), "an OpenAPI 3 document");
        assertTrue(document.path("info").path("title").asText().contains(service), document.path("info").toString());
        assertTrue(document.path("paths").size() > 0);
        String text = document.toString();
        for (String data : List.of(plan.id().toString(), SystemStack.samplePlan().toString(), khtcTask.toString(),
                "Phòng Kế hoạch - Tài chính", "Sở Lao động - Thương binh và Xã hội", "thử quyền")) {
            assertFalse(text.contains(data), "the OpenAPI document holds data: " + data);
        }
        for (Iterator<String> paths = document.get("paths").fieldNames(); paths.hasNext();) {
            String path = paths.next();
            assertTrue(path.startsWith("/api/"), "only API operations are described, not " + path);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** A write operation, and whether a reporter (of the right unit) may do it. */
    private record Write(String service, String method, String path, String contentType, String body, boolean reporterMay) {
    }

    private static List<Write> writes(Stack stack, int importYear) {
        String agency = java.net.URLEncoder.encode(Fixtures.agency(), StandardCharsets.UTF_8);
        String planText = new String(SampleData.planText(), StandardCharsets.UTF_8);
        return List.of(
                new Write("progress-service", "POST", "/api/tasks/" + khtcTask + "/reports", "application/json", REPORT, true),
                new Write("progress-service", "POST", "/api/plans/" + plan.id() + "/criteria/6.1.2/self-assessments",
                        "application/json", "{\"points\":1.5}", true),
                new Write("criteria-service", "POST", "/api/plans/import?agency=" + agency + "&year=" + importYear,
                        "text/tab-separated-values", planText, false),
                new Write("criteria-service", "POST", "/api/plans/" + draftPlan + "/publish", null, null, false),
                new Write("criteria-service", "PATCH", "/api/plans/" + draftPlan + "/criteria/6.1.2",
                        "application/merge-patch+json", "{\"maxPoints\":3,\"reason\":\"thử quyền\"}", false),
                new Write("criteria-service", "POST", "/api/plans/" + draftPlan + "/criteria/6.1.2/tasks", "application/json",
                        "{\"description\":\"Nhiệm vụ thử quyền\",\"leadUnits\":[\"KHTC\"]}", false),
                new Write("criteria-service", "POST", "/api/units", "application/json",
                        "{\"agency\":\"" + Fixtures.agency() + "\",\"code\":\"THUQUYEN\",\"name\":\"Phòng thử quyền\","
                                + "\"kind\":\"DIVISION\"}", false),
                new Write("criteria-service", "PUT", "/api/plans/" + draftPlan + "/criteria/6.1.2/rule", "application/json",
                        "{\"rule\":{\"type\":\"COUNT\",\"perUnit\":1},\"reason\":\"thử quyền\"}", false),
                new Write("criteria-service", "POST", "/api/plans/" + draftPlan + "/criteria/6.1.1/rule/accept-proposal",
                        "application/json", "{}", false),
                new Write("criteria-service", "PATCH", "/api/plans/" + draftPlan + "/criteria/6.3.2",
                        "application/merge-patch+json", "{\"applicable\":false,\"reason\":\"thử quyền\"}", false),
                new Write("progress-service", "POST", "/api/plans/" + plan.id() + "/criteria/6.1.2/indicators",
                        "application/json", "{\"points\":1.5}", true),
                new Write("scoring-service", "POST", "/api/admin/rebuild", null, null, false));
    }

    private static JsonNode assertForbiddenAndNothingChanged(Stack stack, Write write, String token, String who) {
        String database = DatabaseSnapshot.databaseOf(write.service());
        Map<String, String> before = DatabaseSnapshot.settled(stack, database);
        Api.Answer answer = Api.send(write.method(), stack.url(write.service()) + write.path(), token, write.contentType(),
                write.body() == null ? null : write.body().getBytes(StandardCharsets.UTF_8), Map.of());
        Map<String, String> after = DatabaseSnapshot.of(stack, database);
        JsonNode problem;
        try {
            problem = Problems.assertProblem(answer, 403);
        } catch (AssertionError e) {
            throw new AssertionError(who + ": " + e.getMessage(), e);
        }
        assertEquals(before, after, who + ": the " + database + " database changed: " + answer.describe());
        return problem;
    }

    /** The probes a bad token is tried on: a read of each service, and a report (which must store nothing). */
    private static void assertUnauthorizedEverywhere(Stack stack, String token, String what) {
        List<String> probes = List.of(
                stack.url("criteria-service") + "/api/plans",
                stack.url("criteria-service") + "/api/plans/" + plan.id(),
                stack.url("progress-service") + "/api/tasks/" + khtcTask + "/reports",
                stack.url("progress-service") + "/api/my/tasks",
                stack.url("scoring-service") + "/api/scores",
                stack.url("scoring-service") + "/api/plans/" + plan.id() + "/scores");
        for (String url : probes) {
            assertUnauthorized(Api.get(url, token), what);
        }
        Map<String, String> before = DatabaseSnapshot.settled(stack, "progress");
        Api.Answer posted = Api.postJson(stack.url("progress-service") + "/api/tasks/" + khtcTask + "/reports", token, REPORT);
        assertUnauthorized(posted, what);
        assertEquals(before, DatabaseSnapshot.of(stack, "progress"), what + ": a refused report changed the database");
    }

    /** A read of each service with {@code token} answers 200. */
    private static void assertAcceptedEverywhere(Stack stack, String token, String what) {
        for (String url : List.of(stack.url("criteria-service") + "/api/plans",
                stack.url("progress-service") + "/api/my/tasks",
                stack.url("scoring-service") + "/api/plans/" + plan.id() + "/scores")) {
            Api.Answer answer = Api.get(url, token);
            assertEquals(200, answer.status(), what + ": " + answer.describe());
        }
    }

    private static void assertUnauthorized(Api.Answer answer, String what) {
        try {
            Problems.assertProblem(answer, 401);
        } catch (AssertionError e) {
            throw new AssertionError(what + ": " + e.getMessage(), e);
        }
        String challenge = answer.header("WWW-Authenticate");
        assertTrue(challenge != null && challenge.startsWith("Bearer"), what + ": WWW-Authenticate must be Bearer: "
                + answer.describe() + " WWW-Authenticate: " + challenge);
    }

    /** The service's OpenAPI document: anonymously if it is public, else with the admin's token. */
    private static JsonNode openApi(Stack stack, String service) {
        String url = stack.managementUrl(service) + "/q/openapi?format=json";
        Api.Answer anonymous = Api.get(url, null);
        Api.Answer answer = anonymous.status() == 200 ? anonymous : Api.get(url, Fixtures.token(stack, "admin"));
        assertEquals(200, answer.status(), answer.describe());
        return answer.json();
    }

    /** A plausible value for each path parameter: the test plan, its 6.1.2 task and code, else a random UUID. */
    private static String substitute(Stack stack, String template) {
        StringBuilder sb = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)\\}").matcher(template);
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "id", "planId" -> plan.id().toString();
                case "taskId" -> khtcTask.toString();
                case "code" -> "6.1.2";
                default -> UUID.randomUUID().toString();
            };
            m.appendReplacement(sb, value);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Set<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        Set<String> result = new java.util.HashSet<>();
        if (aud.isTextual()) {
            result.add(aud.asText());
        }
        aud.forEach(a -> result.add(a.asText()));
        return result;
    }

    private static ObjectNode unitMapper() {
        ObjectNode mapper = Api.JSON.createObjectNode().put("name", "unit").put("protocol", "openid-connect")
                .put("protocolMapper", "oidc-usermodel-attribute-mapper");
        mapper.putObject("config").put("user.attribute", "unit").put("claim.name", "unit").put("jsonType.label", "String")
                .put("access.token.claim", "true").put("id.token.claim", "true").put("userinfo.token.claim", "true");
        return mapper;
    }

    /**
     * Realm {@code other}: the clients {@code par-web} (with its unit and par-api audience mappers) and
     * {@code par-api}, the user profile with {@code unit}, the three roles, and a user {@code khtc}/{@code khtc} of
     * unit KHTC with the role reporter, all copied from the {@code par} realm's file.
     */
    private static ObjectNode otherRealm() throws IOException {
        Path file = Path.of(System.getProperty("par.root", "../..")).resolve("deploy/keycloak/par-realm.json");
        JsonNode par = Api.JSON.readTree(file.toFile());
        ObjectNode realm = Api.JSON.createObjectNode().put("realm", "other").put("enabled", true).put("sslRequired", "none");
        ArrayNode roles = realm.putObject("roles").putArray("realm");
        for (String role : List.of("admin", "reporter", "viewer")) {
            roles.addObject().put("name", role);
        }
        ArrayNode clients = realm.putArray("clients");
        for (JsonNode client : par.get("clients")) {
            clients.add(client.deepCopy());
        }
        realm.set("components", par.get("components").deepCopy());
        ObjectNode user = realm.putArray("users").addObject().put("username", "khtc").put("enabled", true)
                .put("emailVerified", true).put("firstName", "Cán bộ").put("lastName", "Realm khác");
        user.putArray("credentials").addObject().put("type", "password").put("value", "khtc").put("temporary", false);
        user.putArray("realmRoles").add("reporter");
        user.putObject("attributes").putArray("unit").add("KHTC");
        return realm;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
