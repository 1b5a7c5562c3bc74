package vn.par.progress.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.web.PageResource;
import vn.par.infra.web.VietnameseFormats;
import vn.par.progress.appraisal.AppraisalRequests.Appraise;
import vn.par.progress.appraisal.AppraisalRequests.MoveDeadline;
import vn.par.progress.appraisal.AppraisalRequests.OpenRound;
import vn.par.progress.appraisal.AppraisalService;
import vn.par.progress.appraisal.AppraisalSheets;
import vn.par.progress.appraisal.AppraisalViews.AppraisalSheet;
import vn.par.progress.appraisal.AppraisalViews.SheetLeaf;
import vn.par.progress.appraisal.Round;
import vn.par.progress.appraisal.RoundService;
import vn.par.progress.caller.CallerResolver;
import vn.par.progress.plan.Plan;

/**
 * The appraiser's pages (Sở Nội vụ, role appraiser): every agency's plans with their round, and per plan the appraisal
 * sheet with a form per leaf, the round's forms and the sheet's Excel export. Forms go through the same services as
 * the API; a refused one comes back with the service's message.
 */
@Path("/ui/appraisal")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("appraiser")
@PageResource(home = "Thẩm định Chỉ số CCHC", audience = "Các trang thẩm định dành cho Sở Nội vụ (vai trò appraiser).")
public class AppraisalPages {

    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,7}([.,]\\d{1,12})?");
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<AgencyPlans> agencies);

        static native TemplateInstance plan(PlanPage page, String notice, Refusal refusal);
    }

    /** A plan's line on the first page. */
    public record PlanRow(UUID planId, int year, String status, Round round, Instant deadline, int leaves,
            int selfAssessed, int adjusted) {
    }

    public record AgencyPlans(String agency, List<PlanRow> plans) {
    }

    /**
     * @param next          the round the appraiser may open next, null once closed
     * @param appraising    whether the leaves' forms are open (an appraising round before its deadline)
     * @param deadlineInput the value the deadline inputs start with (Vietnam's time, as datetime-local writes it)
     */
    public record PlanPage(AppraisalSheet sheet, Round next, boolean appraising, String deadlineInput) {
        public boolean closed() {
            return sheet.round() == Round.CLOSED;
        }

        public boolean canMoveDeadline() {
            return sheet.round() != null && !closed();
        }
    }

    /** What the service refused, and on which form ({@code code}: a leaf's, else the round's). */
    public record Refusal(String code, String field, String detail) {
    }

    private final AppraisalSheets sheets;
    private final RoundService rounds;
    private final AppraisalService appraisals;
    private final CallerResolver callers;
    private final Clock clock;

    public AppraisalPages(AppraisalSheets sheets, RoundService rounds, AppraisalService appraisals, CallerResolver callers,
            Clock clock) {
        this.sheets = sheets;
        this.rounds = rounds;
        this.appraisals = appraisals;
        this.callers = callers;
        this.clock = clock;
    }

    @GET
    public TemplateInstance index() {
        Map<String, List<PlanRow>> byAgency = new LinkedHashMap<>();
        for (Plan plan : Plan.<Plan>list("order by agencyName, year desc, id")) {
            AppraisalSheet sheet = sheets.sheet(plan.id);
            byAgency.computeIfAbsent(plan.agencyName, a -> new ArrayList<>()).add(new PlanRow(plan.id, plan.year,
                    plan.status, sheet.round(), sheet.deadline(), sheet.leaves().size(),
                    (int) sheet.leaves().stream().filter(l -> l.selfAssessed() != null).count(),
                    (int) sheet.leaves().stream().filter(SheetLeaf::adjusted).count()));
        }
        List<AgencyPlans> agencies = new ArrayList<>();
        byAgency.forEach((agency, plans) -> agencies.add(new AgencyPlans(agency, plans)));
        return Templates.index(agencies);
    }

    @GET
    @Path("plans/{planId}")
    public TemplateInstance plan(@PathParam("planId") UUID planId, @QueryParam("sent") String sent) {
        return Templates.plan(page(planId), notice(sent), null);
    }

    @GET
    @Path("plans/{planId}/appraisal.xlsx")
    @Produces(XLSX)
    public Response export(@PathParam("planId") UUID planId) {
        AppraisalSheet sheet = sheets.sheet(planId);
        return Response.ok(AppraisalWorkbook.of(sheet), XLSX)
                .header("Content-Disposition", "attachment; filename=\"tham-dinh-" + sheet.year() + "-" + planId + ".xlsx\"")
                .build();
    }

    @POST
    @Path("plans/{planId}/rounds")
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA })
    public Response openRound(@PathParam("planId") UUID planId, @RestForm String round, @RestForm String deadline) {
        try {
            String at = "CLOSED".equals(round) ? null : offsetTime(deadline);
            rounds.open(callers.current(), planId, new OpenRound(round, at));
            return back(planId, "round", null);
        } catch (ProblemException refused) {
            return again(planId, null, refused);
        }
    }

    @POST
    @Path("plans/{planId}/deadline")
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA })
    public Response moveDeadline(@PathParam("planId") UUID planId, @RestForm String deadline, @RestForm String reason) {
        try {
            if (reason == null || reason.isBlank()) {
                throw ProblemException.badRequest("reason", "Hãy ghi lý do đổi hạn: lý do được ghi vào lịch sử của vòng.");
            }
            rounds.moveDeadline(callers.current(), planId, new MoveDeadline(offsetTime(deadline), reason));
            return back(planId, "deadline", null);
        } catch (ProblemException refused) {
            return again(planId, null, refused);
        }
    }

    @POST
    @Path("plans/{planId}/criteria/{code}/appraisals")
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA })
    public Response appraise(@PathParam("planId") UUID planId, @PathParam("code") String code, @RestForm String points,
            @RestForm String note) {
        try {
            appraisals.appraise(callers.current(), planId, code, new Appraise(points(points), note));
            return back(planId, "appraisal", code);
        } catch (ProblemException refused) {
            return again(planId, code, refused);
        }
    }

    private PlanPage page(UUID planId) {
        AppraisalSheet sheet = sheets.sheet(planId);
        boolean appraising = sheet.round() != null && sheet.round().appraises() && sheet.deadline() != null
                && clock.instant().isBefore(sheet.deadline());
        String deadlineInput = LOCAL_INPUT.format(clock.instant().plus(7, ChronoUnit.DAYS)
                .atZone(VietnameseFormats.VIETNAM).withHour(17).withMinute(0));
        return new PlanPage(sheet, Round.after(sheet.round()), appraising, deadlineInput);
    }

    /** A time typed in a datetime-local input, which is Vietnam's time, with its offset as the API takes it. */
    private static String offsetTime(String typed) {
        if (typed == null || typed.isBlank()) {
            throw ProblemException.badRequest("deadline", "Hãy chọn hạn của vòng (ngày và giờ, giờ Việt Nam).");
        }
        try {
            return LocalDateTime.parse(typed.strip()).atZone(VietnameseFormats.VIETNAM).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("deadline", "Hạn '" + typed + "' không đọc được: hãy chọn ngày và giờ.");
        }
    }

    /** Points typed with a decimal comma or point ("1,5"); anything else is the form's 400. */
    private static BigDecimal points(String typed) {
        String number = typed == null ? "" : typed.strip();
        if (!DECIMAL.matcher(number).matches()) {
            throw ProblemException.badRequest("points", "Điểm thẩm định phải là một số không âm, ví dụ 1,5 hoặc 1.5.");
        }
        BigDecimal points = new BigDecimal(number.replace(',', '.'));
        if (points.stripTrailingZeros().scale() > 4) {
            throw ProblemException.badRequest("points", "Điểm thẩm định có tối đa 4 chữ số thập phân.");
        }
        return points;
    }

    private Response again(UUID planId, String code, ProblemException refused) {
        Problem problem = refused.problem();
        return page(problem.status(), Templates.plan(page(planId), null, new Refusal(code, problem.field(), problem.detail())));
    }

    /** After a post, the plan's page (303: a reload does not post again), at the leaf's row for an appraisal. */
    private static Response back(UUID planId, String sent, String code) {
        return Response.seeOther(URI.create("/ui/appraisal/plans/" + planId + "?sent=" + sent
                + (code == null ? "" : "#tc-" + code))).build();
    }

    private static String notice(String sent) {
        if (sent == null) {
            return null;
        }
        return switch (sent) {
            case "round" -> "Đã mở vòng mới.";
            case "deadline" -> "Đã đổi hạn của vòng.";
            case "appraisal" -> "Đã ghi nhận điểm thẩm định.";
            default -> null;
        };
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }
}
