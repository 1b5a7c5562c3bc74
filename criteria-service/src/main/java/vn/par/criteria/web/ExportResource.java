package vn.par.criteria.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.quarkus.oidc.AccessTokenCredential;
import vn.par.criteria.caller.CallerResolver;
import vn.par.criteria.client.Fetched;
import vn.par.criteria.client.Neighbours;
import vn.par.criteria.client.PlanScores;
import vn.par.criteria.plan.CriteriaTree;
import vn.par.criteria.plan.Criterion;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.Task;
import vn.par.criteria.plan.TaskUnit;
import vn.par.criteria.unit.Unit;
import vn.par.infra.web.PageResource;

/** The plan as .xlsx in the appendix's layout, with the projected points scoring-service has for it now. */
@Path("/ui/plans/{id}/export.xlsx")
@RolesAllowed("admin")
@PageResource(home = PlanPages.HOME, audience = PlanPages.AUDIENCE)
public class ExportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    static final String UNAVAILABLE = "Không có điểm dự kiến: ";

    private final Neighbours neighbours;
    private final AccessTokenCredential accessToken;
    private final CallerResolver callers;

    /** @param accessToken the signed-in person's access token (the code flow keeps it in the session) */
    public ExportResource(Neighbours neighbours, AccessTokenCredential accessToken, CallerResolver callers) {
        this.neighbours = neighbours;
        this.accessToken = accessToken;
        this.callers = callers;
    }

    @GET
    @Produces(XLSX)
    public Response export(@PathParam("id") UUID id) {
        Plan plan = PlanPages.find(id, callers.current());
        PlanWorkbook.PlanSheet sheet = sheet(plan);
        PlanWorkbook.Projection projection = projection(neighbours.scores(id, accessToken.getToken()));
        byte[] bytes = PlanWorkbook.write(sheet, projection, Instant.now());
        return Response.ok(bytes, XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + PlanWorkbook.fileName(plan.year, plan.agency.name) + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** The projected points scoring-service gave, or none and why. */
    static PlanWorkbook.Projection projection(Fetched<PlanScores> scores) {
        if (!scores.present()) {
            return PlanWorkbook.Projection.unavailable(UNAVAILABLE + scores.why() + "; cột \"Điểm dự kiến\" để trống.");
        }
        Map<String, BigDecimal> points = new LinkedHashMap<>();
        for (PlanScores.CriterionScores c : scores.answer().criteria()) {
            if (c.code() != null && c.projected() != null) {
                points.put(c.code(), c.projected());
            }
        }
        if (points.isEmpty()) {
            return PlanWorkbook.Projection.unavailable(UNAVAILABLE + "hệ thống chấm điểm chưa có điểm tiêu chí nào của"
                    + " kế hoạch này; cột \"Điểm dự kiến\" để trống.");
        }
        return new PlanWorkbook.Projection(points, null);
    }

    static PlanWorkbook.PlanSheet sheet(Plan plan) {
        CriteriaTree tree = plan.tree();
        List<PlanWorkbook.Line> lines = new ArrayList<>();
        for (String code : tree.codes()) {
            Criterion c = plan.criterion(code).orElseThrow();
            lines.add(new PlanWorkbook.Line(code, c.title, c.maxPoints, c.baselinePoints, c.targetPoints,
                    c.tasks.stream().map(t -> t.description).toList(), unitNames(c.tasks, TaskUnit.Role.LEAD),
                    unitNames(c.tasks, TaskUnit.Role.COORDINATING), c.note));
        }
        return new PlanWorkbook.PlanSheet(plan.agency.name, plan.year, plan.baselineYear, Labels.status(plan.status),
                plan.version, lines);
    }

    /** The appendix names units per criterion: every unit any of its tasks names, once, in order. */
    private static List<String> unitNames(List<Task> tasks, TaskUnit.Role role) {
        Set<String> names = new LinkedHashSet<>();
        for (Task t : tasks) {
            for (Unit u : t.units(role)) {
                names.add(u.name);
            }
        }
        return List.copyOf(names);
    }
}
