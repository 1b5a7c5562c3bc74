package vn.par.infra.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

/** A pool with no free connection in time is a busy system, not a database outage, and the answer says which. */
class DatabaseFailureTest {

    @Test
    void anAcquisitionTimeoutIsABusyPoolAlsoWhenHibernateWrapsIt() {
        SQLException timeout = new SQLException("Sorry, acquisition timeout!");
        assertTrue(ProblemMappers.isPoolBusy(timeout));
        assertFalse(ProblemMappers.isDatabaseUnavailable(timeout));
        RuntimeException wrapped = new RuntimeException("Unable to acquire JDBC Connection", timeout);
        assertTrue(ProblemMappers.isPoolBusy(wrapped));
        assertFalse(ProblemMappers.isDatabaseUnavailable(wrapped));
    }

    @Test
    void aRefusedOrBrokenConnectionIsAnOutage() {
        SQLException refused = new SQLException("Connection to localhost:15432 refused.", "08001",
                new ConnectException("Connection refused"));
        assertTrue(ProblemMappers.isDatabaseUnavailable(refused));
        assertFalse(ProblemMappers.isPoolBusy(refused));
        // A pool whose wait ended because creating a connection failed: the failure wins.
        SQLException timeoutAfterRefusal = new SQLException("Sorry, acquisition timeout!", null, refused);
        assertTrue(ProblemMappers.isDatabaseUnavailable(timeoutAfterRefusal));
        assertFalse(ProblemMappers.isPoolBusy(timeoutAfterRefusal));
        assertTrue(ProblemMappers.isDatabaseUnavailable(new SQLTransientConnectionException("connection reset")));
    }

    @Test
    void otherFailuresAreNeither() {
        SQLException constraint = new SQLException("duplicate key value", "23505");
        assertFalse(ProblemMappers.isDatabaseUnavailable(constraint));
        assertFalse(ProblemMappers.isPoolBusy(constraint));
    }
}
