package vn.par.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

import vn.par.stack.Stack;

/** Plain JDBC against the stack's PostgreSQL: the benchmark reads the services' databases to know where they are. */
final class Pg {

    private Pg() {
    }

    static Connection connect(Stack stack, String database) {
        try {
            return DriverManager.getConnection(stack.jdbcUrl(database), stack.postgresUser(), stack.postgresPassword());
        } catch (SQLException e) {
            throw new BenchmarkException("cannot connect to database " + database + ": " + e.getMessage(), e);
        }
    }

    static long single(Connection c, String sql, Object... params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new BenchmarkException("query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    static String text(Connection c, String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /** Sum of scoring-service's last applied par.progress sequence over the plans. */
    static long appliedProgress(Connection scoring, Collection<UUID> plans) {
        try (PreparedStatement ps = scoring.prepareStatement(
                "SELECT coalesce(sum(progress_sequence), 0) FROM scored_plan WHERE plan_id = ANY (?)")) {
            ps.setArray(1, scoring.createArrayOf("uuid", plans.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new BenchmarkException("cannot read scoring's progress: " + e.getMessage(), e);
        }
    }

    /** How many of the plans scoring-service has scored (their snapshot applied). */
    static long scoredPlans(Connection scoring, Collection<UUID> plans) {
        return countAny(scoring, "SELECT count(*) FROM scored_plan WHERE version IS NOT NULL AND plan_id = ANY (?)", plans);
    }

    /** How many of the plans progress-service holds. */
    static long progressPlans(Connection progress, Collection<UUID> plans) {
        return countAny(progress, "SELECT count(*) FROM plan WHERE id = ANY (?)", plans);
    }

    private static long countAny(Connection c, String sql, Collection<UUID> ids) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new BenchmarkException("query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    static void close(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
