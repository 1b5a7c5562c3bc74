package vn.par.system.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import vn.par.stack.Stack;

/**
 * Every table of one service's database, read over JDBC: its row count and a digest of all its rows. Two equal
 * snapshots mean nothing was inserted, deleted or changed in between, not even a value in a row (a refused
 * PATCH that changed a criterion's points anyway, an event queued in the outbox).
 *
 * <p>The outbox relay empties {@code outbox_event} on its own once Kafka has an event, so a snapshot is taken
 * only after the queue is empty ({@link #settled}); {@code outbox_sequence} keeps the last sequence handed out
 * per topic and key, so an event that was queued and already sent still shows there.
 */
final class DatabaseSnapshot {

    private DatabaseSnapshot() {
    }

    /** The database of a service: "criteria-service" → "criteria". */
    static String databaseOf(String service) {
        return Stack.databaseOf(service);
    }

    /** Waits (at most 30 s) until the outbox of the database is empty, then takes the snapshot. */
    static Map<String, String> settled(Stack stack, String database) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (outboxPending(stack, database) > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        return of(stack, database);
    }

    static Map<String, String> of(Stack stack, String database) {
        Map<String, String> snapshot = new TreeMap<>();
        try (Connection c = connect(stack, database); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
                        + "FROM \"" + table + "\" t")) {
                    rs.next();
                    snapshot.put(table, rs.getLong(1) + " rows, digest " + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read the database " + database + ": " + e.getMessage(), e);
        }
        return snapshot;
    }

    static long count(Stack stack, String database, String sql, Object... parameters) {
        try (Connection c = connect(stack, database); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot query " + database + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    static String text(Stack stack, String database, String sql, Object... parameters) {
        try (Connection c = connect(stack, database); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot query " + database + ": " + sql + ": " + e.getMessage(), e);
        }
    }

    private static long outboxPending(Stack stack, String database) {
        return count(stack, database, "SELECT count(*) FROM outbox_event");
    }

    static Connection connect(Stack stack, String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.postgresUser(), stack.postgresPassword());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
