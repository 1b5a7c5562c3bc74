package vn.par.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.Stack;
import vn.par.system.PlanModel;
import vn.par.system.Scenario;
import vn.par.system.SystemStack;

/**
 * The bad-input corpus of issue 7 against the whole running system: every file under
 * {@code src/test/resources/bad-input/} is one request a client could send by mistake (or on purpose), sent with a
 * real Keycloak token. Each must be refused with the expected status and an {@code application/problem+json}
 * body a person can act on, and must leave the service's database exactly as it was.
 *
 * <p>Placeholders in the files: {@code {plan}} a published copy of the sample plan (year 2040) whose 6.1.1 is scored by
 * TIERS, 7.2 by RATIO and 7.4 by SURVEY, with 6.3.2 not applicable, {@code {task}} its
 * task on 6.1.2 (lead: KHTC), {@code {coordTask}} a task KHTC only coordinates, {@code {draftPlan}} a DRAFT copy
 * (year 2044), {@code {unknownTask}}/{@code {unknownPlan}} random UUIDs, {@code {agency}} the sample agency,
 * {@code {freeYear}} a year without a plan (2046), {@code {idemKey}} a fresh Idempotency-Key per case.
 */
@ExtendWith(SystemStack.class)
class BadInputIT {

    private static final Map<String, String> VALUES = new HashMap<>();

    @BeforeAll
    static void createPlans() {
        Stack stack = SystemStack.stack();
        PlanModel plan = Scenario.publishedPlan(stack, 2040);
        UUID id = plan.id();
        VALUES.put("plan", id.toString());
        Fixtures.withRules(stack, id);
        VALUES.put("task", Fixtures.task(stack, id, "6.1.2").get("taskId").asText());
        VALUES.put("coordTask", Fixtures.taskCoordinatedBy(stack, id, "KHTC").get("taskId").asText());
        VALUES.put("draftPlan", Fixtures.draftPlan(stack, 2044).get("planId").asText());
        VALUES.put("agency", Fixtures.agency());
        VALUES.put("freeYear", "2046");
    }

    static Stream<Arguments> corpus() {
        return BadInputCase.all().map(c -> Arguments.of(Named.of(c.description() + " (" + c.file() + ")", c)));
    }

    @Test
    void theCorpusHasAtLeastFortyCasesAcrossTheThreeServices() {
        List<BadInputCase> cases = BadInputCase.all().toList();
        assertTrue(cases.size() >= 40, "only " + cases.size() + " cases");
        for (String service : Stack.SERVICES) {
            assertTrue(cases.stream().anyMatch(c -> c.service().equals(service)), "no case for " + service);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithAProblemAPersonCanActOnAndChangesNothing(BadInputCase badInput) {
        Stack stack = SystemStack.stack();
        Map<String, String> values = new HashMap<>(VALUES);
        values.put("unknownTask", UUID.randomUUID().toString());
        values.put("unknownPlan", UUID.randomUUID().toString());
        values.put("idemKey", UUID.randomUUID().toString());

        List<BadInputCase.Request> setup = badInput.setup(values);
        List<Integer> setupStatuses = badInput.setupExpectedStatuses();
        for (int i = 0; i < setup.size(); i++) {
            Api.Answer answer = send(stack, setup.get(i));
            assertEquals(setupStatuses.get(i), answer.status(), badInput.file() + ", setup step " + (i + 1) + ": "
                    + answer.describe());
        }

        BadInputCase.Request request = badInput.request(values);
        String database = DatabaseSnapshot.databaseOf(request.service());
        Map<String, String> before = DatabaseSnapshot.settled(stack, database);
        Api.Answer answer = send(stack, request);
        Map<String, String> after = DatabaseSnapshot.of(stack, database);

        System.out.printf("%s: %s%n", badInput.file(), answer.describe());
        try {
            check(badInput.expect(), answer, before, after, database);
        } catch (AssertionError e) {
            throw new AssertionError(badInput.file() + " (" + badInput.description() + "): " + e.getMessage(), e);
        }
    }

    private static void check(JsonNode expect, Api.Answer answer, Map<String, String> before, Map<String, String> after,
            String database) {
        JsonNode problem = Problems.assertProblem(answer, expect.get("status").asInt());
        if (expect.hasNonNull("field")) {
            assertEquals(expect.get("field").asText(), problem.path("field").asText(null),
                    "the problem must name the field: " + answer.describe());
        }
        if (expect.hasNonNull("detailContains")) {
            assertTrue(problem.path("detail").asText().contains(expect.get("detailContains").asText()),
                    "the detail must say '" + expect.get("detailContains").asText() + "': " + answer.describe());
        }
        if (expect.hasNonNull("type")) {
            assertEquals(expect.get("type").asText(), problem.path("type").asText(), answer.describe());
        }
        if (expect.hasNonNull("row")) {
            assertEquals(expect.get("row").asText(), problem.path("row").asText(null), "the problem must name the row: "
                    + answer.describe());
        }
        assertEquals(before, after, "the " + database + " database changed although the request was refused: "
                + answer.describe());
    }

    static Api.Answer send(Stack stack, BadInputCase.Request r) {
        String token = r.user() == null ? null : Fixtures.token(stack, r.user());
        return Api.send(r.method(), stack.url(r.service()) + r.pathAndQuery(), token, r.contentType(), r.body(), r.headers());
    }
}
