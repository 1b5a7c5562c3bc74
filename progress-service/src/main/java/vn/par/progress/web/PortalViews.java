package vn.par.progress.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.par.infra.problem.ProblemException;
import vn.par.infra.web.VietnameseFormats;
import vn.par.progress.appraisal.AppraisalSheets;
import vn.par.progress.appraisal.AppraisalViews.AppraisalSheet;
import vn.par.progress.appraisal.AppraisalViews.LeafExplanation;
import vn.par.progress.appraisal.AppraisalViews.SheetLeaf;
import vn.par.progress.appraisal.Round;
import vn.par.progress.caller.Caller;
import vn.par.progress.indicator.IndicatorService;
import vn.par.progress.indicator.IndicatorView;
import vn.par.progress.indicator.LeafIndicators;
import vn.par.progress.plan.Plan;
import vn.par.progress.plan.PlanCriterion;
import vn.par.progress.plan.PlanIndex;
import vn.par.progress.plan.PlanIndex.KnownCriterion;
import vn.par.progress.plan.PlanUnit;
import vn.par.progress.plan.Task;
import vn.par.progress.report.MyTaskView;
import vn.par.progress.report.ReportStatus;
import vn.par.progress.report.ReportView;
import vn.par.progress.report.TaskProgressService;
import vn.par.progress.report.TaskStateView;
import vn.par.progress.reminder.ReminderSchedule;
import vn.par.progress.reminder.ReminderText;
import vn.par.progress.reminder.TodoKind;
import vn.par.progress.reminder.TodoList;
import vn.par.progress.rule.Rule;
import vn.par.progress.rule.RuleType;

/**
 * What the portal's pages show, as records for the templates. Reads through the same services as the API
 * ({@link TaskProgressService}, {@link IndicatorService}) and adds only what a person needs besides: names
 * of areas and units, grouping, overdue flags, and whether and how the caller may post.
 */
@ApplicationScoped
public class PortalViews {

    /** How many reports the task page lists (newest first). */
    static final int HISTORY = 100;

    private final TaskProgressService progress;
    private final IndicatorService indicators;
    private final PlanIndex index;
    private final ObjectMapper json;
    private final AppraisalSheets sheets;
    private final Clock clock;
    private final TodoList todo;

    public PortalViews(TaskProgressService progress, IndicatorService indicators, PlanIndex index, ObjectMapper json,
            AppraisalSheets sheets, Clock clock, TodoList todo) {
        this.todo = todo;
        this.progress = progress;
        this.indicators = indicators;
        this.index = index;
        this.json = json;
        this.sheets = sheets;
        this.clock = clock;
    }

    // ---- The appraisal, as a unit sees it --------------------------------------------------------------------

    /** A plan's current round ({@code round} null: none opened) and its deadline. */
    public record PlanRound(Round round, Instant deadline) {
        /** The deadline as the API writes it (UTC), for the page's hooks. */
        public String deadlineIso() {
            return deadline == null ? "" : deadline.toString();
        }
    }

    /**
     * A leaf the unit still owes something: {@code missing} is {@code self-assessment} (no self-assessment or
     * indicator that counts), {@code evidence} (one without evidence) or {@code explanation} (adjusted, not explained).
     */
    public record MustSubmit(String code, String title, String missing, String text, UUID taskId) {
    }

    /**
     * The explanation box of an adjusted leaf the unit leads, during {@code EXPLANATION}: the appraiser's points and
     * note, the explanation that counts, and whether the form is open (before the round's deadline).
     */
    public record ExplanationBox(String code, BigDecimal selfAssessed, BigDecimal appraised, String note,
            LeafExplanation explanation, boolean open, Instant deadline, String unitLabel, String requestUnit) {
    }

    private PlanRound round(AppraisalSheet sheet) {
        return new PlanRound(sheet.round(), sheet.deadline());
    }

    /**
     * What the caller's unit owes on the plan's applicable leaves it leads (an administrator's pages are about its own
     * unit too, as its task list is).
     */
    private List<MustSubmit> mustSubmit(Caller caller, AppraisalSheet sheet, Map<String, UUID> taskOfLeaf) {
        Round round = sheet.round();
        boolean selfAssessing = round == null
                || (round == Round.SELF_ASSESSMENT && clock.instant().isBefore(sheet.deadline()));
        List<MustSubmit> owed = new ArrayList<>();
        for (SheetLeaf leaf : sheet.leaves()) {
            if (!leaf.leadUnits().contains(caller.unit())) {
                continue;
            }
            boolean survey = leaf.rule() != null && "SURVEY".equals(leaf.rule().path("type").asText());
            UUID task = taskOfLeaf.get(leaf.code());
            if (selfAssessing && !survey && leaf.selfAssessed() == null) {
                owed.add(new MustSubmit(leaf.code(), leaf.title(), "self-assessment",
                        "chưa tự chấm điểm (chưa báo cáo chỉ số)", task));
            } else if (selfAssessing && !survey && leaf.evidenceCount() == 0) {
                owed.add(new MustSubmit(leaf.code(), leaf.title(), "evidence", "chưa có tài liệu kiểm chứng", task));
            }
            if (round == Round.EXPLANATION && leaf.adjusted() && leaf.explanation() == null) {
                owed.add(new MustSubmit(leaf.code(), leaf.title(), "explanation",
                        "bị điều chỉnh khi thẩm định: cần giải trình", task));
            }
        }
        return owed;
    }

    /** The first active task of each leaf of the plan, for the list's links. */
    private static Map<String, UUID> taskOfLeaf(UUID planId) {
        Map<String, UUID> tasks = new HashMap<>();
        for (Task t : Task.<Task>list("planId = ?1 and active = true order by position", planId)) {
            tasks.putIfAbsent(t.criterionCode, t.id);
        }
        return tasks;
    }

    // ---- "Nhiệm vụ của đơn vị" ---------------------------------------------------------------------------

    /**
     * The caller's unit's tasks; {@code unit} is null when the account has no unit. {@code todo}: what it must do
     * today ("Việc cần làm"), the list the daily reminder sends.
     */
    public record MyTasks(String unit, String unitName, List<PlanGroup> plans, List<TodoLine> todo) {
        public String unitLabel() {
            return unitName == null ? unit : unitName + " (" + unit + ")";
        }
    }

    /**
     * An item of "Việc cần làm" in the reminder's words.
     *
     * @param kind {@link TodoKind#key()}, for the page's hooks
     * @param href the page to act on it, on this portal
     */
    public record TodoLine(String kind, String key, String text, String criterion, String href) {
    }

    public record PlanGroup(UUID id, String agency, int year, List<AreaGroup> areas, int tasks, int overdue, int unreported,
            PlanRound round, List<MustSubmit> mustSubmit) {
    }

    public record AreaGroup(String code, String title, List<TaskRow> tasks) {
    }

    public record TaskRow(MyTaskView task, String criterionTitle, boolean overdue) {
    }

    public MyTasks myTasks(Caller caller) {
        if (caller.unit() == null) {
            return new MyTasks(null, null, List.of(), List.of());
        }
        List<MyTaskView> tasks = progress.myTasks(caller);
        Set<UUID> planIds = tasks.stream().map(MyTaskView::planId).collect(Collectors.toSet());
        Map<UUID, Map<String, String>> areaTitles = new HashMap<>();
        if (!planIds.isEmpty()) {
            for (PlanCriterion area : PlanCriterion.<PlanCriterion>list("planId in ?1 and code = areaCode", planIds)) {
                areaTitles.computeIfAbsent(area.planId, id -> new HashMap<>()).put(area.code, area.title);
            }
        }
        LocalDate today = LocalDate.now(VietnameseFormats.VIETNAM);
        // The service lists them by plan, then in plan order: areas come out in their own order.
        Map<UUID, Map<String, List<TaskRow>>> byPlan = new LinkedHashMap<>();
        Map<UUID, MyTaskView> firstOfPlan = new LinkedHashMap<>();
        for (MyTaskView t : tasks) {
            firstOfPlan.putIfAbsent(t.planId(), t);
            byPlan.computeIfAbsent(t.planId(), id -> new LinkedHashMap<>())
                    .computeIfAbsent(t.areaCode() == null ? "" : t.areaCode(), code -> new ArrayList<>())
                    .add(new TaskRow(t, nonNull(t.criterionTitle()), overdue(t.dueDate(), t.latest(), today)));
        }
        List<PlanGroup> plans = new ArrayList<>();
        byPlan.forEach((planId, areas) -> {
            MyTaskView plan = firstOfPlan.get(planId);
            List<AreaGroup> groups = new ArrayList<>();
            areas.forEach((code, rows) -> groups.add(new AreaGroup(code,
                    nonNull(areaTitles.getOrDefault(planId, Map.of()).get(code)), rows)));
            List<TaskRow> all = areas.values().stream().flatMap(List::stream).toList();
            AppraisalSheet sheet = sheets.sheet(planId);
            plans.add(new PlanGroup(planId, plan.agency(), plan.year(), groups, all.size(),
                    (int) all.stream().filter(TaskRow::overdue).count(),
                    (int) all.stream().filter(r -> r.task().latest() == null).count(), round(sheet),
                    mustSubmit(caller, sheet, taskOfLeaf(planId))));
        });
        PlanUnit named = PlanUnit.find("code", caller.unit()).firstResult();
        return new MyTasks(caller.unit(), named == null ? null : named.name, plans, todo(caller.unit()));
    }

    private List<TodoLine> todo(String unit) {
        LocalDate today = ReminderSchedule.today(clock);
        String portal = todo.portalLink();
        return todo.forUnit(unit, today).stream()
                .map(i -> new TodoLine(i.kind().key(), i.key(), ReminderText.line(i, today), ReminderText.criterion(i),
                        i.link().startsWith(portal) ? "/" + i.link().substring(portal.length()) : i.link()))
                .toList();
    }

    // ---- One task ----------------------------------------------------------------------------------------

    public record TaskPage(UUID taskId, String description, LocalDate dueDate, boolean overdue, boolean active,
            UUID planId, String agency, int year, boolean planOpen, String criterionCode, String criterionTitle,
            String areaCode, String areaTitle, List<UnitName> leadUnits, List<UnitName> coordinatingUnits,
            TaskStateView latest, Posting posting, List<HistoryRow> history, IndicatorBox indicator, PlanRound round,
            List<MustSubmit> mustSubmit, ExplanationBox explanation) {

        public boolean historyCut() {
            return history.size() >= HISTORY;
        }
    }

    public record UnitName(String code, String name) {
        public String label() {
            return name == null || name.isBlank() ? code : name + " (" + code + ")";
        }
    }

    /**
     * Whether the caller may report on the task and what the report will do; {@code reason} says why not.
     *
     * @param unit the unit the report is recorded for
     * @param requestUnit the {@code unit} the form sends: an admin's lead unit, null for a reporter
     */
    public record Posting(boolean allowed, boolean lead, boolean admin, String unit, String unitLabel, String requestUnit,
            String reason) {
    }

    public record HistoryRow(ReportView report, String unitLabel) {
    }

    /**
     * The indicator box (chỉ số) of a leaf criterion the caller's unit leads: its rule in words and the form for the
     * rule's fact, or why there is none.
     *
     * @param ruleJson  the rule as the plan carries it, for the page's script to compute the points as the person types
     * @param details   the rule's figures in words (a BRACKETS rule's ranges, a ratio's bound)
     * @param adminOnly a survey result, which only an administrator enters
     * @param latest    the indicator that counts, null when none does
     * @param latestFact what {@code latest} reported, in words
     * @param points    what {@code latest} gives under the current rule
     */
    public record IndicatorBox(String criterionCode, RuleType ruleType, BigDecimal maxPoints, String ruleDescription,
            String ruleJson, List<Choice> options, List<String> details, boolean applicable, String notApplicableReason,
            boolean adminOnly, IndicatorView latest, String latestFact, BigDecimal points, String unitLabel,
            String requestUnit) {

        /** {@code {#if box.is('RATIO')}} */
        public boolean is(String type) {
            return ruleType.name().equals(type);
        }

        public boolean manual() {
            return ruleType == RuleType.MANUAL;
        }

        /** The maximum as the page's script reads it ({@code 2.5}). */
        public String max() {
            return maxPoints.toPlainString();
        }
    }

    /** An option of a TIERS rule. */
    public record Choice(String key, String label, BigDecimal points) {
    }

    public TaskPage task(Caller caller, UUID taskId) {
        Task task = Task.findById(taskId);
        if (task == null) {
            throw ProblemException.notFound("Không có nhiệm vụ " + taskId + ".");
        }
        Plan plan = Plan.findById(task.planId);
        Map<String, PlanCriterion> criteria = PlanCriterion.<PlanCriterion>list("planId", task.planId).stream()
                .collect(Collectors.toMap(c -> c.code, c -> c));
        PlanCriterion criterion = criteria.get(task.criterionCode);
        PlanCriterion area = criterion == null ? null : criteria.get(criterion.areaCode);
        Map<String, String> unitNames = PlanUnit.<PlanUnit>list("planId", task.planId).stream()
                .collect(Collectors.toMap(u -> u.code, u -> u.name == null ? "" : u.name));
        List<String> leads = List.of(task.leadUnits);
        List<String> coordinating = List.of(task.coordinatingUnits);
        TaskStateView latest = progress.latest(taskId);
        List<HistoryRow> history = progress.history(taskId, HISTORY).stream()
                .map(r -> new HistoryRow(r, unit(r.unit(), unitNames).label())).toList();
        boolean open = plan != null && plan.open();
        AppraisalSheet sheet = sheets.sheet(task.planId);
        return new TaskPage(task.id, nonNull(task.description), task.dueDate,
                overdue(task.dueDate, latest, LocalDate.now(VietnameseFormats.VIETNAM)), task.active, task.planId,
                plan == null ? "" : plan.agencyName, plan == null ? 0 : plan.year, open, task.criterionCode,
                criterion == null ? "" : nonNull(criterion.title), area == null ? "" : area.code,
                area == null ? "" : nonNull(area.title),
                leads.stream().map(u -> unit(u, unitNames)).toList(),
                coordinating.stream().map(u -> unit(u, unitNames)).toList(),
                latest, posting(caller, task, open, leads, coordinating, unitNames), history,
                sheet.round() == Round.CLOSED ? null : indicator(caller, task, criterion, open, unitNames), round(sheet),
                mustSubmit(caller, sheet, taskOfLeaf(task.planId)), explanation(caller, sheet, task.criterionCode, unitNames));
    }

    private ExplanationBox explanation(Caller caller, AppraisalSheet sheet, String code, Map<String, String> names) {
        if (sheet.round() != Round.EXPLANATION) {
            return null;
        }
        SheetLeaf leaf = sheet.leaves().stream().filter(l -> l.code().equals(code)).findFirst().orElse(null);
        if (leaf == null || !leaf.adjusted()) {
            return null;
        }
        String unit = caller.admin() ? actingLead(caller, leaf.leadUnits())
                : leaf.leadUnits().contains(caller.unit()) ? caller.unit() : null;
        if (unit == null) {
            return null;
        }
        return new ExplanationBox(code, leaf.selfAssessed(), leaf.appraised(), leaf.appraisalNote(), leaf.explanation(),
                clock.instant().isBefore(sheet.deadline()), sheet.deadline(), unit(unit, names).label(),
                caller.admin() ? unit : null);
    }

    private static Posting posting(Caller caller, Task task, boolean open, List<String> leads, List<String> coordinating,
            Map<String, String> names) {
        if (!task.active) {
            return refused("Nhiệm vụ này đã được bỏ khỏi kế hoạch (phiên bản mới của kế hoạch không còn nhiệm vụ này): "
                    + "lịch sử báo cáo vẫn xem được, nhưng không nhận báo cáo mới.");
        }
        if (!open) {
            return refused("Kế hoạch của nhiệm vụ này không còn ở trạng thái đã công bố nên không nhận báo cáo mới.");
        }
        if (caller.admin()) {
            String lead = actingLead(caller, leads);
            return lead == null
                    ? refused("Nhiệm vụ chưa có đơn vị chủ trì nên không thể báo cáo thay.")
                    : new Posting(true, true, true, lead, unit(lead, names).label(), lead, null);
        }
        if (caller.unit() == null) {
            return refused("Tài khoản của bạn chưa được gán đơn vị nên không thể gửi báo cáo thay mặt đơn vị nào. "
                    + "Hãy đề nghị quản trị viên gán đơn vị cho tài khoản.");
        }
        if (leads.contains(caller.unit())) {
            return new Posting(true, true, false, caller.unit(), unit(caller.unit(), names).label(), null, null);
        }
        if (coordinating.contains(caller.unit())) {
            return new Posting(true, false, false, caller.unit(), unit(caller.unit(), names).label(), null, null);
        }
        return refused("Đơn vị " + caller.unit() + " không chủ trì cũng không phối hợp thực hiện nhiệm vụ này nên không "
                + "gửi được báo cáo.");
    }

    private IndicatorBox indicator(Caller caller, Task task, PlanCriterion criterion, boolean open, Map<String, String> names) {
        if (criterion == null || !criterion.leaf || !open) {
            return null;
        }
        KnownCriterion known = index.plan(task.planId).map(p -> p.criteria().get(criterion.code)).orElse(null);
        if (known == null) {
            return null;
        }
        String unit = caller.admin() ? actingLead(caller, known.leadUnits())
                : known.leadUnits().contains(caller.unit()) ? caller.unit() : null;
        LeafIndicators leaf = unit == null ? null : indicators.leaf(task.planId, criterion.code).orElse(null);
        if (leaf == null) {
            return null;
        }
        Rule rule = Rule.ofLeaf(leaf.rule());
        List<Choice> options = rule instanceof Rule.Tiers tiers
                ? tiers.options().stream().map(o -> new Choice(o.key(), o.label(), o.points())).toList()
                : List.of();
        String ruleJson;
        try {
            ruleJson = json.writeValueAsString(leaf.rule());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the rule of " + criterion.code, e);
        }
        IndicatorView latest = leaf.latest();
        return new IndicatorBox(criterion.code, rule.type(), leaf.maxPoints(), leaf.ruleDescription(), ruleJson, options,
                RuleWords.details(rule, leaf.maxPoints()), leaf.applicable(), leaf.notApplicableReason(),
                rule.type() == RuleType.SURVEY && !caller.admin(), latest,
                latest == null ? null : RuleWords.fact(latest, rule), leaf.points(), unit(unit, names).label(),
                caller.admin() ? unit : null);
    }

    /**
     * The lead unit an admin posts for: its own unit when that leads, else the first lead unit (as the API does
     * when no unit is named), or null when there is none.
     */
    static String actingLead(Caller caller, List<String> leads) {
        if (leads.isEmpty()) {
            return null;
        }
        return leads.contains(caller.unit()) ? caller.unit() : leads.get(0);
    }

    private static Posting refused(String reason) {
        return new Posting(false, false, false, null, null, null, reason);
    }

    private static UnitName unit(String code, Map<String, String> names) {
        return new UnitName(code, names.get(code));
    }

    /** Past its due date (in Vietnam) and not reported done by its lead unit. */
    private static boolean overdue(LocalDate due, TaskStateView latest, LocalDate today) {
        return due != null && due.isBefore(today) && (latest == null || latest.status() != ReportStatus.DONE);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
