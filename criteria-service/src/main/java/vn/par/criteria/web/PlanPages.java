package vn.par.criteria.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

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

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.par.criteria.caller.Caller;
import vn.par.criteria.caller.CallerResolver;
import vn.par.criteria.plan.AuditEntry;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.PlanStatus;
import vn.par.criteria.service.NextYearPlans;
import vn.par.criteria.service.PlanEditor;
import vn.par.criteria.unit.Agency;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.web.PageResource;

/**
 * The plan administration pages (role admin): the list of plans with the upload form, one plan as a tree table,
 * its history, and the publish, close and next-year buttons. An agency's administrator sees and changes its own agency's plans
 * only; another agency's plan is the 403 page.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
@PageResource(home = PlanPages.HOME, audience = PlanPages.AUDIENCE)
public class PlanPages {

    /** What every page of this service's errors says: the link back to this list, and who the pages are for. */
    static final String HOME = "Danh sách kế hoạch";
    static final String AUDIENCE = "Quản trị kế hoạch dành cho quản trị viên (vai trò admin).";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<PlanModel.Header> plans, List<String> agencies,
                ImportPages.UploadForm form, FormErrors errors);

        /** @param nextYear the agency's plan of the year after, or null */
        static native TemplateInstance plan(PlanModel.Header plan, List<PlanModel.Row> rows,
                List<PlanModel.FindingLine> findings, List<PlanModel.WarningLine> warnings, UUID nextYear,
                String notice, FormErrors errors);

        static native TemplateInstance history(PlanModel.Header plan, List<PlanModel.HistoryLine> entries);
    }

    private final PlanEditor editor;
    private final NextYearPlans nextYear;
    private final CallerResolver callers;
    private final AccessTokenCredential accessToken;

    /** @param accessToken the signed-in person's access token (the code flow keeps it in the session) */
    public PlanPages(PlanEditor editor, NextYearPlans nextYear, CallerResolver callers,
            AccessTokenCredential accessToken) {
        this.editor = editor;
        this.nextYear = nextYear;
        this.callers = callers;
        this.accessToken = accessToken;
    }

    @GET
    public TemplateInstance index() {
        Caller caller = callers.current();
        return index(caller, ImportPages.UploadForm.forCaller(caller), FormErrors.NONE);
    }

    /**
     * The plans the caller administers and the upload form, filled with what was typed and what was wrong with it;
     * the form offers the agencies the caller may import for.
     */
    static TemplateInstance index(Caller caller, ImportPages.UploadForm form, FormErrors errors) {
        List<PlanModel.Header> plans = Plan.<Plan> list("order by year desc, agency.name").stream()
                .filter(p -> caller.administers(p.agency)).map(PlanModel::header).toList();
        List<String> agencies = caller.agencyAdmin() ? List.of(caller.agency())
                : Agency.<Agency> list("order by name").stream().map(a -> a.name).toList();
        return Templates.index(plans, agencies, form, errors);
    }

    @GET
    @Path("ui/plans/{id}")
    public TemplateInstance plan(@PathParam("id") UUID id, @QueryParam("ok") String ok, @QueryParam("code") String code) {
        Plan plan = find(id, callers.current());
        return page(plan, notice(plan, ok, code), FormErrors.NONE);
    }

    @GET
    @Path("ui/plans/{id}/history")
    public TemplateInstance history(@PathParam("id") UUID id) {
        Plan plan = find(id, callers.current());
        return Templates.history(PlanModel.header(plan),
                AuditEntry.ofPlan(id).stream().map(PlanModel::history).toList());
    }

    @POST
    @Path("ui/plans/{id}/publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response publish(@PathParam("id") UUID id) {
        Caller caller = callers.current();
        try {
            editor.publish(id, caller);
        } catch (ProblemException e) {
            return refused(id, caller, e);
        }
        return done(id, "published", null);
    }

    @POST
    @Path("ui/plans/{id}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response close(@PathParam("id") UUID id, @RestForm String reason) {
        Caller caller = callers.current();
        try {
            editor.close(id, caller, FormInput.text(reason));
        } catch (ProblemException e) {
            return refused(id, caller, e);
        }
        return done(id, "closed", null);
    }

    /** "Tạo kế hoạch năm sau": the new draft's page, with what it asks to check; a refusal on this plan's page. */
    @POST
    @Path("ui/plans/{id}/next-year")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response nextYear(@PathParam("id") UUID id) {
        Caller caller = callers.current();
        UUID draft;
        try {
            draft = nextYear.draft(id, caller, accessToken.getToken());
        } catch (ProblemException e) {
            return refused(id, caller, e);
        }
        return done(draft, "next-year", null);
    }

    /** The plan page, after a change, with a notice saying what was done (Post/Redirect/Get). */
    static Response done(UUID planId, String ok, String code) {
        String query = "?ok=" + ok + (code == null ? "" : "&code=" + code + "#c-" + code);
        return Response.seeOther(URI.create("/ui/plans/" + planId + query)).build();
    }

    /** The plan, if the caller administers its agency: 404 when there is none, 403 when it is another agency's. */
    static Plan find(UUID id, Caller caller) {
        return caller.administered(Plan.<Plan> findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("Không có kế hoạch mã " + id + ".")));
    }

    /** The plan page again with what was refused, for the buttons on it. */
    static Response refused(UUID id, Caller caller, ProblemException e) {
        return Response.status(e.problem().status())
                .entity(page(find(id, caller), null, FormErrors.of(e.problem()))).build();
    }

    private static TemplateInstance page(Plan plan, String notice, FormErrors errors) {
        UUID next = plan.status == PlanStatus.DRAFT ? null
                : Plan.findByAgencyAndYear(plan.agency, plan.year + 1).map(p -> p.id).orElse(null);
        return Templates.plan(PlanModel.header(plan), PlanModel.rows(plan), PlanModel.findings(plan),
                PlanModel.warnings(plan), next, notice, errors);
    }

    /**
     * The notice for {@code ?ok=}: fixed sentences, so a crafted link cannot make the page say something else; the
     * criterion code is shown only if the plan has it.
     */
    private static String notice(Plan plan, String ok, String code) {
        if (ok == null) {
            return null;
        }
        String criterion = code != null && plan.criterion(code).isPresent() ? code : null;
        return switch (ok) {
            case "published" -> "Đã công bố kế hoạch (phiên bản " + plan.version + ").";
            case "closed" -> "Đã đóng kế hoạch.";
            case "next-year" -> "Đã tạo bản nháp kế hoạch năm " + plan.year + " từ kế hoạch năm " + plan.baselineYear
                    + ": hãy rà soát các mục cần xác nhận, sửa mục tiêu rồi công bố.";
            case "criterion" -> criterion == null ? "Đã lưu tiêu chí." : "Đã lưu tiêu chí " + criterion + ".";
            case "task-added" -> criterion == null ? "Đã thêm nhiệm vụ." : "Đã thêm nhiệm vụ cho tiêu chí " + criterion + ".";
            case "task-updated" -> "Đã lưu nhiệm vụ.";
            case "task-removed" -> "Đã xoá nhiệm vụ.";
            case "rule" -> criterion == null ? "Đã lưu quy tắc chấm điểm." : "Đã lưu quy tắc chấm điểm của tiêu chí "
                    + criterion + ".";
            case "rule-accepted" -> criterion == null ? "Đã áp dụng quy tắc đề xuất."
                    : "Đã áp dụng quy tắc đề xuất cho tiêu chí " + criterion + ".";
            default -> null;
        };
    }
}
