package vn.par.criteria;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.restassured.response.Response;
import vn.par.criteria.importing.PlanFixtures;

/** Requests the tests repeat. Call them from a test method that runs as an admin ({@code @TestSecurity}). */
final class TestPlans {

    static final String AGENCY = "Sở Lao động - Thương binh và Xã hội";
    static final String TSV = "text/tab-separated-values";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /** The sample agency's units, as the launcher creates them (idempotent: 409 means already there). */
    static final List<Map<String, Object>> SAMPLE_UNITS = List.of(
            Map.of("code", "VP", "name", "Văn phòng Sở", "kind", "OFFICE"),
            Map.of("code", "KHTC", "name", "Phòng Kế hoạch - Tài chính", "kind", "DIVISION"),
            Map.of("code", "LDVL", "name", "Phòng Lao động - Việc làm và GDNN", "kind", "DIVISION"),
            Map.of("code", "TTDVVL", "name", "Trung tâm Dịch vụ việc làm", "kind", "PUBLIC_SERVICE_UNIT",
                    "aliases", List.of("Trung tâm Dịch vụ việc")),
            Map.of("code", "CDCS", "name", "Công đoàn cơ sở", "kind", "ORGANISATION"),
            Map.of("code", "PCM-DVSNCL", "name", "Các PCM, ĐVSNCL thuộc Sở", "kind", "GROUP",
                    "members", List.of("VP", "KHTC", "LDVL", "TTDVVL", "CDCS")));

    private TestPlans() {
    }

    private static boolean sampleUnitsCreated;

    /**
     * Creates the sample agency's units once per test JVM, before any import: an import into another agency
     * would otherwise take their codes (a new unit's code comes from its name's initials).
     */
    static synchronized void ensureSampleUnits() {
        if (sampleUnitsCreated) {
            return;
        }
        for (Map<String, Object> unit : SAMPLE_UNITS) {
            Map<String, Object> body = new java.util.HashMap<>(unit);
            body.put("agency", AGENCY);
            var response = given().contentType("application/json").body(body).post("/api/units");
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException("creating unit " + unit.get("code") + " answered " + response.statusCode()
                        + ": " + response.body().asString());
            }
        }
        sampleUnitsCreated = true;
    }

    static Response importFile(String agency, int year, String contentType, byte[] content) {
        return importFile(agency, year, false, contentType, content);
    }

    static Response importFile(String agency, int year, boolean replace, String contentType, byte[] content) {
        ensureSampleUnits();
        return given().queryParam("agency", agency).queryParam("year", year).queryParam("replace", replace)
                .contentType(contentType).body(content).post("/api/plans/import");
    }

    static Response importSeed(String agency, int year) {
        return importFile(agency, year, TSV, PlanFixtures.seedText().getBytes(StandardCharsets.UTF_8));
    }

    static String importSeedAndPublish(int year) {
        ensureSampleUnits();
        String id = importSeed(AGENCY, year).then().statusCode(201).extract().path("planId");
        given().contentType("application/json").post("/api/plans/" + id + "/publish").then().statusCode(200);
        return id;
    }
}
