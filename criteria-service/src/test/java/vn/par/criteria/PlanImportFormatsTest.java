package vn.par.criteria;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import vn.par.criteria.importing.OfficeFiles;
import vn.par.criteria.importing.PlanFixtures;
import vn.par.stack.testing.TestInfra;

/** The appendix as text, as an Excel workbook and as a Word document imports to the same tree. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "admin", roles = "admin")
class PlanImportFormatsTest {

    @Test
    void textExcelAndWordImportToTheIdenticalTree() throws Exception {
        var parsed = PlanFixtures.parsedSeed();
        List<Object> text = tree(TestPlans.importFile(TestPlans.AGENCY, 2041, TestPlans.TSV, PlanFixtures.seedBytes()));
        List<Object> excel = tree(TestPlans.importFile(TestPlans.AGENCY, 2042, TestPlans.XLSX, OfficeFiles.xlsx(parsed)));
        List<Object> word = tree(TestPlans.importFile(TestPlans.AGENCY, 2043, TestPlans.DOCX, OfficeFiles.docx(parsed)));
        assertEquals(text, excel, "Excel import differs from the text import");
        assertEquals(text, word, "Word import differs from the text import");
    }

    /**
     * The plan's criteria tree with task ids removed (each import creates new tasks), and each proposal's source
     * text: {@link OfficeFiles} writes a tasks cell from the parsed tasks, one per line, so the text a proposal is
     * read from is not the text file's, while the proposal itself is the same.
     */
    private static List<Object> tree(io.restassured.response.Response imported) {
        String id = imported.then().statusCode(201).extract().path("planId");
        List<Object> criteria = given().get("/api/plans/" + id).then().statusCode(200).extract().path("criteria");
        criteria.forEach(PlanImportFormatsTest::dropGeneratedParts);
        return criteria;
    }

    @SuppressWarnings("unchecked")
    private static void dropGeneratedParts(Object node) {
        Map<String, Object> criterion = (Map<String, Object>) node;
        ((List<Map<String, Object>>) criterion.get("tasks")).forEach(t -> t.remove("id"));
        criterion.remove("proposedRuleSource");
        ((List<Object>) criterion.get("children")).forEach(PlanImportFormatsTest::dropGeneratedParts);
    }
}
