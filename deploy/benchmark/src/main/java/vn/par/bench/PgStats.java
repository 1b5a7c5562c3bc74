package vn.par.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.stack.Stack;

/**
 * PostgreSQL's own counters around a phase: commits per database and WAL flushes, to tell how many transactions
 * and disk syncs one report costs.
 */
final class PgStats {

    private PgStats() {
    }

    static ObjectNode read(Stack stack) {
        ObjectNode o = Api.JSON.createObjectNode();
        try (Connection c = Pg.connect(stack, "postgres")) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT datname, xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched "
                            + "FROM pg_stat_database WHERE datname IN ('criteria', 'progress', 'scoring')");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode db = o.putObject("db_" + rs.getString(1));
                    db.put("commits", rs.getLong(2));
                    db.put("rollbacks", rs.getLong(3));
                    db.put("inserted", rs.getLong(4));
                    db.put("updated", rs.getLong(5));
                    db.put("deleted", rs.getLong(6));
                    db.put("fetched", rs.getLong(7));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM pg_stat_wal"); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    ObjectNode wal = o.putObject("wal");
                    for (String col : new String[] { "wal_records", "wal_bytes", "wal_write", "wal_sync" }) {
                        try {
                            wal.put(col, rs.getLong(col));
                        } catch (SQLException absent) {
                            // PostgreSQL 18 moved write/sync counts to pg_stat_io
                        }
                    }
                }
            } catch (SQLException absent) {
                // no pg_stat_wal
            }
        } catch (SQLException | RuntimeException e) {
            o.put("error", e.getMessage());
        }
        return o;
    }

    /** The counters' increase, in all and per report. */
    static ObjectNode between(ObjectNode before, ObjectNode after, long reports) {
        ObjectNode o = Api.JSON.createObjectNode();
        o.put("reports", reports);
        for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> group = it.next();
            if (!group.getValue().isObject()) {
                continue;
            }
            ObjectNode g = o.putObject(group.getKey());
            group.getValue().fields().forEachRemaining(f -> {
                long delta = f.getValue().asLong() - before.path(group.getKey()).path(f.getKey()).asLong();
                g.put(f.getKey(), delta);
                if (reports > 0) {
                    g.put(f.getKey() + "PerReport", Util.round((double) delta / reports, 2));
                }
            });
        }
        return o;
    }
}
