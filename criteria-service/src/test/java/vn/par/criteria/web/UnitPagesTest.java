package vn.par.criteria.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import vn.par.stack.testing.TestInfra;

/** The units page: each agency's units, and the form that adds a unit or a group. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
@TestSecurity(user = "admin", roles = "admin")
class UnitPagesTest {

    private static final String AGENCY = "Sở Thử nghiệm Đơn vị";

    @Test
    void theUnitsOfEachAgencyAreListedWithTheirKindAliasesAndMembers() {
        Pages.ensureSampleUnits();
        String html = given().get("/ui/units").then().statusCode(200).extract().asString();
        assertTrue(html.contains("<h2>Sở Lao động - Thương binh và Xã hội</h2>"));
        String ttdvvl = Html.between(html, "<tr id=\"a-TTDVVL\"", "</tr>");
        assertTrue(ttdvvl.contains("<td>Trung tâm Dịch vụ việc làm</td>"), ttdvvl);
        assertTrue(ttdvvl.contains("<td>Đơn vị sự nghiệp công lập</td>"));
        assertTrue(ttdvvl.contains("<td>Trung tâm Dịch vụ việc</td>"), "the alias");
        String group = Html.between(html, "<tr id=\"a-PCM-DVSNCL\"", "</tr>");
        assertTrue(group.contains("<td>Nhóm đơn vị</td>"), group);
        assertTrue(group.contains("Văn phòng Sở (VP)") && group.contains("Công đoàn cơ sở (CDCS)"), group);
        assertTrue(html.contains("<form method=\"post\" action=\"/ui/units\">"));
        assertTrue(html.contains("<option value=\"GROUP\">Nhóm đơn vị</option>"));
    }

    @Test
    void aUnitAndAGroupAreAddedFromTheForm() {
        Pages.Csrf csrf = Pages.Csrf.from("/ui/units");
        create(csrf, AGENCY, "WEBTN-VP", "Văn phòng <Sở>", "OFFICE", "VP Sở\nVăn phòng; Văn phòng Sở Thử", "")
                .then().statusCode(303).header("Location", containsString("/ui/units?ok=WEBTN-VP"));
        create(csrf, AGENCY, "WEBTN-KT", "Phòng Kế toán", "DIVISION", "", "").then().statusCode(303);
        create(csrf, AGENCY, "WEBTN-ALL", "Các phòng thuộc Sở", "GROUP", "", "WEBTN-VP, WEBTN-KT").then().statusCode(303);
        String html = given().get("/ui/units?ok=WEBTN-ALL").then().statusCode(200).extract().asString();
        assertTrue(html.contains("Đã thêm đơn vị WEBTN-ALL — Các phòng thuộc Sở (Sở Thử nghiệm Đơn vị)."), html);
        String vp = Html.between(html, "<tr id=\"a-WEBTN-VP\"", "</tr>");
        assertTrue(vp.contains("<td>Văn phòng &lt;Sở&gt;</td>"), vp);
        assertTrue(vp.contains("<td>Văn phòng</td>"), vp);
        assertTrue(vp.contains("VP Sở; Văn phòng; Văn phòng Sở Thử"), vp);
        String group = Html.between(html, "<tr id=\"a-WEBTN-ALL\"", "</tr>");
        assertTrue(group.contains("Phòng Kế toán (WEBTN-KT); Văn phòng &lt;Sở&gt; (WEBTN-VP)"), group);
        given().queryParam("agency", AGENCY).get("/api/units").then().body(containsString("WEBTN-ALL"));
    }

    @Test
    void aRefusedUnitShowsTheMessageNextToItsFieldAndWhatWasTyped() {
        Pages.ensureSampleUnits();
        Pages.Csrf csrf = Pages.Csrf.from("/ui/units");
        create(csrf, AGENCY, "VP", "Phòng Thử", "DIVISION", "", "").then().statusCode(409)
                .body(containsString("<span class=\"field-error\">Đã có đơn vị mang mã &#39;VP&#39;"))
                .body(containsString("value=\"Phòng Thử\""))
                .body(containsString("<option value=\"DIVISION\" selected>"));
        create(csrf, AGENCY, "mã sai", "Phòng Thử", "DIVISION", "", "").then().statusCode(400)
                .body(containsString("<span class=\"field-error\">mã gồm chữ in hoa không dấu"))
                .body(containsString("value=\"mã sai\""));
        create(csrf, AGENCY, "WEBTN-X", "Phòng Thử", "DIVISION", "", "WEBTN-VP").then().statusCode(400)
                .body(containsString("<span class=\"field-error\">Chỉ nhóm đơn vị (kind GROUP) mới có thành viên.</span>"));
        create(csrf, "", "WEBTN-Y", "Phòng Thử", "DIVISION", "", "").then().statusCode(400)
                .body(containsString("<span class=\"field-error\">cần tên cơ quan</span>"));
        Pages.form().formParam("agency", AGENCY).formParam("code", "WEBTN-Z").formParam("name", "Giả mạo")
                .formParam("kind", "OTHER").post("/ui/units").then().statusCode(400);
        given().get("/ui/units").then().body(org.hamcrest.Matchers.not(containsString("WEBTN-Z")));
    }

    private static Response create(Pages.Csrf csrf, String agency, String code, String name, String kind, String aliases,
            String members) {
        return csrf.form().formParam("agency", agency).formParam("code", code).formParam("name", name)
                .formParam("kind", kind).formParam("aliases", aliases).formParam("members", members).post("/ui/units");
    }
}
