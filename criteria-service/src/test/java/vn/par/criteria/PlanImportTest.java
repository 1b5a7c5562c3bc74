package vn.par.criteria;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;
import vn.par.stack.testing.TestInfra;

/** The sample appendix imports through the HTTP API with every finding the seed has, worked out by hand. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "admin", roles = "admin")
class PlanImportTest {

    @BeforeAll
    static void exactNumbers() {
        RestAssured.config = RestAssured.config().jsonConfig(
                JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    /*
     * Findings worked out by hand from the seed (derived = sum of the children's derived values):
     * - 1 targetPoints: declared 15,5; children 1.1..1.6 give 3 + 1,5 + 3 (1.3 derived) + 1 + 2 + 3 = 13,5
     * - 1.3 maxPoints: declared 2; children 1.3.1 (2) + 1.3.2 (3) = 5
     * - 1.3 baselinePoints: declared 2; 2 + 1 = 3
     * - 1.3 targetPoints: declared 2; 2 + 1 = 3
     * - 6.1 targetPoints: declared 3; 6.1.1 (1) + 6.1.2 (2) + 6.1.3 (1) = 4
     * - 7 baselinePoints: declared 16,85; 9,71 + 3,33 + 2 + 2 = 17,04
     * Everything else agrees (area 6: 11 / 7,58 / 8,25; 6.3: 5 / 2,25 / 2,25).
     * Totals of the seven areas: max 100, baseline 89,62, target 93,25.
     * Tasks: area 1 has 8 (1.3 carries one too), areas 2-5 have 1 + 2 + 3 + 1 (bullets and paragraphs split),
     * area 6 has 10 (6.1.1 has two bullets; 6.3.2 and 6.4 none) and area 7 has 4: 29 in all.
     */
    @Test
    void seedImportsWithEveryFindingAndDerivedTotals() {
        TestPlans.ensureSampleUnits();
        var response = TestPlans.importSeed(TestPlans.AGENCY, 2024).then()
                .statusCode(201)
                .header("Location", containsString("/api/plans/"))
                .body("agency", equalTo(TestPlans.AGENCY))
                .body("year", equalTo(2024))
                .body("status", equalTo("DRAFT"))
                .body("criteria", equalTo(32))
                .body("tasks", equalTo(29))
                .body("derivedTotals.maxPoints", Decimal.is("100"))
                .body("derivedTotals.baselinePoints", Decimal.is("89.62"))
                .body("derivedTotals.targetPoints", Decimal.is("93.25"))
                .body("findings", hasSize(6))
                .body("findings.code", contains("1", "1.3", "1.3", "1.3", "6.1", "7"))
                .body("findings.field", contains("targetPoints", "maxPoints", "baselinePoints", "targetPoints",
                        "targetPoints", "baselinePoints"))
                .body("findings.declared", contains(Decimal.is("15.5"), Decimal.is("2"), Decimal.is("2"),
                        Decimal.is("2"), Decimal.is("3"), Decimal.is("16.85")))
                .body("findings.derived", contains(Decimal.is("13.5"), Decimal.is("5"), Decimal.is("3"),
                        Decimal.is("3"), Decimal.is("4"), Decimal.is("17.04")))
                // every unit of the appendix matched a known one, the cut name through its alias
                .body("units.code", contains("VP", "PCM-DVSNCL", "CDCS", "KHTC", "LDVL", "TTDVVL"))
                .body("units.created", everyItem(equalTo(false)))
                // 6.3.2 and 6.4 name a lead unit but no task
                .body("warnings", hasItem(startsWith("Tiêu chí 6.3.2 có đơn vị chủ trì nhưng không có nhiệm vụ")))
                .body("warnings", hasItem(startsWith("Tiêu chí 6.4 có đơn vị chủ trì nhưng không có nhiệm vụ")))
                .extract();
        String id = response.path("planId");

        var plan = given().get("/api/plans/" + id).then().statusCode(200)
                .body("status", equalTo("DRAFT"))
                .body("version", equalTo(0))
                .body("criteria.code", contains("1", "2", "3", "4", "5", "6", "7"))
                .body("criteria[0].children.code", contains("1.1", "1.2", "1.3", "1.4", "1.5", "1.6"))
                .body("criteria[0].children[2].maxPoints", Decimal.is("2"))
                .body("criteria[0].children[2].derived.maxPoints", Decimal.is("5"))
                .body("criteria[0].children[2].children.code", contains("1.3.1", "1.3.2"))
                .body("criteria[3].tasks", hasSize(3))
                .body("criteria[3].tasks[0].leadUnits", contains("VP"))
                .body("criteria[3].tasks[0].coordinatingUnits", contains("PCM-DVSNCL", "CDCS"))
                .body("criteria[6].children[1].code", equalTo("7.2"))
                .body("criteria[6].children[1].tasks[0].leadUnits", contains("LDVL", "TTDVVL"))
                .body("findings", hasSize(6))
                .extract();
        List<Map<String, Object>> area6 = plan.path("criteria[5].children");
        org.junit.jupiter.api.Assertions.assertEquals(List.of("6.1", "6.2", "6.3", "6.4"),
                area6.stream().map(c -> c.get("code")).toList());

        given().get("/api/plans/" + id + "/history").then().statusCode(200)
                .body("action", contains("IMPORTED"))
                .body("[0].actor", equalTo("admin"))
                .body("[0].newValue", containsString("32 tiêu chí, 29 nhiệm vụ"));
    }

    @Test
    void namesThatMatchNoUnitCreateUnitsAndAreReported() {
        String agency = "Sở Thử nghiệm Đơn vị Mới";
        TestPlans.importSeed(agency, 2024).then().statusCode(201)
                .body("units.created", everyItem(equalTo(true)))
                .body("units.name", hasItem("Văn phòng Sở"))
                .body("units.name", hasItem("Trung tâm Dịch vụ việc"))
                .body("warnings", hasItem(containsString("'Văn phòng Sở' chưa có trong danh mục")));
        given().queryParam("agency", agency).get("/api/units").then().statusCode(200)
                .body("kind", everyItem(equalTo("OTHER")))
                .body("name", hasItem("Công đoàn cơ sở"));
    }

    @Test
    void aSecondImportOfTheSameYearIsAConflictUnlessItReplacesADraft() {
        String agency = "Sở Thử nghiệm Nhập lại";
        String first = TestPlans.importSeed(agency, 2030).then().statusCode(201).extract().path("planId");
        TestPlans.importSeed(agency, 2030).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("replace=true"));
        String second = TestPlans.importFile(agency, 2030, true, TestPlans.TSV, seed()).then().statusCode(201)
                .extract().path("planId");
        org.junit.jupiter.api.Assertions.assertEquals(first, second);
        given().get("/api/plans/" + first + "/history").then().body("action", contains("REIMPORTED", "IMPORTED"));
        given().contentType("application/json").post("/api/plans/" + first + "/publish").then().statusCode(200);
        TestPlans.importFile(agency, 2030, true, TestPlans.TSV, seed()).then().statusCode(409)
                .body("detail", containsString("đã công bố"));
    }

    private static byte[] seed() {
        return vn.par.criteria.importing.PlanFixtures.seedBytes();
    }

}
