package vn.par.criteria.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.RestAssured;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.MultiPartSpecification;
import io.restassured.specification.RequestSpecification;
import vn.par.criteria.importing.PlanFixtures;

/**
 * What the page tests repeat: the sample agency's units, a plan imported through the API, and forms posted the
 * way a browser posts them — UTF-8, with the CSRF cookie and the hidden token the form page handed out.
 * Call from a test running as an admin ({@code @TestSecurity}).
 */
final class Pages {

    static final String AGENCY = "Sở Lao động - Thương binh và Xã hội";
    static final String CSRF_COOKIE = "csrf_criteria";
    static final String CSRF_FIELD = "csrf-token";
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"" + CSRF_FIELD + "\" value=\"([^\"]+)\"");

    /** The sample agency's units, as the launcher and the API tests create them (409: already there). */
    private static final List<Map<String, Object>> SAMPLE_UNITS = List.of(
            Map.of("code", "VP", "name", "Văn phòng Sở", "kind", "OFFICE"),
            Map.of("code", "KHTC", "name", "Phòng Kế hoạch - Tài chính", "kind", "DIVISION"),
            Map.of("code", "LDVL", "name", "Phòng Lao động - Việc làm và GDNN", "kind", "DIVISION"),
            Map.of("code", "TTDVVL", "name", "Trung tâm Dịch vụ việc làm", "kind", "PUBLIC_SERVICE_UNIT",
                    "aliases", List.of("Trung tâm Dịch vụ việc")),
            Map.of("code", "CDCS", "name", "Công đoàn cơ sở", "kind", "ORGANISATION"),
            Map.of("code", "PCM-DVSNCL", "name", "Các PCM, ĐVSNCL thuộc Sở", "kind", "GROUP",
                    "members", List.of("VP", "KHTC", "LDVL", "TTDVVL", "CDCS")));
    private static boolean sampleUnitsCreated;

    private Pages() {
    }

    /**
     * Creates the sample agency's units before any import, as {@code TestPlans} does for the API tests: an import
     * into another agency would otherwise take their codes (a new unit's code comes from its name's initials).
     */
    static synchronized void ensureSampleUnits() {
        if (sampleUnitsCreated) {
            return;
        }
        for (Map<String, Object> unit : SAMPLE_UNITS) {
            Map<String, Object> body = new HashMap<>(unit);
            body.put("agency", AGENCY);
            int status = given().contentType("application/json").body(body).post("/api/units").statusCode();
            if (status != 201 && status != 409) {
                throw new IllegalStateException("creating unit " + unit.get("code") + " answered " + status);
            }
        }
        sampleUnitsCreated = true;
    }

    /** The seed imported through the API for the sample agency; the new plan's id. */
    static String importSeed(int year) {
        ensureSampleUnits();
        return given().queryParam("agency", AGENCY).queryParam("year", year).contentType("text/tab-separated-values")
                .body(PlanFixtures.seedBytes()).post("/api/plans/import").then().statusCode(201).extract().path("planId");
    }

    /** A form page's CSRF cookie and hidden token, to post that form as the browser would. */
    record Csrf(String cookie, String token) {

        /** Opens {@code page} (200) and reads the cookie it set and the token in its form. */
        static Csrf from(String page) {
            Response response = given().get(page).then().statusCode(200).extract().response();
            String cookie = response.getCookie(CSRF_COOKIE);
            assertNotNull(cookie, "the form page sets the CSRF cookie " + CSRF_COOKIE);
            Matcher m = CSRF_INPUT.matcher(response.asString());
            assertTrue(m.find(), "the form carries the hidden CSRF field");
            return new Csrf(cookie, m.group(1));
        }

        /** A url-encoded form post with the cookie and the token, not following the redirect it may answer. */
        RequestSpecification form() {
            return Pages.form().cookie(CSRF_COOKIE, cookie).formParam(CSRF_FIELD, token);
        }

        /** A multipart form post with the cookie and the token. */
        RequestSpecification multipart() {
            return Pages.multipart().cookie(CSRF_COOKIE, cookie).multiPart(text(CSRF_FIELD, token));
        }
    }

    /** A url-encoded UTF-8 form post without any CSRF token. */
    static RequestSpecification form() {
        return given().config(utf8()).contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    /** A multipart post without any CSRF token. */
    static RequestSpecification multipart() {
        return given().config(utf8()).contentType("multipart/form-data");
    }

    /** A text part of a multipart form, in UTF-8 (RestAssured would otherwise send ISO-8859-1). */
    static MultiPartSpecification text(String name, String value) {
        return new MultiPartSpecBuilder(value).controlName(name).charset(StandardCharsets.UTF_8)
                .mimeType("text/plain").build();
    }

    /** A file part of a multipart form. */
    static MultiPartSpecification file(String fileName, byte[] content, String mimeType) {
        return new MultiPartSpecBuilder(content).controlName("file").fileName(fileName).mimeType(mimeType).build();
    }

    /** The values of every {@code <input name="..." value="...">} of that name in a page, in order. */
    static List<String> inputValues(String html, String name) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\"[^>]*? value=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** UTF-8 bodies; a redirect is answered to the test, not followed. */
    private static RestAssuredConfig utf8() {
        return RestAssured.config()
                .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset(StandardCharsets.UTF_8.name()))
                .redirect(RedirectConfig.redirectConfig().followRedirects(false));
    }
}
