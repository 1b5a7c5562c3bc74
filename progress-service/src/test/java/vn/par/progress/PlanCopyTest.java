package vn.par.progress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import vn.par.progress.plan.PlanCopyService;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.plan.PlanIndex.KnownCriterion;
import vn.par.progress.plan.PlanSnapshot;
import vn.par.progress.rule.Rule;
import vn.par.progress.rule.RuleType;
import vn.par.stack.testing.TestInfra;

/** progress-service learns plans from par.plans only, and keeps the newest version of each. */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class PlanCopyTest {

    @Inject
    PlanIndex index;
    @Inject
    PlanCopyService plans;
    @Inject
    ObjectMapper json;

    static Map<String, Object> report(int percent) {
        return Map.of("status", "IN_PROGRESS", "percentComplete", percent);
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void taskPublishedAfterTheServiceStartedTakesReports() {
        TestPlan plan = TestPlan.standard();
        given().contentType(ContentType.JSON).body(report(10))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(404);

        Broker.publish(plan, 1, index);

        given().contentType(ContentType.JSON).body(report(10))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(201);
        given().when().get("/api/plans/{plan}/tasks", plan.id).then().statusCode(200)
                .body("agency", equalTo("Sở Lao động - Thương binh và Xã hội"))
                .body("version", equalTo(1))
                .body("status", equalTo("PUBLISHED"))
                .body("units.find { it.code == 'KHTC' }.name", equalTo("Phòng Kế hoạch - Tài chính"))
                .body("tasks.taskId", contains(plan.taskId(0).toString(), plan.taskId(1).toString()))
                .body("tasks[0].areaCode", equalTo("1"))
                .body("tasks[0].criterionTitle", equalTo("Thực hiện kế hoạch CCHC"))
                .body("tasks[0].leadUnits", contains("KHTC"))
                .body("tasks[0].coordinatingUnits", contains("VP"));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void newVersionAddsATaskAndDropsOneWhoseHistoryStaysReadable() {
        TestPlan plan = TestPlan.standard()
                .task("1.2", "Nhiệm vụ sẽ bị bỏ", List.of("KHTC"), List.of());
        Broker.publish(plan, 1, index);
        UUID dropped = plan.taskId(2);
        given().contentType(ContentType.JSON).body(report(20))
                .when().post("/api/tasks/{task}/reports", dropped).then().statusCode(201);

        UUID added = UUID.randomUUID();
        plan.withoutTask(dropped).task(added, "1.2", "Nhiệm vụ mới", List.of("KHTC"), List.of("VP"));
        Broker.publish(plan, 2, index);

        given().contentType(ContentType.JSON).body(report(30))
                .when().post("/api/tasks/{task}/reports", added).then().statusCode(201);
        given().contentType(ContentType.JSON).body(report(40))
                .when().post("/api/tasks/{task}/reports", dropped).then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/tasks/{task}/reports", dropped).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].percentComplete", equalTo(20));
        given().when().get("/api/plans/{plan}/tasks", plan.id).then().statusCode(200)
                .body("version", equalTo(2))
                .body("tasks.taskId", contains(plan.taskId(0).toString(), plan.taskId(1).toString(), added.toString()));
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void olderOrRepeatedSnapshotChangesNothing() throws Exception {
        TestPlan plan = TestPlan.standard();
        Broker.publish(plan, 1, index);
        UUID added = UUID.randomUUID();
        plan.task(added, "1.1", "Thêm ở phiên bản 2", List.of("KHTC"), List.of());
        Broker.publish(plan, 2, index);

        // A late copy of version 1 (it lacks the added task) and a redelivered version 2.
        plan.withoutTask(added);
        PlanSnapshot stale = json.readValue(json.writeValueAsString(plan.snapshot(1)), PlanSnapshot.class).checked();
        assertFalse(plans.apply(stale));
        PlanSnapshot repeated = json.readValue(json.writeValueAsString(plan.snapshot(2)), PlanSnapshot.class).checked();
        assertFalse(plans.apply(repeated));
        // Through the broker too: the stale snapshot, then a version 3 to know the consumer has passed it.
        Broker.send(plan, 1);
        plan.task(added, "1.1", "Thêm ở phiên bản 2", List.of("KHTC"), List.of());
        Broker.publish(plan, 3, index);

        assertEquals(3, index.version(plan.id));
        given().contentType(ContentType.JSON).body(report(10))
                .when().post("/api/tasks/{task}/reports", added).then().statusCode(201);
    }

    /** A plan stored before this instance started (or by another instance) is not in memory until it is used. */
    private TestPlan storedButNotInMemory() throws Exception {
        TestPlan plan = TestPlan.standard();
        PlanSnapshot snapshot = json.readValue(json.writeValueAsString(plan.snapshot(1)), PlanSnapshot.class).checked();
        assertTrue(plans.apply(snapshot)); // the database only: the consumer would refresh the index after it
        assertEquals(0, index.version(plan.id));
        return plan;
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void planNotYetInMemoryIsReadOnTheFirstReportOnItsTask() throws Exception {
        TestPlan plan = storedButNotInMemory();

        given().contentType(ContentType.JSON).body(report(10))
                .when().post("/api/tasks/{task}/reports", plan.taskId(0))
                .then().statusCode(201)
                .body("planId", equalTo(plan.id.toString()));
        assertEquals(1, index.version(plan.id));
        assertEquals(List.of("KHTC"), index.task(plan.taskId(0)).orElseThrow().leadUnits());
        // An id no plan has stays unknown, however often it is asked for.
        UUID unknown = UUID.randomUUID();
        given().contentType(ContentType.JSON).body(report(10))
                .when().post("/api/tasks/{task}/reports", unknown).then().statusCode(404);
        assertTrue(index.task(unknown).isEmpty());
    }

    @Test
    @TestSecurity(user = "khtc", roles = "reporter")
    @OidcSecurity(claims = @Claim(key = "unit", value = "KHTC"))
    void planNotYetInMemoryIsReadInsideTheSelfAssessmentsTransactionWhichStillStores() throws Exception {
        TestPlan plan = storedButNotInMemory();

        given().contentType(ContentType.JSON).body("{\"points\": 1.5}")
                .when().post("/api/plans/{plan}/criteria/1.1/self-assessments", plan.id)
                .then().statusCode(201);
        assertEquals(1, index.version(plan.id));
        given().when().get("/api/plans/{plan}/self-assessments", plan.id).then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].criterionCode", equalTo("1.1"));
    }

    @Test
    void rulesApplicabilityAndTheLeadUnitsOfARowReachTheIndex() {
        TestPlan plan = TestPlan.withRules();
        Broker.publish(plan, 1, index);
        Map<String, KnownCriterion> criteria = index.plan(plan.id).orElseThrow().criteria();
        Rule.Ratio ratio = assertInstanceOf(Rule.Ratio.class, criteria.get("7.2").rule());
        assertEquals(new BigDecimal("70"), ratio.fullAt());
        assertEquals(RuleType.TIERS, criteria.get("7.1").rule().type());
        assertNull(criteria.get("7").rule(), "a parent has no rule");
        assertFalse(criteria.get("7.8").applicable());
        assertTrue(criteria.get("7.2").applicable());
        assertEquals(List.of("KHTC"), criteria.get("7.2").leadUnits(), "the lead units of the leaf's tasks");
        assertEquals(List.of("LDVL"), criteria.get("7.9").leadUnits(), "without tasks, the lead units of its row");

        // A snapshot from before rules: every leaf is MANUAL and applicable.
        TestPlan old = TestPlan.standard();
        Broker.publish(old, 1, index);
        KnownCriterion leaf = index.plan(old.id).orElseThrow().criteria().get("1.1");
        assertEquals(RuleType.MANUAL, leaf.rule().type());
        assertTrue(leaf.applicable());
    }

    @Test
    void aSnapshotWithARuleThatCannotBeReadIsSkipped() throws Exception {
        TestPlan plan = TestPlan.withRules();
        Broker.publish(plan, 1, index);
        plan.rule("7.2", "{\"type\":\"FORMULA\",\"expression\":\"a/b\"}", "Công thức");
        PlanSnapshot unreadable = json.readValue(json.writeValueAsString(plan.snapshot(2)), PlanSnapshot.class).checked();
        assertEquals("criterion 7.2: rule.type FORMULA is not a known rule type",
                assertThrows(PlanSnapshot.InvalidSnapshotException.class, () -> plans.apply(unreadable)).getMessage());

        // Through the broker: skipped, and the next good snapshot applies.
        Broker.send(plan, 2);
        plan.rule("7.2", TestPlan.COUNT, "Mỗi hồ sơ 1 điểm");
        Broker.publish(plan, 3, index);
        assertEquals(RuleType.COUNT, index.plan(plan.id).orElseThrow().criteria().get("7.2").rule().type());
    }
}
