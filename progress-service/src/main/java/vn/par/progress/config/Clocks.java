package vn.par.progress.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The clock that deadlines are measured by (appraisal rounds): injected, so that tests can move time instead of
 * waiting for a deadline to pass.
 */
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
