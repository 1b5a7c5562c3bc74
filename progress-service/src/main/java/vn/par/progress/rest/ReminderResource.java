package vn.par.progress.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.caller.Caller;
import vn.par.progress.caller.CallerResolver;
import vn.par.progress.reminder.ReminderRuns;
import vn.par.progress.reminder.ReminderRuns.RunResult;
import vn.par.progress.reminder.ReminderRuns.SentView;
import vn.par.progress.reminder.ReminderSchedule;

/** The day's reminders, for a provincial administrator: a run covers every agency. */
@Path("/api/admin/reminders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Thư nhắc việc")
public class ReminderResource {

    private final ReminderRuns runs;
    private final CallerResolver callers;
    private final Clock clock;

    public ReminderResource(ReminderRuns runs, CallerResolver callers, Clock clock) {
        this.runs = runs;
        this.callers = callers;
        this.clock = clock;
    }

    @POST
    @Path("run")
    @Operation(summary = "Gửi thư nhắc việc của một ngày ngay bây giờ",
            description = "Như lần chạy hằng ngày lúc 07:30: mỗi đơn vị có địa chỉ e-mail nhận một thư liệt kê việc cần làm; "
                    + "nhiệm vụ quá hạn hơn 14 ngày được gửi thêm tới quản trị viên cơ quan. Việc đã nhắc người nhận trong ngày "
                    + "không được gửi lại.")
    public RunResult run(@Parameter(description = "Ngày (YYYY-MM-DD), mặc định hôm nay theo giờ Việt Nam")
            @QueryParam("date") String date) {
        provincial();
        return runs.run(date(date));
    }

    @GET
    @Operation(summary = "Các thư nhắc việc đã gửi trong một ngày", description = "Người nhận, đơn vị, các việc, thời điểm gửi.")
    public List<SentView> sent(@Parameter(description = "Ngày (YYYY-MM-DD), mặc định hôm nay theo giờ Việt Nam")
            @QueryParam("date") String date) {
        provincial();
        return runs.sentOn(date(date));
    }

    private void provincial() {
        Caller caller = callers.current();
        if (!caller.provincialAdmin()) {
            throw ProblemException.forbidden("Thư nhắc việc được chạy cho mọi cơ quan cùng lúc nên chỉ quản trị viên cấp "
                    + "tỉnh chạy và xem được; tài khoản của " + caller.agency() + " không có quyền này.");
        }
    }

    private LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return ReminderSchedule.today(clock);
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("date", "Ngày '" + text + "' không hợp lệ: cần dạng YYYY-MM-DD, ví dụ 2025-01-10.");
        }
    }
}
