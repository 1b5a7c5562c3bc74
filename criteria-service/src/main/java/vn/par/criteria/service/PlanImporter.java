package vn.par.criteria.service;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import vn.par.criteria.caller.Caller;
import vn.par.criteria.importing.ImportProblem;
import vn.par.criteria.importing.ParsedCriterion;
import vn.par.criteria.importing.ParsedPlan;
import vn.par.criteria.importing.PlanFormat;
import vn.par.criteria.importing.PlanImportException;
import vn.par.criteria.importing.PlanTableParser;
import vn.par.criteria.importing.RuleProposals;
import vn.par.criteria.plan.AuditEntry;
import vn.par.criteria.plan.CriteriaTree;
import vn.par.criteria.plan.Criterion;
import vn.par.criteria.plan.CriterionCode;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.PlanStatus;
import vn.par.criteria.plan.PointsField;
import vn.par.criteria.plan.Task;
import vn.par.criteria.unit.Agency;
import vn.par.criteria.unit.Unit;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;
import vn.par.infra.problem.ProblemTypes;

/**
 * Imports a plan from the appendix table (text, Excel or Word). All or nothing: the file is parsed and checked
 * completely before anything is written, and everything is written in one transaction.
 */
@ApplicationScoped
public class PlanImporter {

    private static final BigDecimal HUNDRED = new BigDecimal(100);

    private final UnitDirectory units;
    private final PlanEditor editor;
    private final EntityManager em;

    public PlanImporter(UnitDirectory units, PlanEditor editor, EntityManager em) {
        this.units = units;
        this.editor = editor;
        this.em = em;
    }

    /**
     * @param replace whether an existing DRAFT plan of the same agency and year is replaced (a published plan
     *                never is: it is edited instead)
     * @param caller  who imports: an administrator of that agency (403 on {@code agency} otherwise)
     */
    public ImportReport importPlan(String agencyName, int year, boolean replace, byte[] content, PlanFormat format,
            String source, Caller caller) {
        caller.checkAdministers(agencyName, "agency");
        ParsedPlan parsed;
        try {
            parsed = PlanTableParser.parse(new ByteArrayInputStream(content), format);
        } catch (PlanImportException e) {
            throw rejected(e.problems());
        }
        checkPoints(parsed);
        return store(agencyName, year, replace, parsed, source + " (" + format + ")", caller.person());
    }

    @Transactional
    ImportReport store(String agencyName, int year, boolean replace, ParsedPlan parsed, String source, String actor) {
        Agency agency = Agency.findOrCreate(agencyName);
        Plan plan = Plan.findByAgencyAndYear(agency, year).orElse(null);
        AuditEntry.Action action = AuditEntry.Action.IMPORTED;
        if (plan != null) {
            if (!replace) {
                throw ProblemException.conflict("Đã có kế hoạch năm " + year + " của " + agency.name + " (mã " + plan.id
                        + "). Muốn thay bản nháp đó bằng tệp này, gửi lại với replace=true.");
            }
            if (plan.status != PlanStatus.DRAFT) {
                throw ProblemException.conflict("Kế hoạch năm " + year + " của " + agency.name
                        + " đã công bố nên không thể thay bằng tệp mới; hãy chỉnh sửa trực tiếp từng tiêu chí, nhiệm vụ.");
            }
            plan.criteria.clear();
            plan.warnings.clear();
            em.flush(); // the old rows must be gone before new rows with the same codes arrive
            action = AuditEntry.Action.REIMPORTED;
        } else {
            plan = new Plan();
            plan.id = UUID.randomUUID();
            plan.agency = agency;
            plan.year = year;
            plan.baselineYear = year - 1;
            plan.status = PlanStatus.DRAFT;
            plan.version = 0;
            plan.createdAt = Instant.now();
            plan.createdBy = actor;
        }
        plan.source = source.length() > 300 ? source.substring(0, 300) : source;

        UnitDirectory.Resolution resolution = units.resolverFor(agency);
        List<String> warnings = new ArrayList<>();
        List<ParsedCriterion> rows = new ArrayList<>(parsed.criteria());
        rows.sort(Comparator.comparing(ParsedCriterion::code, CriterionCode.ORDER));
        Set<String> parents = new HashSet<>();
        rows.forEach(row -> parents.add(row.parentCode()));
        int position = 0;
        int proposals = 0;
        for (ParsedCriterion row : rows) {
            Criterion c = new Criterion();
            c.id = UUID.randomUUID();
            c.plan = plan;
            c.code = row.code();
            c.position = position++;
            c.title = row.title();
            c.maxPoints = PointsRules.normalise(row.maxPoints());
            c.baselinePoints = PointsRules.normalise(row.baselinePoints());
            c.targetPoints = PointsRules.normalise(row.targetPoints());
            c.note = row.note();
            List<Unit> lead = row.leadUnits().stream().map(resolution::resolve).toList();
            List<Unit> coordinating = row.coordinatingUnits().stream().map(resolution::resolve).toList();
            c.leadUnits.addAll(lead.stream().distinct().toList());
            // Only a leaf carries a rule; its derived maximum is its own (absent counts as 0).
            if (!parents.contains(row.code())) {
                BigDecimal max = c.maxPoints == null ? BigDecimal.ZERO : c.maxPoints;
                Optional<RuleProposals.Proposal> proposal = RuleProposals.propose(
                        Arrays.asList(row.tasksText(), row.note(), row.title()), max);
                if (proposal.isPresent()) {
                    c.proposedRuleJson = proposal.get().rule().canonical();
                    c.proposedRuleSource = proposal.get().source();
                    proposals++;
                }
            }
            int taskPosition = 0;
            for (String description : row.tasks()) {
                Task t = new Task();
                t.id = UUID.randomUUID();
                t.criterion = c;
                t.position = taskPosition++;
                t.description = description;
                t.assign(lead, coordinating);
                c.tasks.add(t);
            }
            if (row.tasks().isEmpty() && !lead.isEmpty()) {
                warnings.add("Tiêu chí " + row.code() + " có đơn vị chủ trì nhưng không có nhiệm vụ nào ("
                        + row.location().describe() + "): hãy thêm nhiệm vụ để đơn vị báo cáo tiến độ.");
            }
            plan.criteria.add(c);
        }
        if (plan.isPersistent()) {
            em.flush();
        } else {
            plan.persist();
        }

        CriteriaTree tree = plan.tree();
        CriteriaTree.Derived totals = tree.totals();
        if (totals.maxPoints().compareTo(HUNDRED) != 0) {
            warnings.add(0, "Tổng điểm tối đa của các lĩnh vực là " + Vietnamese.number(totals.maxPoints())
                    + ", không phải 100.");
        }
        AuditEntry.record(plan, actor, action, null, null, null,
                rows.size() + " tiêu chí, " + plan.taskCount() + " nhiệm vụ từ " + plan.source, null);
        // Units the file named and the agency did not have are its units from now on, in its other years' plans too.
        editor.unitsAdded(agency, resolution.created(), actor);
        Log.infof("Plan %s imported for %s %d by %s: %d criteria, %d tasks, %d findings, %d rule proposals", plan.id,
                agency.name, year, actor, rows.size(), plan.taskCount(), tree.findings().size(), proposals);

        List<ImportReport.UnitRef> unitRefs = resolution.used().stream()
                .map(u -> new ImportReport.UnitRef(u.code, u.name, resolution.wasCreated(u))).toList();
        for (ImportReport.UnitRef u : unitRefs) {
            if (u.created()) {
                warnings.add("Tên đơn vị '" + u.name() + "' chưa có trong danh mục của " + agency.name
                        + ": đã tạo đơn vị mới mã " + u.code() + ". Hãy kiểm tra lại.");
            }
        }
        return new ImportReport(plan.id, agency.name, year, plan.status.name(), rows.size(), plan.taskCount(), unitRefs,
                findings(tree), new ImportReport.Totals(totals.maxPoints(), totals.baselinePoints(), totals.targetPoints()),
                proposals, warnings);
    }

    public static List<ImportReport.Finding> findings(CriteriaTree tree) {
        return tree.findings().stream()
                .map(f -> new ImportReport.Finding(f.code(), f.field().name(), f.declared(), f.derived())).toList();
    }

    /** Values the database could not hold exactly are refused with their row, like the parser's findings. */
    private static void checkPoints(ParsedPlan parsed) {
        List<ImportProblem> problems = new ArrayList<>();
        for (ParsedCriterion row : parsed.criteria()) {
            for (PointsField field : PointsField.values()) {
                BigDecimal value = switch (field) {
                    case maxPoints -> row.maxPoints();
                    case baselinePoints -> row.baselinePoints();
                    case targetPoints -> row.targetPoints();
                };
                String problem = PointsRules.problem(value);
                if (problem != null) {
                    problems.add(new ImportProblem(row.location(), field.name(),
                            Vietnamese.field(field.name()) + " của tiêu chí " + row.code() + " " + problem + "."));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw rejected(problems);
        }
    }

    private static ProblemException rejected(List<ImportProblem> problems) {
        ImportProblem first = problems.get(0);
        String detail = first.describe() + (problems.size() > 1 ? " (và " + (problems.size() - 1) + " lỗi khác)" : "")
                + ". Không có gì được lưu; hãy sửa tệp rồi nhập lại.";
        List<Problem.FieldError> errors = problems.stream()
                .map(p -> new Problem.FieldError(p.field(), p.location() == null ? null : p.location().describe(), p.message()))
                .toList();
        return new ProblemException(Problem.of(400, "Không nhập được kế hoạch", detail).withType(ProblemTypes.IMPORT)
                .withField(first.field()).withRow(first.location() == null ? null : first.location().describe())
                .withErrors(errors));
    }
}
