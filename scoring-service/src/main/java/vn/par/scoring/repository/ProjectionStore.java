package vn.par.scoring.repository;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import vn.par.infra.events.Topics;
import vn.par.scoring.projection.Appraisal;
import vn.par.scoring.projection.HistoryPoint;
import vn.par.scoring.projection.Indicator;
import vn.par.scoring.projection.PlanInputs;
import vn.par.scoring.projection.RuleType;
import vn.par.scoring.projection.TaskProgress;
import vn.par.scoring.projection.TaskStatus;

/**
 * The projection tables, in plain JDBC: the hot path locks a batch's plans in one round trip and writes its changes in
 * another (each row set as arrays). Every method works on the caller's connection, inside the caller's transaction.
 */
@ApplicationScoped
public class ProjectionStore {

    /**
     * Advisory lock between the live consumers (shared, per batch) and a rebuild (exclusive, while it swaps the
     * tables): no batch applies while a rebuild replaces what it would build on, in any instance.
     */
    private static final long PROJECTION_LOCK = 0x5041525f53434f52L; // "PAR_SCOR"

    private static final String PLAN_COLUMNS = "plan_id, version, status, agency, year, plans_sequence,"
            + " progress_sequence, score_sequence, as_of, projected, baseline, target, max_points";

    /**
     * The next ScoreChanged of a plan must carry the sequence the outbox will hand out. Normally that is the stored
     * score sequence + 1; should the two ever drift apart (a restored database), the outbox's counter wins.
     */
    private static final String SCORE_SEQUENCE = "GREATEST(p.score_sequence, COALESCE(o.last_sequence, 0))"
            + " AS score_sequence";
    private static final String HANDED_OUT = " LEFT JOIN outbox_sequence o ON o.topic = ? AND o.event_key = p.plan_id::text";

    public void lockExclusive(Connection c) throws SQLException {
        lock(c, "SELECT pg_advisory_xact_lock(?)");
    }

    /**
     * Takes the projection lock shared (see {@link #PROJECTION_LOCK}), creates the rows of plans seen for the first
     * time and locks the rows of all of them until commit, so two instances never apply events of one plan at once (a
     * rebalance moves partitions while a batch may still run). Three statements, sent together: one round trip (each
     * was about a millisecond of a batch's time on a busy machine).
     *
     * @param planIds in the database's uuid order (the order of their text), which avoids lock-order deadlocks
     */
    public Map<UUID, Sequences> lockPlans(Connection c, List<UUID> planIds) throws SQLException {
        Array ids = c.createArrayOf("uuid", planIds.toArray());
        Map<UUID, Sequences> sequences = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock_shared(?);"
                + " INSERT INTO scored_plan (plan_id) SELECT unnest(?) ON CONFLICT (plan_id) DO NOTHING;"
                + " SELECT p.plan_id, p.plans_sequence, p.progress_sequence, " + SCORE_SEQUENCE
                + " FROM scored_plan p" + HANDED_OUT + " WHERE p.plan_id = ANY (?) ORDER BY p.plan_id FOR UPDATE OF p")) {
            ps.setLong(1, PROJECTION_LOCK);
            ps.setArray(2, ids);
            ps.setString(3, Topics.SCORES);
            ps.setArray(4, ids);
            ps.execute();
            // the lock's row, the insert's count, then the rows
            while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                ResultSet rs = ps.getResultSet();
                if (rs == null) {
                    continue;
                }
                try (rs) {
                    while (rs.next()) {
                        sequences.put(rs.getObject(1, UUID.class),
                                new Sequences(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
        }
        return sequences;
    }

    /** The plans with their snapshots and inputs; plans without a row are absent. */
    public Map<UUID, StoredPlan> load(Connection c, Collection<UUID> planIds) throws SQLException {
        return loadPlans(c, c.createArrayOf("uuid", planIds.toArray()));
    }

    /** Every plan with its snapshot and inputs. */
    public Map<UUID, StoredPlan> loadAll(Connection c) throws SQLException {
        return loadPlans(c, null);
    }

    /**
     * Writes a batch's changes: one statement per table, each row set as arrays, all sent together in one round trip
     * (a statement per table was a round trip each, about a millisecond apiece on a busy machine).
     */
    public void save(Connection c, Changes changes) throws SQLException {
        List<String> statements = new ArrayList<>(4);
        List<Object[]> arrays = new ArrayList<>();
        if (!changes.progress.isEmpty()) {
            statements.add("""
                    INSERT INTO task_progress (plan_id, task_id, status, percent_complete)
                    SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS smallint[]))
                    ON CONFLICT (plan_id, task_id)
                    DO UPDATE SET status = EXCLUDED.status, percent_complete = EXCLUDED.percent_complete""");
            Columns columns = new Columns(4, changes.progress.size());
            for (Map.Entry<List<Object>, TaskProgress> e : changes.progress.entrySet()) {
                columns.row(e.getKey().get(0), e.getKey().get(1), e.getValue().status().name(),
                        Integer.toString(e.getValue().percentComplete()));
            }
            columns.addTo(arrays, "uuid", "text", "text", "text");
        }
        if (!changes.assessments.isEmpty()) {
            statements.add("""
                    INSERT INTO self_assessment (plan_id, criterion_code, points)
                    SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS numeric[]))
                    ON CONFLICT (plan_id, criterion_code) DO UPDATE SET points = EXCLUDED.points""");
            Columns columns = new Columns(3, changes.assessments.size());
            for (Map.Entry<List<Object>, BigDecimal> e : changes.assessments.entrySet()) {
                columns.row(e.getKey().get(0), e.getKey().get(1), e.getValue().toPlainString());
            }
            columns.addTo(arrays, "uuid", "text", "text");
        }
        if (!changes.indicators.isEmpty()) {
            statements.add("""
                    INSERT INTO indicator (plan_id, criterion_code, rule_type, option_key, number, denominator)
                    SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS numeric[]), CAST(? AS numeric[]))
                    ON CONFLICT (plan_id, criterion_code) DO UPDATE SET rule_type = EXCLUDED.rule_type,
                        option_key = EXCLUDED.option_key, number = EXCLUDED.number,
                        denominator = EXCLUDED.denominator""");
            Columns columns = new Columns(6, changes.indicators.size());
            for (Map.Entry<List<Object>, Indicator> e : changes.indicators.entrySet()) {
                Indicator i = e.getValue();
                columns.row(e.getKey().get(0), e.getKey().get(1), i.type().name(), i.option(), plain(i.number()),
                        plain(i.denominator()));
            }
            columns.addTo(arrays, "uuid", "text", "text", "text", "text", "text");
        }
        if (!changes.appraisals.isEmpty()) {
            statements.add("""
                    INSERT INTO appraisal (plan_id, criterion_code, points)
                    SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS numeric[]))
                    ON CONFLICT (plan_id, criterion_code) DO UPDATE SET points = EXCLUDED.points""");
            Columns columns = new Columns(3, changes.appraisals.size());
            for (Map.Entry<List<Object>, BigDecimal> e : changes.appraisals.entrySet()) {
                columns.row(e.getKey().get(0), e.getKey().get(1), e.getValue().toPlainString());
            }
            columns.addTo(arrays, "uuid", "text", "text");
        }
        if (!changes.appraisalStates.isEmpty()) {
            statements.add("""
                    INSERT INTO appraisal_state (plan_id, round, deadline, final_total)
                    SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS timestamptz[]),
                        CAST(? AS numeric[]))
                    ON CONFLICT (plan_id) DO UPDATE SET round = EXCLUDED.round, deadline = EXCLUDED.deadline,
                        final_total = EXCLUDED.final_total""");
            Columns columns = new Columns(4, changes.appraisalStates.size());
            Columns closed = new Columns(6, closedLeaves(changes.appraisalStates.values()));
            for (Map.Entry<UUID, Appraisal> e : changes.appraisalStates.entrySet()) {
                Appraisal a = e.getValue();
                columns.row(e.getKey(), a.round(), a.deadline() == null ? null : a.deadline().toString(),
                        a.isClosed() ? a.closed().finalTotal().toPlainString() : null);
                if (a.isClosed()) {
                    for (Map.Entry<String, Appraisal.Leaf> leaf : a.closed().leaves().entrySet()) {
                        Appraisal.Leaf l = leaf.getValue();
                        closed.row(e.getKey(), leaf.getKey(), plain(l.selfAssessed()), plain(l.appraised()),
                                plain(l.finalAppraised()), l.finalPoints().toPlainString());
                    }
                }
            }
            columns.addTo(arrays, "uuid", "text", "text", "text");
            if (closed.rows > 0) {
                statements.add("""
                        INSERT INTO closed_leaf (plan_id, criterion_code, self_assessed, appraised, final_appraised,
                            final_points)
                        SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS numeric[]),
                            CAST(? AS numeric[]), CAST(? AS numeric[]), CAST(? AS numeric[]))
                        ON CONFLICT (plan_id, criterion_code) DO NOTHING""");
                closed.addTo(arrays, "uuid", "text", "text", "text", "text", "text");
            }
        }
        if (!changes.history.isEmpty()) {
            statements.add("""
                    INSERT INTO score_history (plan_id, sequence, as_of, projected, percent, payload)
                    SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS bigint[]), CAST(? AS timestamptz[]),
                        CAST(? AS numeric[]), CAST(? AS numeric[]), CAST(? AS text[]))""");
            Columns columns = new Columns(6, changes.history.size());
            for (Changes.History h : changes.history) {
                columns.row(h.planId(), Long.toString(h.sequence()), h.asOf().toString(), h.projected().toPlainString(),
                        h.percent().toPlainString(), h.payload());
            }
            columns.addTo(arrays, "uuid", "text", "text", "text", "text", "text");
        }
        if (!changes.plans.isEmpty()) {
            statements.add("""
                    UPDATE scored_plan p SET version = r.version, status = r.status, agency = r.agency, year = r.year,
                        snapshot = COALESCE(r.snapshot, p.snapshot), plans_sequence = r.plans_sequence,
                        progress_sequence = r.progress_sequence, score_sequence = r.score_sequence, as_of = r.as_of,
                        projected = r.projected, baseline = r.baseline, target = r.target, max_points = r.max_points
                    FROM unnest(CAST(? AS uuid[]), CAST(? AS integer[]), CAST(? AS text[]), CAST(? AS text[]),
                        CAST(? AS integer[]), CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS bigint[]),
                        CAST(? AS bigint[]), CAST(? AS timestamptz[]), CAST(? AS numeric[]), CAST(? AS numeric[]),
                        CAST(? AS numeric[]), CAST(? AS numeric[]))
                        AS r(plan_id, version, status, agency, year, snapshot, plans_sequence, progress_sequence,
                            score_sequence, as_of, projected, baseline, target, max_points)
                    WHERE p.plan_id = r.plan_id""");
            Columns columns = new Columns(14, changes.plans.size());
            for (PlanRow row : changes.plans.values()) {
                columns.row(row.planId(), text(row.version()), row.status(), row.agency(), text(row.year()),
                        row.snapshot(), Long.toString(row.sequences().plans()),
                        Long.toString(row.sequences().progress()), Long.toString(row.sequences().score()),
                        row.asOf() == null ? null : row.asOf().toString(), plain(row.projected()),
                        plain(row.baseline()), plain(row.target()), plain(row.max()));
            }
            String[] types = new String[14];
            Arrays.fill(types, "text");
            types[0] = "uuid";
            columns.addTo(arrays, types);
        }
        if (statements.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(String.join(";\n", statements))) {
            for (int i = 0; i < arrays.size(); i++) {
                ps.setArray(i + 1, c.createArrayOf((String) arrays.get(i)[0], (Object[]) arrays.get(i)[1]));
            }
            ps.execute();
            while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                // every statement's count: an error in any of them has been thrown by execute
            }
        }
    }

    private static int closedLeaves(Collection<Appraisal> states) {
        int n = 0;
        for (Appraisal a : states) {
            n += a.isClosed() ? a.closed().leaves().size() : 0;
        }
        return n;
    }

    /** A row set as one array per column, for {@code unnest}. */
    private static final class Columns {
        private final Object[][] values;
        private int rows;

        Columns(int columns, int rowCount) {
            values = new Object[columns][rowCount];
        }

        void row(Object... row) {
            for (int i = 0; i < row.length; i++) {
                values[i][rows] = row[i];
            }
            rows++;
        }

        /** Adds each column as {type, values}: uuid columns as UUID[], the others as String[] (cast in the SQL). */
        void addTo(List<Object[]> arrays, String... types) {
            for (int i = 0; i < values.length; i++) {
                Object[] column = "uuid".equals(types[i]) ? new UUID[rows] : new String[rows];
                System.arraycopy(values[i], 0, column, 0, rows);
                arrays.add(new Object[] { types[i], column });
            }
        }
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** Replaces the whole projection (a rebuild), inside the caller's transaction. */
    public void replaceAll(Connection c, Collection<StoredPlan> plans) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "TRUNCATE scored_plan, task_progress, self_assessment, indicator, appraisal, appraisal_state,"
                        + " closed_leaf")) {
            ps.executeUpdate();
        }
        try (PreparedStatement planInsert = c.prepareStatement("INSERT INTO scored_plan (version, status, agency,"
                + " year, snapshot, plans_sequence, progress_sequence, score_sequence, as_of, projected, baseline,"
                + " target, max_points, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement progressInsert = c.prepareStatement(
                        "INSERT INTO task_progress (plan_id, task_id, status, percent_complete) VALUES (?, ?, ?, ?)");
                PreparedStatement assessmentInsert = c.prepareStatement(
                        "INSERT INTO self_assessment (plan_id, criterion_code, points) VALUES (?, ?, ?)");
                PreparedStatement indicatorInsert = c.prepareStatement("INSERT INTO indicator (plan_id,"
                        + " criterion_code, rule_type, option_key, number, denominator) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (StoredPlan plan : plans) {
                PlanRow row = plan.row();
                bindPlan(planInsert, row, 1);
                planInsert.setObject(14, row.planId());
                planInsert.addBatch();
                for (Map.Entry<String, TaskProgress> e : plan.inputs().progress().entrySet()) {
                    bindProgress(progressInsert, row.planId(), e.getKey(), e.getValue());
                    progressInsert.addBatch();
                }
                for (Map.Entry<String, BigDecimal> e : plan.inputs().assessments().entrySet()) {
                    assessmentInsert.setObject(1, row.planId());
                    assessmentInsert.setString(2, e.getKey());
                    assessmentInsert.setBigDecimal(3, e.getValue());
                    assessmentInsert.addBatch();
                }
                for (Map.Entry<String, Indicator> e : plan.inputs().indicators().entrySet()) {
                    Indicator i = e.getValue();
                    indicatorInsert.setObject(1, row.planId());
                    indicatorInsert.setString(2, e.getKey());
                    indicatorInsert.setString(3, i.type().name());
                    indicatorInsert.setString(4, i.option());
                    indicatorInsert.setBigDecimal(5, i.number());
                    indicatorInsert.setBigDecimal(6, i.denominator());
                    indicatorInsert.addBatch();
                }
            }
            planInsert.executeBatch();
            progressInsert.executeBatch();
            assessmentInsert.executeBatch();
            indicatorInsert.executeBatch();
        }
        Changes appraisals = new Changes();
        for (StoredPlan plan : plans) {
            UUID planId = plan.row().planId();
            plan.inputs().appraisals().forEach((code, points) -> appraisals.appraisal(planId, code, points));
            if (plan.inputs().appraisal().round() != null) {
                appraisals.appraisal(planId, plan.inputs().appraisal());
            }
        }
        save(c, appraisals);
    }

    /** The last score sequence handed out per plan by the outbox on par.scores: what the next one must follow. */
    public Map<UUID, Long> publishedSequences(Connection c) throws SQLException {
        Map<UUID, Long> sequences = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT event_key, last_sequence FROM outbox_sequence WHERE topic = ?")) {
            ps.setString(1, Topics.SCORES);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sequences.put(UUID.fromString(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return sequences;
    }

    /** Makes the following reads of this transaction see one consistent state. Must come first. */
    public void readConsistently(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
            ps.execute();
        }
    }

    /** A published plan's row, without its snapshot. */
    public Optional<PlanRow> plan(Connection c, UUID planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PLAN_COLUMNS
                + " FROM scored_plan WHERE plan_id = ? AND version IS NOT NULL")) {
            ps.setObject(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(planRow(rs, null)) : Optional.empty();
            }
        }
    }

    /** Every published plan's row, without snapshots. */
    public List<PlanRow> plans(Connection c) throws SQLException {
        List<PlanRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PLAN_COLUMNS
                + " FROM scored_plan WHERE version IS NOT NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(planRow(rs, null));
                }
            }
        }
        return rows;
    }

    public String snapshot(Connection c, UUID planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT snapshot FROM scored_plan WHERE plan_id = ?")) {
            ps.setObject(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public PlanInputs inputs(Connection c, UUID planId) throws SQLException {
        Array ids = c.createArrayOf("uuid", new Object[] { planId });
        return new PlanInputs(progress(c, ids).getOrDefault(planId, Map.of()),
                assessments(c, ids).getOrDefault(planId, Map.of()), indicators(c, ids).getOrDefault(planId, Map.of()),
                appraisals(c, ids).getOrDefault(planId, Map.of()), appraisalStates(c, ids).getOrDefault(planId,
                        Appraisal.NONE));
    }

    /** The published scores of a plan, oldest first, optionally between two instants (inclusive). */
    public List<HistoryPoint> history(Connection c, UUID planId, Instant from, Instant to) throws SQLException {
        StringBuilder sql = new StringBuilder(
                "SELECT sequence, as_of, projected, percent FROM score_history WHERE plan_id = ?");
        if (from != null) {
            sql.append(" AND as_of >= ?");
        }
        if (to != null) {
            sql.append(" AND as_of <= ?");
        }
        sql.append(" ORDER BY sequence");
        List<HistoryPoint> points = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setObject(i++, planId);
            if (from != null) {
                ps.setObject(i++, timestamp(from));
            }
            if (to != null) {
                ps.setObject(i, timestamp(to));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    points.add(new HistoryPoint(rs.getLong(1), instant(rs, 2), rs.getBigDecimal(3), rs.getBigDecimal(4)));
                }
            }
        }
        return points;
    }

    /** The data of the last {@code ScoreChanged} of a plan stamped at or before {@code at}. */
    public Optional<String> publishedAt(Connection c, UUID planId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT payload FROM score_history WHERE plan_id = ? AND as_of <= ?
                ORDER BY sequence DESC LIMIT 1""")) {
            ps.setObject(1, planId);
            ps.setObject(2, timestamp(at));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** @param ids the plans to load, or null for all */
    private Map<UUID, StoredPlan> loadPlans(Connection c, Array ids) throws SQLException {
        Map<UUID, PlanRow> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT p.plan_id, p.version, p.status, p.agency, p.year,"
                + " p.plans_sequence, p.progress_sequence, " + SCORE_SEQUENCE + ", p.as_of, p.projected, p.baseline,"
                + " p.target, p.max_points, p.snapshot FROM scored_plan p" + HANDED_OUT
                + (ids == null ? "" : " WHERE p.plan_id = ANY (?)"))) {
            ps.setString(1, Topics.SCORES);
            if (ids != null) {
                ps.setArray(2, ids);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PlanRow row = planRow(rs, rs.getString("snapshot"));
                    rows.put(row.planId(), row);
                }
            }
        }
        Map<UUID, Map<String, TaskProgress>> progress = progress(c, ids);
        Map<UUID, Map<String, BigDecimal>> assessments = assessments(c, ids);
        Map<UUID, Map<String, Indicator>> indicators = indicators(c, ids);
        Map<UUID, Map<String, BigDecimal>> appraisals = appraisals(c, ids);
        Map<UUID, Appraisal> states = appraisalStates(c, ids);
        Map<UUID, StoredPlan> plans = new LinkedHashMap<>();
        for (PlanRow row : rows.values()) {
            plans.put(row.planId(), new StoredPlan(row, new PlanInputs(
                    progress.getOrDefault(row.planId(), Map.of()), assessments.getOrDefault(row.planId(), Map.of()),
                    indicators.getOrDefault(row.planId(), Map.of()), appraisals.getOrDefault(row.planId(), Map.of()),
                    states.getOrDefault(row.planId(), Appraisal.NONE))));
        }
        return plans;
    }

    private static Map<UUID, Map<String, TaskProgress>> progress(Connection c, Array ids) throws SQLException {
        Map<UUID, Map<String, TaskProgress>> progress = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT plan_id, task_id, status, percent_complete FROM task_progress" + forPlans(ids))) {
            bindIds(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    progress.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                            .put(rs.getString(2), new TaskProgress(TaskStatus.valueOf(rs.getString(3)), rs.getInt(4)));
                }
            }
        }
        return progress;
    }

    private static Map<UUID, Map<String, BigDecimal>> assessments(Connection c, Array ids) throws SQLException {
        Map<UUID, Map<String, BigDecimal>> assessments = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT plan_id, criterion_code, points FROM self_assessment" + forPlans(ids))) {
            bindIds(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assessments.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getBigDecimal(3));
                }
            }
        }
        return assessments;
    }

    private static Map<UUID, Map<String, Indicator>> indicators(Connection c, Array ids) throws SQLException {
        Map<UUID, Map<String, Indicator>> indicators = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT plan_id, criterion_code, rule_type, option_key, number,"
                + " denominator FROM indicator" + forPlans(ids))) {
            bindIds(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indicators.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>()).put(rs.getString(2),
                            new Indicator(RuleType.valueOf(rs.getString(3)), rs.getString(4), rs.getBigDecimal(5),
                                    rs.getBigDecimal(6)));
                }
            }
        }
        return indicators;
    }

    private static Map<UUID, Map<String, BigDecimal>> appraisals(Connection c, Array ids) throws SQLException {
        Map<UUID, Map<String, BigDecimal>> appraisals = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT plan_id, criterion_code, points FROM appraisal" + forPlans(ids))) {
            bindIds(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    appraisals.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getBigDecimal(3));
                }
            }
        }
        return appraisals;
    }

    private static Map<UUID, Appraisal> appraisalStates(Connection c, Array ids) throws SQLException {
        Map<UUID, Map<String, Appraisal.Leaf>> closed = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT plan_id, criterion_code, self_assessed, appraised,"
                + " final_appraised, final_points FROM closed_leaf" + forPlans(ids))) {
            bindIds(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    closed.computeIfAbsent(rs.getObject(1, UUID.class), k -> new HashMap<>()).put(rs.getString(2),
                            new Appraisal.Leaf(rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                                    rs.getBigDecimal(6)));
                }
            }
        }
        Map<UUID, Appraisal> states = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT plan_id, round, deadline FROM appraisal_state" + forPlans(ids))) {
            bindIds(ps, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID planId = rs.getObject(1, UUID.class);
                    Map<String, Appraisal.Leaf> leaves = closed.get(planId);
                    states.put(planId, new Appraisal(rs.getString(2), instant(rs, 3),
                            leaves == null ? null : new Appraisal.Closed(leaves)));
                }
            }
        }
        return states;
    }

    /** The closed years' final totals by plan: the plans whose headline figure is final. */
    public Map<UUID, BigDecimal> finalTotals(Connection c) throws SQLException {
        Map<UUID, BigDecimal> totals = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT plan_id, final_total FROM appraisal_state WHERE final_total IS NOT NULL")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.put(rs.getObject(1, UUID.class), rs.getBigDecimal(2));
                }
            }
        }
        return totals;
    }

    private static PlanRow planRow(ResultSet rs, String snapshot) throws SQLException {
        return new PlanRow(rs.getObject("plan_id", UUID.class), (Integer) rs.getObject("version"),
                rs.getString("status"), rs.getString("agency"), (Integer) rs.getObject("year"), snapshot,
                new Sequences(rs.getLong("plans_sequence"), rs.getLong("progress_sequence"),
                        rs.getLong("score_sequence")),
                instant(rs, "as_of"), rs.getBigDecimal("projected"), rs.getBigDecimal("baseline"),
                rs.getBigDecimal("target"), rs.getBigDecimal("max_points"));
    }

    /** Binds every column of a plan row but its id, from {@code first} on (13 parameters). */
    private static void bindPlan(PreparedStatement ps, PlanRow row, int first) throws SQLException {
        int i = first;
        ps.setObject(i++, row.version(), Types.INTEGER);
        ps.setString(i++, row.status());
        ps.setString(i++, row.agency());
        ps.setObject(i++, row.year(), Types.INTEGER);
        ps.setString(i++, row.snapshot());
        ps.setLong(i++, row.sequences().plans());
        ps.setLong(i++, row.sequences().progress());
        ps.setLong(i++, row.sequences().score());
        ps.setObject(i++, row.asOf() == null ? null : timestamp(row.asOf()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setBigDecimal(i++, row.projected());
        ps.setBigDecimal(i++, row.baseline());
        ps.setBigDecimal(i++, row.target());
        ps.setBigDecimal(i, row.max());
    }

    private static void bindProgress(PreparedStatement ps, UUID planId, String taskId, TaskProgress progress)
            throws SQLException {
        ps.setObject(1, planId);
        ps.setString(2, taskId);
        ps.setString(3, progress.status().name());
        ps.setShort(4, (short) progress.percentComplete());
    }

    private static String forPlans(Array ids) {
        return ids == null ? "" : " WHERE plan_id = ANY (?)";
    }

    private static void bindIds(PreparedStatement ps, Array ids) throws SQLException {
        if (ids != null) {
            ps.setArray(1, ids);
        }
    }

    private static void lock(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, PROJECTION_LOCK);
            ps.execute();
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
