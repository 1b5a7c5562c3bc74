package vn.par.scoring.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.par.scoring.projection.AreaScore;
import vn.par.scoring.projection.CriterionScore;
import vn.par.scoring.projection.Figure;
import vn.par.scoring.projection.PlanScore;
import vn.par.scoring.projection.ScoreGroup;
import vn.par.scoring.projection.TaskRisk;

/**
 * What the plan page shows, arranged from a {@link PlanScore} (the same one {@code GET /api/plans/{id}/scores}
 * answers): each area with its bar, the at-risk leaves with their tasks, and the criteria grouped by area.
 */
public record PlanPage(PlanScore score, ScoreGroup group, List<AreaView> areas, List<AtRisk> atRisk,
        List<AreaCriteria> criteria, List<ChartRow> chart) {

    /**
     * An area and where its bar's parts go, in percent of its maximum (a CSS length with a decimal point: the bar's
     * full width is the maximum).
     */
    public record AreaView(AreaScore area, String projectedWidth, String baselineAt, String targetAt,
            Figure.AreaFigure selfAssessed, Figure.AreaFigure appraised, Figure.AreaFigure finalPoints) {

        /** Whether the area has survey-based leaves, whose points are shown apart. */
        public boolean hasSurvey() {
            return area.survey() != null && area.survey().max().signum() > 0;
        }
    }

    /**
     * One area of the chart: bars for last year, the projection, the target and (once closed) the final points, as
     * lengths in the chart's units out of {@link #CHART_WIDTH} for the area's maximum.
     */
    public record ChartRow(AreaScore area, int y, String baseline, String projected, String target, String finalPoints) {
    }

    /** The chart's bar area, in SVG units; plan.js scales bars the same way when a score changes. */
    public static final int CHART_WIDTH = 600;
    static final int CHART_ROW = 56;

    /** A leaf at risk and the tasks that make it so (lead units and reasons). */
    public record AtRisk(String areaCode, CriterionScore criterion, List<TaskRisk> tasks) {
    }

    /** An area's criteria in tree order, the area first, for the collapsible table. */
    public record AreaCriteria(AreaScore area, List<Row> rows) {
    }

    /** @param depth 0 for the area, 1 for its children, … (the table indents by it) */
    public record Row(CriterionScore criterion, int depth) {
    }

    public static PlanPage of(PlanScore score) {
        List<AreaView> areas = score.areas().stream()
                .map(a -> new AreaView(a, share(a.projected(), a.max()), share(a.baseline(), a.max()),
                        share(a.target(), a.max()), areaOf(score.selfAssessed(), a.code()),
                        areaOf(score.appraised(), a.code()), areaOf(score.finalFigure(), a.code())))
                .toList();

        Map<String, Integer> depth = new HashMap<>();
        Map<String, String> areaOf = new HashMap<>();
        Map<String, List<Row>> rowsByArea = new LinkedHashMap<>();
        List<AtRisk> atRisk = new ArrayList<>();
        List<CriterionScore> criteria = score.criteria() == null ? List.of() : score.criteria();
        for (CriterionScore c : criteria) { // tree order: a parent comes before its children
            String parent = c.parentCode();
            boolean top = parent == null || !depth.containsKey(parent);
            depth.put(c.code(), top ? 0 : depth.get(parent) + 1);
            String area = top ? c.code() : areaOf.get(parent);
            areaOf.put(c.code(), area);
            rowsByArea.computeIfAbsent(area, k -> new ArrayList<>()).add(new Row(c, depth.get(c.code())));
            if (c.leaf() && c.atRisk()) {
                atRisk.add(new AtRisk(area, c, c.risks() == null ? List.of() : c.risks()));
            }
        }
        List<AreaCriteria> tables = score.areas().stream()
                .map(a -> new AreaCriteria(a, rowsByArea.getOrDefault(a.code(), List.of())))
                .toList();
        List<ChartRow> chart = new ArrayList<>();
        for (AreaView a : areas) {
            AreaScore area = a.area();
            chart.add(new ChartRow(area, chart.size() * CHART_ROW, length(area.baseline(), area.max()),
                    length(area.projected(), area.max()), length(area.target(), area.max()),
                    a.finalPoints() == null ? "0" : length(a.finalPoints().total(), area.max())));
        }
        return new PlanPage(score, ScoreGroup.of(score.percent()), areas, atRisk, tables, chart);
    }

    /** The area's share of a figure; null while the figure is (final before the year is closed). */
    private static Figure.AreaFigure areaOf(Figure figure, String code) {
        if (figure == null || figure.areas() == null) {
            return null;
        }
        return figure.areas().stream().filter(f -> f.code().equals(code)).findFirst().orElse(null);
    }

    /** Whether the year's appraisal is closed: the final figure heads the page. */
    public boolean closed() {
        return "FINAL".equals(score.basis());
    }

    /** The appraisal round in words, or null before any round. */
    public String roundLabel() {
        if (score.round() == null) {
            return null;
        }
        return switch (score.round()) {
            case "SELF_ASSESSMENT" -> "Tự đánh giá, chấm điểm";
            case "APPRAISAL" -> "Thẩm định";
            case "EXPLANATION" -> "Giải trình";
            case "FINAL_APPRAISAL" -> "Thẩm định lại";
            case "CLOSED" -> "Đã có kết quả chính thức";
            default -> score.round();
        };
    }

    public int chartWidth() {
        return CHART_WIDTH;
    }

    /** The chart's height for its areas. */
    public int chartHeight() {
        return chart.size() * CHART_ROW + 8;
    }

    /** {@code part} of {@code whole} as a bar length out of {@link #CHART_WIDTH}. */
    static String length(BigDecimal part, BigDecimal whole) {
        return new BigDecimal(share(part, whole)).multiply(BigDecimal.valueOf(CHART_WIDTH))
                .divide(BigDecimal.valueOf(100), 1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** {@code part} in percent of {@code whole}, within 0..100, for a CSS width or position. */
    static String share(BigDecimal part, BigDecimal whole) {
        if (part == null || whole == null || whole.signum() <= 0) {
            return "0";
        }
        BigDecimal percent = part.multiply(BigDecimal.valueOf(100)).divide(whole, 2, RoundingMode.HALF_UP);
        BigDecimal clamped = percent.max(BigDecimal.ZERO).min(BigDecimal.valueOf(100));
        return clamped.stripTrailingZeros().toPlainString();
    }
}
