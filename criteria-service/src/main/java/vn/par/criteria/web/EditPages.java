package vn.par.criteria.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import vn.par.criteria.caller.Caller;
import vn.par.criteria.caller.CallerResolver;
import vn.par.criteria.plan.Criterion;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.Task;
import vn.par.criteria.plan.TaskUnit;
import vn.par.criteria.service.PlanEditor;
import vn.par.criteria.service.TaskInput;
import vn.par.criteria.unit.Unit;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.web.PageResource;

/**
 * The edit forms of a plan: a criterion's figures and texts, a task added, changed or removed. Each form posts
 * to the same address it is shown at; a refused change shows the form again with the message next to its field
 * and what was typed, a done change goes back to the plan page (303).
 */
@Path("/ui/plans/{id}/edit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
@PageResource(home = PlanPages.HOME, audience = PlanPages.AUDIENCE)
public class EditPages {

    /**
     * The criterion form as typed: points as text, so that "15,5" or a mistake is shown back as it was;
     * {@code applicable} is the leaf's box, ticked or not.
     */
    public record CriterionForm(String title, String maxPoints, String baselinePoints, String targetPoints, String note,
            boolean applicable, String reason) {
    }

    public record TaskForm(UUID taskId, String description, String dueDate, String reason) {
    }

    /** A unit of the agency offered as lead or coordinating unit, ticked or not. */
    public record UnitChoice(String code, String name, String kind, boolean lead, boolean coordinating) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance criterion(PlanModel.Header plan, PlanModel.Row criterion, CriterionForm form,
                FormErrors errors);

        static native TemplateInstance task(PlanModel.Header plan, PlanModel.Row criterion, TaskForm form,
                List<UnitChoice> units, FormErrors errors);

        static native TemplateInstance deleteTask(PlanModel.Header plan, PlanModel.Row criterion, PlanModel.TaskLine task,
                String reason, FormErrors errors);

        static native TemplateInstance rule(PlanModel.Header plan, PlanModel.Row criterion, RuleForm form,
                List<RuleForm.TypeChoice> types, FormErrors errors);
    }

    private final PlanEditor editor;
    private final CallerResolver callers;
    private final Validator validator;

    public EditPages(PlanEditor editor, CallerResolver callers, Validator validator) {
        this.editor = editor;
        this.callers = callers;
        this.validator = validator;
    }

    // --- criterion -------------------------------------------------------------------------------------------

    @GET
    @Path("criteria/{code}")
    public TemplateInstance criterion(@PathParam("id") UUID id, @PathParam("code") String code) {
        Plan plan = plan(id);
        Criterion c = criterionOf(plan, code);
        return Templates.criterion(PlanModel.header(plan), row(plan, code), new CriterionForm(c.title,
                FormInput.pointsText(c.maxPoints), FormInput.pointsText(c.baselinePoints), FormInput.pointsText(c.targetPoints),
                c.note == null ? "" : c.note, c.applicable, ""), FormErrors.NONE);
    }

    @POST
    @Path("criteria/{code}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateCriterion(@PathParam("id") UUID id, @PathParam("code") String code, @RestForm String title,
            @RestForm String maxPoints, @RestForm String baselinePoints, @RestForm String targetPoints,
            @RestForm String note, @RestForm("applicable") List<String> applicable, @RestForm String reason) {
        Plan current = plan(id);
        Criterion c = criterionOf(current, code);
        // The box comes after a hidden "false" of the same name: ticked sends both, unticked "false" alone, and a
        // form without the box (a parent's) nothing, which leaves the flag as it is.
        boolean ticked = applicable == null || applicable.isEmpty() ? c.applicable : applicable.contains("true");
        CriterionForm form = new CriterionForm(nullToEmpty(title), nullToEmpty(maxPoints), nullToEmpty(baselinePoints),
                nullToEmpty(targetPoints), nullToEmpty(note), ticked, nullToEmpty(reason));
        try {
            // The form shows every field, so the merge patch names every field: an emptied one is cleared.
            ObjectNode patch = JsonNodeFactory.instance.objectNode();
            patch.put("title", form.title());
            putPoints(patch, "maxPoints", form.maxPoints());
            putPoints(patch, "baselinePoints", form.baselinePoints());
            putPoints(patch, "targetPoints", form.targetPoints());
            patch.put("note", FormInput.text(form.note()));
            // Only a change of the box goes into the patch, so a form saved for its title leaves the flag alone.
            if (current.tree().isLeaf(code) && form.applicable() != c.applicable) {
                patch.put("applicable", form.applicable());
            }
            patch.put("reason", FormInput.text(form.reason()));
            editor.updateCriterion(id, code, patch, caller());
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                throw e;
            }
            Plan plan = plan(id);
            return Response.status(e.problem().status()).entity(Templates.criterion(PlanModel.header(plan), row(plan, code),
                    form, FormErrors.of(e.problem()))).build();
        }
        return PlanPages.done(id, "criterion", code);
    }

    // --- scoring rule ----------------------------------------------------------------------------------------

    @GET
    @Path("criteria/{code}/rule")
    public TemplateInstance rule(@PathParam("id") UUID id, @PathParam("code") String code) {
        Plan plan = plan(id);
        Criterion c = leafOf(plan, code);
        return Templates.rule(PlanModel.header(plan), row(plan, code), RuleForm.of(c.rule()), RuleForm.TYPES,
                FormErrors.NONE);
    }

    @POST
    @Path("criteria/{code}/rule")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setRule(@PathParam("id") UUID id, @PathParam("code") String code, @RestForm String type,
            @RestForm("optionKey") List<String> optionKeys, @RestForm("optionLabel") List<String> optionLabels,
            @RestForm("optionPoints") List<String> optionPoints, @RestForm("bracketMin") List<String> bracketMins,
            @RestForm("bracketMinInclusive") List<String> bracketMinInclusive,
            @RestForm("bracketMax") List<String> bracketMaxes,
            @RestForm("bracketMaxInclusive") List<String> bracketMaxInclusive,
            @RestForm("bracketPoints") List<String> bracketPoints, @RestForm String fullAt, @RestForm String whenNoCases,
            @RestForm String whenNoCasesPoints, @RestForm String perUnit, @RestForm String perViolation,
            @RestForm String reason) {
        RuleForm form = RuleForm.posted(type, optionKeys, optionLabels, optionPoints, bracketMins, bracketMinInclusive,
                bracketMaxes, bracketMaxInclusive, bracketPoints, fullAt, whenNoCases, whenNoCasesPoints, perUnit,
                perViolation, reason);
        try {
            if (form.reason().strip().length() > 1000) {
                throw ProblemException.badRequest("reason", "Lý do dài tối đa 1000 ký tự.");
            }
            editor.setRule(id, code, form.toJson(), FormInput.text(form.reason()), caller());
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                throw e;
            }
            Plan plan = plan(id);
            return Response.status(e.problem().status()).entity(Templates.rule(PlanModel.header(plan), row(plan, code),
                    form.withSpareRows(), RuleForm.TYPES, FormErrors.of(e.problem()))).build();
        }
        return PlanPages.done(id, "rule", code);
    }

    /** The "Áp dụng đề xuất" button of the plan page; a refusal is shown on the plan page. */
    @POST
    @Path("criteria/{code}/rule/accept-proposal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acceptProposal(@PathParam("id") UUID id, @PathParam("code") String code) {
        try {
            editor.acceptProposal(id, code, null, caller());
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                throw e;
            }
            return PlanPages.refused(id, caller(), e);
        }
        return PlanPages.done(id, "rule-accepted", code);
    }

    // --- tasks -----------------------------------------------------------------------------------------------

    @GET
    @Path("criteria/{code}/tasks")
    public TemplateInstance newTask(@PathParam("id") UUID id, @PathParam("code") String code) {
        Plan plan = plan(id);
        criterionOf(plan, code);
        return Templates.task(PlanModel.header(plan), row(plan, code), new TaskForm(null, "", "", ""),
                choices(plan, List.of(), List.of()), FormErrors.NONE);
    }

    @POST
    @Path("criteria/{code}/tasks")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addTask(@PathParam("id") UUID id, @PathParam("code") String code, @RestForm String description,
            @RestForm("lead") List<String> lead, @RestForm("coordinating") List<String> coordinating,
            @RestForm String dueDate, @RestForm String reason) {
        TaskForm form = new TaskForm(null, nullToEmpty(description), nullToEmpty(dueDate), nullToEmpty(reason));
        try {
            editor.addTask(id, code, taskInput(form, lead, coordinating), caller());
        } catch (ProblemException e) {
            return taskRefused(id, code, form, lead, coordinating, e);
        }
        return PlanPages.done(id, "task-added", code);
    }

    @GET
    @Path("tasks/{taskId}")
    public TemplateInstance task(@PathParam("id") UUID id, @PathParam("taskId") UUID taskId) {
        Plan plan = plan(id);
        Task t = taskOf(plan, taskId);
        return Templates.task(PlanModel.header(plan), row(plan, t.criterion.code),
                new TaskForm(t.id, t.description, t.dueDate == null ? "" : t.dueDate.toString(), ""),
                choices(plan, codes(t, TaskUnit.Role.LEAD), codes(t, TaskUnit.Role.COORDINATING)), FormErrors.NONE);
    }

    @POST
    @Path("tasks/{taskId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response updateTask(@PathParam("id") UUID id, @PathParam("taskId") UUID taskId,
            @RestForm String description, @RestForm("lead") List<String> lead,
            @RestForm("coordinating") List<String> coordinating, @RestForm String dueDate, @RestForm String reason) {
        TaskForm form = new TaskForm(taskId, nullToEmpty(description), nullToEmpty(dueDate), nullToEmpty(reason));
        String code = taskOf(plan(id), taskId).criterion.code;
        try {
            editor.updateTask(id, taskId, taskInput(form, lead, coordinating), caller());
        } catch (ProblemException e) {
            return taskRefused(id, code, form, lead, coordinating, e);
        }
        return PlanPages.done(id, "task-updated", code);
    }

    @GET
    @Path("tasks/{taskId}/delete")
    public TemplateInstance confirmDelete(@PathParam("id") UUID id, @PathParam("taskId") UUID taskId) {
        Plan plan = plan(id);
        Task t = taskOf(plan, taskId);
        return Templates.deleteTask(PlanModel.header(plan), row(plan, t.criterion.code), PlanModel.task(t), "",
                FormErrors.NONE);
    }

    @POST
    @Path("tasks/{taskId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteTask(@PathParam("id") UUID id, @PathParam("taskId") UUID taskId, @RestForm String reason) {
        String code = taskOf(plan(id), taskId).criterion.code;
        try {
            if (reason != null && reason.strip().length() > 1000) {
                throw ProblemException.badRequest("reason", "Lý do dài tối đa 1000 ký tự.");
            }
            editor.removeTask(id, taskId, FormInput.text(reason), caller());
        } catch (ProblemException e) {
            Plan plan = plan(id);
            Task t = taskOf(plan, taskId);
            return Response.status(e.problem().status()).entity(Templates.deleteTask(PlanModel.header(plan),
                    row(plan, t.criterion.code), PlanModel.task(t), nullToEmpty(reason), FormErrors.of(e.problem())))
                    .build();
        }
        return PlanPages.done(id, "task-removed", code);
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /**
     * The task as the API takes it, checked by the same Bean Validation rules as {@code POST .../tasks}
     * (the use case itself checks the units and the plan's state).
     */
    private TaskInput taskInput(TaskForm form, List<String> lead, List<String> coordinating) {
        LocalDate due;
        try {
            due = FormInput.date(form.dueDate());
        } catch (FormInput.Unreadable e) {
            throw ProblemException.badRequest("dueDate", "Hạn hoàn thành " + e.getMessage());
        }
        TaskInput input = new TaskInput(form.description(), orEmpty(lead), orEmpty(coordinating), due,
                FormInput.text(form.reason()));
        Set<ConstraintViolation<TaskInput>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new InvalidForm(FormErrors.of(violations));
        }
        return input;
    }

    private Response taskRefused(UUID id, String code, TaskForm form, List<String> lead, List<String> coordinating,
            ProblemException e) {
        if (e.problem().status() == 404) {
            throw e;
        }
        Plan plan = plan(id);
        FormErrors errors = e instanceof InvalidForm invalid ? invalid.errors : FormErrors.of(e.problem());
        return Response.status(e.problem().status()).entity(Templates.task(PlanModel.header(plan), row(plan, code), form,
                choices(plan, orEmpty(lead), orEmpty(coordinating)), errors)).build();
    }

    /** A form refused by Bean Validation: a 400 problem that keeps every field's message. */
    private static final class InvalidForm extends ProblemException {
        private static final long serialVersionUID = 1L;
        private final transient FormErrors errors;

        InvalidForm(FormErrors errors) {
            super(Problem.of(400, errors.title(), errors.detail()));
            this.errors = errors;
        }
    }

    private static void putPoints(ObjectNode patch, String field, String text) {
        try {
            BigDecimal value = FormInput.points(text);
            if (value == null) {
                patch.putNull(field);
            } else {
                patch.put(field, value);
            }
        } catch (FormInput.Unreadable e) {
            throw ProblemException.badRequest(field, Labels.field(field) + " " + e.getMessage());
        }
    }

    private static List<UnitChoice> choices(Plan plan, List<String> lead, List<String> coordinating) {
        List<UnitChoice> choices = new ArrayList<>();
        for (Unit u : Unit.ofAgency(plan.agency)) {
            choices.add(new UnitChoice(u.code, u.name, Labels.kind(u.kind), lead.contains(u.code),
                    coordinating.contains(u.code)));
        }
        return choices;
    }

    private static PlanModel.Row row(Plan plan, String code) {
        return PlanModel.rows(plan).stream().filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Kế hoạch không có tiêu chí mã '" + code + "'."));
    }

    /** A leaf of the plan: only leaves have a rule. */
    private static Criterion leafOf(Plan plan, String code) {
        Criterion c = criterionOf(plan, code);
        if (!plan.tree().isLeaf(code)) {
            throw ProblemException.badRequest("code", "Tiêu chí " + code + " có tiêu chí con nên không có quy tắc chấm điểm:"
                    + " điểm của nó là tổng điểm các tiêu chí con.");
        }
        return c;
    }

    private static Criterion criterionOf(Plan plan, String code) {
        return plan.criterion(code)
                .orElseThrow(() -> ProblemException.notFound("Kế hoạch không có tiêu chí mã '" + code + "'."));
    }

    private static Task taskOf(Plan plan, UUID taskId) {
        return plan.task(taskId)
                .orElseThrow(() -> ProblemException.notFound("Kế hoạch không có nhiệm vụ " + taskId + "."));
    }

    private static List<String> codes(Task t, TaskUnit.Role role) {
        return t.units(role).stream().map(u -> u.code).toList();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private Caller caller() {
        return callers.current();
    }

    /** The plan, if the caller administers its agency (the 403 page otherwise). */
    private Plan plan(UUID id) {
        return PlanPages.find(id, caller());
    }
}
