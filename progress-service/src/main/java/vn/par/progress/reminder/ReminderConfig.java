package vn.par.progress.reminder;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The daily reminders ({@code par.reminders.*}). */
@ConfigMapping(prefix = "par.reminders")
public interface ReminderConfig {

    /**
     * Whether the schedule runs. {@code POST /api/admin/reminders/run} works either way: an administrator asked for it.
     */
    @WithDefault("true")
    boolean enabled();

    /** When the schedule runs, a Quartz cron (seconds first) read in Asia/Ho_Chi_Minh: 07:30 every day. */
    @WithDefault("0 30 7 * * ?")
    String cron();
}
