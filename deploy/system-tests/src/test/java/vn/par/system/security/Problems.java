package vn.par.system.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every refusal must look like (issue 7): the expected status, an RFC 9457 {@code application/problem+json}
 * body whose {@code title} and {@code detail} a person can act on (non-empty, in Vietnamese) and that never shows
 * the service's insides (class names, stack traces).
 */
final class Problems {

    /** Letters only Vietnamese text has (beyond ASCII): every sentence of ours carries some. */
    private static final Pattern VIETNAMESE = Pattern.compile(
            "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** What leaks of a Java service look like. */
    private static final List<String> INSIDES = List.of("Exception", "java.", "at vn.", "vn.par.", "com.fasterxml",
            "org.hibernate", "org.jboss", "io.quarkus", "io.vertx", "jakarta.", "\tat ", "Caused by");

    private Problems() {
    }

    /** Checks the answer and returns its problem body. */
    static JsonNode assertProblem(Api.Answer answer, int status) {
        if (answer.status() != status) {
            fail("expected HTTP " + status + ": " + answer.describe());
        }
        assertTrue(answer.contentType().startsWith("application/problem+json"),
                "Content-Type must be application/problem+json: " + answer.describe());
        for (String inside : INSIDES) {
            assertFalse(answer.body().contains(inside), "the body shows '" + inside + "': " + answer.describe());
        }
        JsonNode problem = answer.json();
        assertTrue(problem.isObject(), "a problem is a JSON object: " + answer.describe());
        assertEquals(status, problem.path("status").asInt(), "the problem's status member: " + answer.describe());
        String title = problem.path("title").asText("");
        String detail = problem.path("detail").asText("");
        assertFalse(title.isBlank(), "a problem needs a title: " + answer.describe());
        assertFalse(detail.isBlank(), "a problem needs a detail a person can act on: " + answer.describe());
        assertTrue(VIETNAMESE.matcher(title).find(), "the title must be Vietnamese: " + answer.describe());
        assertTrue(VIETNAMESE.matcher(detail).find(), "the detail must be Vietnamese: " + answer.describe());
        assertFalse(problem.path("type").asText("").isBlank(), "a problem needs a type: " + answer.describe());
        if (problem.hasNonNull("instance")) {
            String path = URI.create(answer.request().split(" ")[1]).getRawPath();
            assertEquals(path, problem.get("instance").asText(), "the problem's instance is the request's path: "
                    + answer.describe());
        }
        return problem;
    }
}
