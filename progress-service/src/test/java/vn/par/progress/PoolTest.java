package vn.par.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import vn.par.stack.testing.TestInfra;

/**
 * Reports arrive in bursts, also on an instance just started: every connection they may need is open from the start
 * and stays open, so none of them waits for the pool to open one (which it does one after another) and gets a 503.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfra.class, restrictToAnnotatedClass = false)
class PoolTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyConnectionIsOpenFromTheStartAndKept() throws Exception {
        AgroalConnectionPoolConfiguration pool = dataSource.getConfiguration().connectionPoolConfiguration();
        assertEquals(pool.maxSize(), pool.initialSize(), "opened at start");
        assertEquals(pool.maxSize(), pool.minSize(), "never closed for being idle");

        // The pool opens its initial connections in the background, and a test class started with another profile
        // closes the pool it had: give PostgreSQL's count a few seconds to settle.
        long deadline = System.nanoTime() + 10_000_000_000L;
        int open = openInPostgres();
        while (open != pool.maxSize() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            open = openInPostgres();
        }
        assertEquals(pool.maxSize(), open, "connections of progress-service in pg_stat_activity");
        assertTrue(pool.maxSize() >= 20, "the size the reporting peak was measured with: " + pool.maxSize());
    }

    private int openInPostgres() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND application_name = 'progress-service'""")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
