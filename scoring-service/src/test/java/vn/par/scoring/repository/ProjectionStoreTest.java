package vn.par.scoring.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.par.scoring.projection.HistoryPoint;
import vn.par.scoring.projection.TaskProgress;
import vn.par.scoring.projection.TaskStatus;
import vn.par.stack.testing.TestInfra;

/**
 * The hot path's two round trips against the real PostgreSQL: what {@link ProjectionStore#lockPlans} hands back
 * decides whether the plans held in memory are trusted (wrong sequences would reload every plan on every batch,
 * which no functional test would notice), and {@link ProjectionStore#save} writes every kind of change.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class ProjectionStoreTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ProjectionStore store;

    /** Rows written here come from no topic: left behind, they would differ from RebuildTest's rebuild. */
    private final List<UUID> plans = new ArrayList<>();

    @AfterEach
    void deleteThePlansWrittenHere() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("score_history", "self_assessment", "task_progress", "scored_plan")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE plan_id = ANY (?)")) {
                    ps.setArray(1, c.createArrayOf("uuid", plans.toArray()));
                    ps.executeUpdate();
                }
            }
        }
    }

    @Test
    void lockPlansCreatesNewPlansAndReturnsTheStoredSequences() throws SQLException {
        UUID known = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        plans.addAll(List.of(known, fresh));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO scored_plan (plan_id, plans_sequence,"
                        + " progress_sequence, score_sequence) VALUES (?, 3, 41, 17)")) {
            ps.setObject(1, known);
            ps.executeUpdate();
        }
        List<UUID> ids = Stream.of(known, fresh).sorted(Comparator.comparing(UUID::toString)).toList(); // database order
        Map<UUID, Sequences> sequences = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return store.lockPlans(c, ids);
            }
        });
        assertEquals(Map.of(known, new Sequences(3, 41, 17), fresh, new Sequences(0, 0, 0)), sequences);
    }

    @Test
    void saveWritesProgressAssessmentsHistoryAndPlanRows() throws SQLException {
        UUID plan = UUID.randomUUID();
        plans.add(plan);
        Instant asOf = Instant.parse("2024-05-06T07:08:09.123Z");
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                store.lockPlans(c, List.of(plan));
                Changes changes = new Changes();
                changes.progress(plan, "t-1", new TaskProgress(TaskStatus.IN_PROGRESS, 40));
                changes.progress(plan, "t-2", new TaskProgress(TaskStatus.DONE, 100));
                changes.assessment(plan, "7.3", new BigDecimal("2.75"));
                changes.history(plan, 1, asOf, new BigDecimal("89.62"), new BigDecimal("89.62"), "{\"a\":\"Sở\"}");
                changes.history(plan, 2, asOf, new BigDecimal("90.1"), new BigDecimal("90.1"), "{\"b\":2}");
                changes.plan(new PlanRow(plan, 1, "PUBLISHED", "Sở Lao động", 2024, "{\"snapshot\":true}",
                        new Sequences(1, 2, 2), asOf, new BigDecimal("90.1"), new BigDecimal("88"),
                        new BigDecimal("95.5"), new BigDecimal("100")));
                store.save(c, changes);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        // a later batch without a new snapshot keeps the stored one; an upsert replaces a task's progress
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = dataSource.getConnection()) {
                store.lockPlans(c, List.of(plan));
                Changes changes = new Changes();
                changes.progress(plan, "t-1", new TaskProgress(TaskStatus.BLOCKED, 45));
                changes.plan(new PlanRow(plan, 1, "PUBLISHED", "Sở Lao động", 2024, null, new Sequences(1, 3, 2), asOf,
                        new BigDecimal("90.1"), new BigDecimal("88"), new BigDecimal("95.5"), new BigDecimal("100")));
                store.save(c, changes);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        StoredPlan stored = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return store.load(c, List.of(plan)).get(plan);
            }
        });
        assertEquals("{\"snapshot\":true}", stored.row().snapshot());
        assertEquals(new Sequences(1, 3, 2), stored.row().sequences());
        assertEquals(asOf, stored.row().asOf());
        assertEquals(0, new BigDecimal("95.5").compareTo(stored.row().target()));
        assertEquals(Map.of("t-1", new TaskProgress(TaskStatus.BLOCKED, 45), "t-2",
                new TaskProgress(TaskStatus.DONE, 100)), stored.inputs().progress());
        assertEquals(0, new BigDecimal("2.75").compareTo(stored.inputs().assessments().get("7.3")));
        try (Connection c = dataSource.getConnection()) {
            List<HistoryPoint> history = store.history(c, plan, null, null);
            assertEquals(2, history.size());
            assertEquals(asOf, history.get(0).asOf());
            assertEquals(0, new BigDecimal("90.1").compareTo(history.get(1).projected()));
            assertEquals("{\"b\":2}", store.publishedAt(c, plan, asOf).orElseThrow());
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payload FROM score_history WHERE plan_id = ? AND sequence = 1")) {
                ps.setObject(1, plan);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals("{\"a\":\"Sở\"}", rs.getString(1));
                }
            }
        }
    }
}
