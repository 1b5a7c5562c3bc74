package vn.par.scoring.config;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The clock that decides "today" for overdue tasks; a test can replace it with a fixed one. */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(ScoringConfig config) {
        return Clock.system(config.zone());
    }
}
