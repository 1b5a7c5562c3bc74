package vn.par.criteria;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.criteria.importing.OfficeFiles;
import vn.par.criteria.importing.PlanFixtures;
import vn.par.stack.testing.TestInfra;

/**
 * Bad plan files are refused whole: each answer is a problem+json naming the row and field, and nothing of the
 * file is stored (no plan appears for the agency, not even a draft).
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "admin", roles = "admin")
class PlanImportRejectionsTest {

    private static final String AGENCY = "Sở Thử nghiệm Tệp Lỗi";

    /** name, content type, body, expected status, expected field (null: none), expected row (null: none). */
    static Stream<Arguments> badFiles() throws Exception {
        return Stream.of(
                text("points not a number", PlanFixtures.seedWithField(12, 3, "ba"), "maxPoints", "dòng 12"),
                text("baseline not a number", PlanFixtures.seedWithField(13, 4, "1,2,3"), "baselinePoints", "dòng 13"),
                text("target not a number", PlanFixtures.seedWithField(21, 5, "--"), "targetPoints", "dòng 21"),
                text("negative points", PlanFixtures.seedWithField(22, 3, "-2"), "maxPoints", "dòng 22"),
                text("bad code", PlanFixtures.seedWithField(23, 1, "1.a"), "code", "dòng 23"),
                text("duplicate code", PlanFixtures.seedWithField(23, 1, "1.5"), "code", "dòng 23"),
                text("child without parent", PlanFixtures.seedWithField(19, 1, "1.9.1"), "code", "dòng 19"),
                text("leaf baseline above max", PlanFixtures.seedWithField(13, 4, "2"), "baselinePoints", "dòng 13"),
                text("leaf target above max", PlanFixtures.seedWithField(74, 5, "2,5"), "targetPoints", "dòng 74"),
                text("row with 8 fields", PlanFixtures.seedWithLine(52, "6.1.3\tChấp hành\t1\t1\t1\tx\tPhòng Kế hoạch - Tài chính\tx"),
                        null, "dòng 52"),
                text("too many decimals", PlanFixtures.seedWithField(12, 3, "3,12345"), "maxPoints", "dòng 12"),
                text("empty title", PlanFixtures.seedWithField(12, 2, ""), "title", "dòng 12"),
                text("empty file", "", "file", null),
                text("only headers", String.join("\n", Arrays.copyOfRange(PlanFixtures.seedText().split("\n"), 0, 10)),
                        "file", null),
                Arguments.of("not UTF-8", TestPlans.TSV, PlanFixtures.seedText().getBytes(StandardCharsets.ISO_8859_1), 400,
                        "file", null),
                Arguments.of("garbage as xlsx", TestPlans.XLSX, "this is not a spreadsheet".getBytes(StandardCharsets.UTF_8),
                        400, "file", null),
                Arguments.of("truncated xlsx", TestPlans.XLSX, half(OfficeFiles.xlsx(PlanFixtures.parsedSeed())), 400, "file",
                        null),
                Arguments.of("garbage as docx", TestPlans.DOCX, new byte[] { 'P', 'K', 3, 4, 0, 0, 1, 2 }, 400, "file", null),
                Arguments.of("truncated docx", TestPlans.DOCX, half(OfficeFiles.docx(PlanFixtures.parsedSeed())), 400, "file",
                        null),
                Arguments.of("zip bomb as xlsx", TestPlans.XLSX, zipBomb(), 400, "file", null),
                Arguments.of("wrong content type", "application/pdf", PlanFixtures.seedBytes(), 415, null, null),
                Arguments.of("too large", TestPlans.TSV, new byte[11 * 1024 * 1024], 413, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedWithItsRowAndFieldAndNothingIsStored(String name, String contentType, byte[] body, int status,
            String field, String row) {
        int plansBefore = plansOfAgency();
        var response = given().queryParam("agency", AGENCY).queryParam("year", 2024).contentType(contentType).body(body)
                .post("/api/plans/import").then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue());
        if (field != null) {
            response.body("field", equalTo(field)).body("errors[0].field", equalTo(field));
        }
        if (row != null) {
            response.body("row", equalTo(row)).body("detail", containsString(row));
        }
        assertEquals(plansBefore, plansOfAgency(), "a refused file must store nothing");
    }

    private static int plansOfAgency() {
        return given().get("/api/plans").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.agency.name == '" + AGENCY + "' }").size();
    }

    private static Arguments text(String name, String text, String field, String row) {
        return Arguments.of(name, TestPlans.TSV, text.getBytes(StandardCharsets.UTF_8), 400, field, row);
    }

    private static byte[] half(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }

    /** A few hundred kilobytes that inflate to 200 MB of zeros, named like a workbook part. */
    private static byte[] zipBomb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
