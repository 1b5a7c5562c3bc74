package vn.par.progress.reminder;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import vn.par.infra.web.VietnameseFormats;

/**
 * Runs the day's reminders at {@code par.reminders.cron} in Vietnam's time (07:30 by default). Every instance runs
 * it: the second one to reach an item finds it sent ({@link ReminderSender}), so two replicas send each item once.
 */
@ApplicationScoped
public class ReminderSchedule {

    /** The job's identity in the scheduler. */
    public static final String JOB = "par-reminders";

    private final ReminderRuns runs;
    private final Clock clock;

    public ReminderSchedule(ReminderRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @Scheduled(identity = JOB, cron = "${par.reminders.cron}", timeZone = "Asia/Ho_Chi_Minh",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    void daily() {
        runs.run(today(clock));
    }

    /** Today in Vietnam by the service's clock: what "today" means for a reminder. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), VietnameseFormats.VIETNAM);
    }

    /** {@code par.reminders.enabled=false} keeps the schedule from running; the endpoint still runs when asked. */
    @Singleton
    public static class Disabled implements Scheduled.SkipPredicate {

        private final ReminderConfig config;

        public Disabled(ReminderConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
