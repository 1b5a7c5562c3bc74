package vn.par.criteria.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import vn.par.criteria.client.AppraisalSheet;
import vn.par.criteria.client.Fetched;
import vn.par.criteria.client.Neighbours;
import vn.par.criteria.client.PlanScores;
import vn.par.criteria.plan.CriteriaTree;
import vn.par.criteria.plan.Criterion;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.Task;
import vn.par.criteria.plan.TaskUnit;
import vn.par.criteria.report.SelfAssessmentDocument.Line;
import vn.par.criteria.report.SelfAssessmentDocument.Report;
import vn.par.criteria.report.SelfAssessmentDocument.Row;
import vn.par.criteria.report.SelfAssessmentDocument.Total;
import vn.par.criteria.unit.Unit;

/**
 * The self-assessment report of a plan: the plan as this service has it, the points scoring-service has for it
 * (self-assessed, appraised, final) and the evidence progress-service lists per leaf. Either service not answering
 * leaves its columns empty, with a note saying why, like the Excel export: the report is still made.
 */
@ApplicationScoped
public class SelfAssessmentReports {

    /** A written report and the name it is downloaded under. */
    public record Document(String fileName, byte[] bytes) {
    }

    private final Neighbours neighbours;

    public SelfAssessmentReports(Neighbours neighbours) {
        this.neighbours = neighbours;
    }

    /**
     * @param plan        a plan the caller may read
     * @param accessToken the caller's, for the other services
     */
    public Document write(Plan plan, String accessToken) {
        Report report = report(plan, neighbours.scores(plan.id, accessToken), neighbours.appraisal(plan.id, accessToken),
                Instant.now());
        return new Document(SelfAssessmentDocument.fileName(plan.year, plan.agency.name),
                SelfAssessmentDocument.write(report));
    }

    static Report report(Plan plan, Fetched<PlanScores> scores, Fetched<AppraisalSheet> sheet, Instant madeAt) {
        Map<String, PlanScores.CriterionScores> points = scores.present()
                ? scores.answer().criteria().stream().filter(c -> c.code() != null)
                        .collect(Collectors.toMap(PlanScores.CriterionScores::code, Function.identity(), (a, b) -> b))
                : Map.of();
        Map<String, AppraisalSheet.Leaf> leaves = sheet.present()
                ? sheet.answer().leaves().stream().filter(l -> l.code() != null)
                        .collect(Collectors.toMap(AppraisalSheet.Leaf::code, Function.identity(), (a, b) -> b))
                : Map.of();
        CriteriaTree tree = plan.tree();
        List<Row> rows = new ArrayList<>();
        for (String area : tree.areas()) {
            lines(plan, tree, area, points, sheet.present() ? leaves : null, rows);
            PlanScores.CriterionScores p = points.get(area);
            CriteriaTree.Derived d = tree.derived(area);
            rows.add(new Total("Cộng lĩnh vực " + area, false, d.maxPoints(), d.baselinePoints(), d.targetPoints(),
                    p == null ? null : p.selfAssessedPoints(), p == null ? null : p.appraisedPoints(),
                    p == null ? null : p.finalPoints()));
        }
        CriteriaTree.Derived totals = tree.totals();
        PlanScores answer = scores.present() ? scores.answer() : null;
        rows.add(new Total("Tổng cộng", true, totals.maxPoints(), totals.baselinePoints(), totals.targetPoints(),
                answer == null ? null : total(answer.selfAssessed()), answer == null ? null : total(answer.appraised()),
                answer == null ? null : total(answer.finalPoints())));
        return new Report(plan.agency.name, plan.year, plan.baselineYear, madeAt, rows, notes(plan, scores, sheet));
    }

    /**
     * The criterion and everything under it, in tree order.
     *
     * @param leaves progress-service's leaves by code; null when it gave none
     */
    private static void lines(Plan plan, CriteriaTree tree, String code, Map<String, PlanScores.CriterionScores> points,
            Map<String, AppraisalSheet.Leaf> leaves, List<Row> rows) {
        Criterion c = plan.criterion(code).orElseThrow();
        PlanScores.CriterionScores p = points.get(code);
        boolean leaf = tree.isLeaf(code);
        String note = c.note;
        if (leaf && !c.applicable) {
            note = (note == null ? "" : note + "\n") + "Không áp dụng: " + c.notApplicableReason;
        }
        rows.add(new Line(code, c.title, !code.contains("."), c.maxPoints, c.baselinePoints, c.targetPoints,
                c.tasks.stream().map(t -> t.description).toList(), leadUnits(c), unitNames(c.tasks, TaskUnit.Role.COORDINATING),
                note, p == null ? null : p.selfAssessedPoints(), p == null ? null : p.appraisedPoints(),
                p == null ? null : p.finalPoints(), leaf && leaves != null ? evidence(c, leaves.get(code)) : List.of()));
        for (String child : tree.childrenOf(code)) {
            lines(plan, tree, child, points, leaves, rows);
        }
    }

    /** The lead units the appendix names on the row, then those its tasks name, each once. */
    private static List<String> leadUnits(Criterion c) {
        Set<String> names = new LinkedHashSet<>();
        c.leadUnits.forEach(u -> names.add(u.name));
        names.addAll(unitNames(c.tasks, TaskUnit.Role.LEAD));
        return List.copyOf(names);
    }

    private static List<String> unitNames(List<Task> tasks, TaskUnit.Role role) {
        Set<String> names = new LinkedHashSet<>();
        tasks.forEach(t -> t.units(role).forEach(u -> names.add(u.name)));
        return List.copyOf(names);
    }

    /**
     * What progress-service says of a leaf's evidence: how many documents its self-assessment carries (its API gives
     * the number, not the documents) and the documents of its explanation, each by name.
     */
    private static List<String> evidence(Criterion c, AppraisalSheet.Leaf leaf) {
        if (leaf == null) {
            return c.applicable ? List.of() : List.of("Không áp dụng");
        }
        List<String> lines = new ArrayList<>();
        if (leaf.selfAssessed() == null) {
            lines.add("Chưa tự chấm");
        } else if (leaf.evidenceCount() == 0) {
            lines.add("Điểm tự chấm không kèm tài liệu kiểm chứng");
        } else {
            lines.add(leaf.evidenceCount() + " tài liệu kèm điểm tự chấm");
        }
        AppraisalSheet.Explanation explanation = leaf.explanation();
        if (explanation != null) {
            String by = explanation.unit() == null ? "" : " của " + Unit.findByCode(explanation.unit()).map(u -> u.name)
                    .orElse(explanation.unit());
            if (explanation.evidence().isEmpty()) {
                lines.add("Giải trình" + by + ", không kèm tài liệu");
            } else {
                lines.add("Giải trình" + by + ":");
                explanation.evidence().forEach(e -> lines.add("- " + e.label()));
            }
        }
        return lines;
    }

    private static List<String> notes(Plan plan, Fetched<PlanScores> scores, Fetched<AppraisalSheet> sheet) {
        List<String> notes = new ArrayList<>();
        notes.add("Cột (3)–(5) ghi điểm như kế hoạch khai báo; các dòng cộng tính từ tiêu chí lá (tiêu chí cha = tổng các"
                + " tiêu chí con). Điểm tự chấm, thẩm định và chính thức do hệ thống chấm điểm tính trên các tiêu chí áp"
                + " dụng.");
        if (!scores.present()) {
            notes.add("Không có điểm tự chấm, điểm thẩm định và điểm chính thức: " + scores.why()
                    + "; các cột (10), (11), (12) để trống.");
        } else if (!scores.answer().closed()) {
            notes.add("Chưa có điểm chính thức: kỳ thẩm định năm " + plan.year + " chưa kết thúc; cột (12) để trống.");
        }
        if (sheet.present()) {
            notes.add("Cột (13): số tài liệu kiểm chứng kèm điểm tự chấm của mỗi tiêu chí (xem từng tài liệu trên trang"
                    + " thẩm định) và các tài liệu kèm giải trình.");
        } else {
            notes.add("Không có thông tin tài liệu kiểm chứng: " + sheet.why() + "; cột (13) để trống.");
        }
        return notes;
    }

    private static BigDecimal total(PlanScores.Figure figure) {
        return figure == null ? null : figure.total();
    }
}
