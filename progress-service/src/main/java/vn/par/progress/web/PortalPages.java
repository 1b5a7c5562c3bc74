package vn.par.progress.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.ws.rs.BeanParam;
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
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.web.PageResource;
import vn.par.progress.appraisal.AppraisalRequests.Explain;
import vn.par.progress.appraisal.AppraisalService;
import vn.par.progress.caller.Caller;
import vn.par.progress.caller.CallerResolver;
import vn.par.progress.indicator.IndicatorService;
import vn.par.progress.evidence.Attachment;
import vn.par.progress.evidence.EvidenceFile;
import vn.par.progress.evidence.EvidenceService;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.report.Evidence;
import vn.par.progress.report.ReportService;
import vn.par.progress.rule.RuleType;

/**
 * The unit portal (roles reporter and admin): the unit's tasks with the plan's appraisal round and what the unit still
 * owes, a task with its report form, history, the indicator (chỉ số) of its leaf criterion with an evidence file, and
 * the explanation (giải trình) of an adjusted leaf. Forms post to the same services as the API, so they are checked by the same rules; a form
 * that is refused comes back with what was typed and the message next to the field.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ "reporter", "admin" })
@PageResource(home = "Nhiệm vụ của đơn vị", audience = "Cổng đơn vị dành cho tài khoản báo cáo của các đơn vị"
        + " (vai trò reporter) và quản trị viên.")
public class PortalPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(PortalViews.MyTasks page);

        static native TemplateInstance task(PortalViews.TaskPage page, ReportForm.View report, IndicatorForm.View indicator,
                Explaining explaining, Notice notice);
    }

    private final PortalViews views;
    private final ReportService reports;
    private final IndicatorService indicators;
    private final CallerResolver callers;
    private final PlanIndex index;
    private final Validator validator;
    private final EvidenceService evidence;
    private final AppraisalService appraisals;

    public PortalPages(PortalViews views, ReportService reports, IndicatorService indicators, CallerResolver callers,
            PlanIndex index, Validator validator, EvidenceService evidence, AppraisalService appraisals) {
        this.views = views;
        this.reports = reports;
        this.indicators = indicators;
        this.callers = callers;
        this.index = index;
        this.validator = validator;
        this.evidence = evidence;
        this.appraisals = appraisals;
    }

    /** The explanation form as typed, and the service's refusal of it (null before a post). */
    public record Explaining(String text, String error) {
        static final Explaining BLANK = new Explaining("", null);
    }

    /** The unit's tasks; the appraiser (Sở Nội vụ) lands on its own pages. */
    @GET
    @RolesAllowed({ "reporter", "admin", "appraiser" })
    public Response index() {
        Caller caller = callers.current();
        if (caller.appraiser() && !caller.admin() && caller.unit() == null) {
            return Response.seeOther(URI.create("/ui/appraisal")).build();
        }
        return page(200, Templates.index(views.myTasks(caller)));
    }

    @GET
    @Path("ui/tasks/{taskId}")
    public TemplateInstance task(@PathParam("taskId") UUID taskId, @QueryParam("sent") String sent) {
        return Templates.task(views.task(callers.current(), taskId), ReportForm.View.blank(), IndicatorForm.View.blank(),
                Explaining.BLANK, notice(sent));
    }

    /** An evidence file, for the agency it belongs to and the appraiser: the pages' link to it. */
    @GET
    @Path("ui/evidence/{id}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ "reporter", "admin", "appraiser" })
    public Response evidence(@PathParam("id") UUID id) {
        EvidenceFile file = evidence.download(callers.current(), id);
        return Response.ok(file.content, file.contentType)
                .header("Content-Disposition", Attachment.contentDisposition(file.name))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    @POST
    @Path("ui/plans/{planId}/criteria/{code}/explanations")
    @Consumes({ MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED })
    public Response explain(@PathParam("planId") UUID planId, @PathParam("code") String code, @RestForm String text,
            @RestForm String taskId, @RestForm("file") FileUpload file) {
        UUID task = IndicatorForm.taskOf(taskId);
        if (task == null) {
            throw ProblemException.badRequest("taskId", "Biểu mẫu giải trình thiếu nhiệm vụ để quay lại; hãy mở lại "
                    + "trang nhiệm vụ và gửi lại.");
        }
        Caller caller = callers.current();
        String unit = caller.admin()
                ? index.plan(planId).map(p -> p.criteria().get(code))
                        .map(c -> PortalViews.actingLead(caller, c.leadUnits())).orElse(null)
                : null;
        try {
            List<Evidence> items = IndicatorForm.isChosen(file)
                    ? List.of(Evidence.file(evidence.upload(caller, file).id()))
                    : null;
            Explain request = new Explain(text == null ? "" : text, items, unit);
            var violations = validator.validate(request);
            if (!violations.isEmpty()) {
                var v = violations.iterator().next();
                throw ProblemException.badRequest("text", "Nội dung giải trình " + v.getMessage());
            }
            appraisals.explain(caller, planId, code, request);
            return Response.seeOther(URI.create("/ui/tasks/" + task + "?sent=explanation#giai-trinh")).build();
        } catch (ProblemException refused) {
            return page(refused.problem().status(), Templates.task(views.task(caller, task), ReportForm.View.blank(),
                    IndicatorForm.View.blank(), new Explaining(text == null ? "" : text, refused.problem().detail()), null));
        }
    }

    @POST
    @Path("ui/tasks/{taskId}/reports")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response report(@PathParam("taskId") UUID taskId, @BeanParam ReportForm form) {
        Caller caller = callers.current();
        String unit = caller.admin()
                ? index.task(taskId).map(t -> PortalViews.actingLead(caller, t.leadUnits())).orElse(null)
                : null;
        ReportForm.Parsed parsed = form.parse(validator, unit);
        if (parsed.errors().any()) {
            return taskAgain(400, caller, taskId, parsed.view(), IndicatorForm.View.blank());
        }
        try {
            ReportService.Submitted submitted = reports.submit(caller, taskId, parsed.request(), parsed.idempotencyKey());
            return backTo(taskId, submitted.created() ? "report" : "again");
        } catch (ProblemException refused) {
            if (refused.problem().status() == 422) {
                // This form's key already stored another report (sent, then changed after going back): keep
                // what was typed, and a new key, so that sending it again makes it a new report.
                parsed.errors().general("Biểu mẫu này đã được dùng để gửi một báo cáo khác. Nội dung bạn vừa nhập vẫn "
                        + "còn bên dưới: kiểm tra lại rồi bấm \"Gửi báo cáo\" để gửi thành một báo cáo mới.");
                return taskAgain(409, caller, taskId, parsed.view().withNewKey(),
                        IndicatorForm.View.blank());
            }
            return taskAgain(refused.problem().status(), caller, taskId, ReportForm.refused(parsed, refused),
                    IndicatorForm.View.blank());
        }
    }

    @POST
    @Path("ui/plans/{planId}/criteria/{code}/indicators")
    @Consumes({ MediaType.MULTIPART_FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED })
    public Response indicator(@PathParam("planId") UUID planId, @PathParam("code") String code,
            @BeanParam IndicatorForm form) {
        UUID taskId = form.returnTo();
        if (taskId == null) {
            throw ProblemException.badRequest("taskId", "Biểu mẫu chỉ số thiếu nhiệm vụ để quay lại; hãy mở lại "
                    + "trang nhiệm vụ và gửi lại.");
        }
        Caller caller = callers.current();
        String unit = caller.admin()
                ? index.plan(planId).map(p -> p.criteria().get(code))
                        .map(c -> PortalViews.actingLead(caller, c.leadUnits())).orElse(null)
                : null;
        UUID uploaded;
        try {
            uploaded = form.chosenFile() == null ? null : evidence.upload(caller, form.chosenFile()).id();
        } catch (ProblemException refused) {
            // Not uploaded (type, size): the indicator is not sent; what was typed comes back, the file must be chosen again.
            IndicatorForm.Parsed parsed = form.parse(validator, unit, null);
            parsed.errors().field("file", refused.problem().detail() + " Hãy chọn lại tệp.");
            return taskAgain(refused.problem().status(), caller, taskId, ReportForm.View.blank(), parsed.view());
        }
        IndicatorForm.Parsed parsed = form.parse(validator, unit, uploaded);
        if (parsed.errors().any()) {
            return taskAgain(400, caller, taskId, ReportForm.View.blank(), parsed.view());
        }
        try {
            IndicatorService.Submitted submitted = indicators.submit(caller, planId, code, parsed.request(),
                    parsed.idempotencyKey());
            boolean manual = submitted.indicator().ruleType() == RuleType.MANUAL;
            return backTo(taskId, !submitted.created() ? "indicator-again" : manual ? "indicator-assessment" : "indicator");
        } catch (ProblemException refused) {
            if (refused.problem().status() == 422) {
                // As for the report form: this form's key already stored another indicator.
                parsed.errors().general("Biểu mẫu này đã được dùng để gửi một chỉ số khác. Nội dung bạn vừa nhập vẫn "
                        + "còn bên dưới: kiểm tra lại rồi gửi để ghi nhận thành một chỉ số mới.");
                return taskAgain(409, caller, taskId, ReportForm.View.blank(), parsed.view().withNewKey());
            }
            return taskAgain(refused.problem().status(), caller, taskId, ReportForm.View.blank(),
                    IndicatorForm.refused(parsed, refused));
        }
    }

    /**
     * The form addresses opened as pages: where a browser lands when a sign-in round trip restored the address
     * of a form it was posting. Nothing was sent; back to the page of the form.
     */
    @GET
    @Path("ui/tasks/{taskId}/reports")
    public Response reportFormAddress(@PathParam("taskId") UUID taskId) {
        return Response.seeOther(URI.create("/ui/tasks/" + taskId + "#bao-cao")).build();
    }

    @GET
    @Path("ui/plans/{planId}/criteria/{code}/indicators")
    public Response indicatorFormAddress() {
        return Response.seeOther(URI.create("/")).build();
    }

    private Response taskAgain(int status, Caller caller, UUID taskId, ReportForm.View report, IndicatorForm.View indicator) {
        return page(status, Templates.task(views.task(caller, taskId), report, indicator, Explaining.BLANK, null));
    }

    private static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render()).build();
    }

    /** After a post, the task page at the form's section (303: a reload does not post again), saying what happened. */
    private static Response backTo(UUID taskId, String sent) {
        return Response.seeOther(URI.create("/ui/tasks/" + taskId + "?sent=" + sent
                + (sent.startsWith("indicator") ? "#chi-so" : "#bao-cao"))).build();
    }

    /** What a post did, shown in the section of its form ({@code report}: the report form, else the indicator form). */
    public record Notice(boolean report, String text) {
    }

    private static Notice notice(String sent) {
        if (sent == null) {
            return null;
        }
        return switch (sent) {
            case "report" -> new Notice(true, "Đã ghi nhận báo cáo tiến độ.");
            case "again" -> new Notice(true, "Báo cáo này đã được ghi nhận ở lần gửi trước; không tạo thêm báo cáo mới.");
            case "indicator" -> new Notice(false, "Đã ghi nhận chỉ số.");
            case "indicator-assessment" -> new Notice(false, "Đã ghi nhận điểm tự chấm.");
            case "indicator-again" -> new Notice(false, "Nội dung này đã được ghi nhận ở lần gửi trước; không ghi nhận thêm lần nữa.");
            case "explanation" -> new Notice(false, "Đã ghi nhận giải trình.");
            default -> null;
        };
    }
}
