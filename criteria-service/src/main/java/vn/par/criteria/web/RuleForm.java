package vn.par.criteria.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.criteria.rule.Rule;
import vn.par.infra.problem.ProblemException;

/**
 * The rule form as typed: numbers as text (a decimal comma or point), one fieldset per rule type. Only the selected
 * type's fields are read, so the form works the same whether or not the browser hides the other fieldsets. Rows
 * left blank are dropped before the rule is read, and the form is shown again with the rows read first, so that a
 * problem about {@code rule.options[1]} is about the second row on the page.
 */
public record RuleForm(String type, List<OptionRow> options, List<BracketRow> brackets, String fullAt,
        String whenNoCases, String whenNoCasesPoints, String perUnit, String perViolation, String reason) {

    /** Room for this many more rows than the rule has, so that a person can add options or brackets. */
    static final int SPARE_ROWS = 2;
    static final int MAX_ROWS = 20;

    public record OptionRow(String key, String label, String points) {

        boolean blank() {
            return key.isBlank() && label.isBlank() && points.isBlank();
        }
    }

    public record BracketRow(String min, boolean minInclusive, String max, boolean maxInclusive, String points) {

        boolean blank() {
            return min.isBlank() && max.isBlank() && points.isBlank();
        }
    }

    /** A rule type the form offers, with its Vietnamese name. */
    public record TypeChoice(String code, String name) {
    }

    /** The selectable types, in the order the select shows them. */
    static final List<TypeChoice> TYPES = List.of(
            new TypeChoice("MANUAL", "Tự đánh giá, chấm điểm (đơn vị khai số điểm)"),
            new TypeChoice("TIERS", "Theo mức: chọn một kết quả"),
            new TypeChoice("BRACKETS", "Theo khoảng giá trị"),
            new TypeChoice("RATIO", "Theo tỷ lệ × điểm tối đa"),
            new TypeChoice("COUNT", "Theo số lượng × điểm mỗi trường hợp"),
            new TypeChoice("DEDUCTION", "Trừ điểm theo số sai phạm"),
            new TypeChoice("SURVEY", "Điều tra xã hội học"));

    /**
     * The form as posted: the option and bracket rows come as lists of the same field repeated, one entry per row
     * in page order (a missing entry reads as empty).
     */
    static RuleForm posted(String type, List<String> optionKeys, List<String> optionLabels, List<String> optionPoints,
            List<String> bracketMins, List<String> bracketMinInclusive, List<String> bracketMaxes,
            List<String> bracketMaxInclusive, List<String> bracketPoints, String fullAt, String whenNoCases,
            String whenNoCasesPoints, String perUnit, String perViolation, String reason) {
        List<OptionRow> options = new ArrayList<>();
        int optionRows = Math.max(size(optionKeys), Math.max(size(optionLabels), size(optionPoints)));
        for (int i = 0; i < optionRows; i++) {
            options.add(new OptionRow(at(optionKeys, i), at(optionLabels, i), at(optionPoints, i)));
        }
        List<BracketRow> brackets = new ArrayList<>();
        int bracketRows = Math.max(size(bracketMins), Math.max(size(bracketMaxes), size(bracketPoints)));
        for (int i = 0; i < bracketRows; i++) {
            brackets.add(new BracketRow(at(bracketMins, i), !"false".equals(at(bracketMinInclusive, i)), at(bracketMaxes, i),
                    "true".equals(at(bracketMaxInclusive, i)), at(bracketPoints, i)));
        }
        return new RuleForm(orEmpty(type), options, brackets, orEmpty(fullAt), orEmpty(whenNoCases),
                orEmpty(whenNoCasesPoints), orEmpty(perUnit), orEmpty(perViolation), orEmpty(reason));
    }

    /** The form filled with a rule as it stands. */
    static RuleForm of(Rule rule) {
        List<OptionRow> options = new ArrayList<>();
        List<BracketRow> brackets = new ArrayList<>();
        String fullAt = "100";
        String whenNoCases = "FULL";
        String whenNoCasesPoints = "";
        String perUnit = "";
        String perViolation = "";
        if (rule instanceof Rule.Tiers t) {
            t.options().forEach(o -> options.add(new OptionRow(o.key(), o.label(), FormInput.pointsText(o.points()))));
        } else if (rule instanceof Rule.Brackets b) {
            b.brackets().forEach(x -> brackets.add(new BracketRow(FormInput.pointsText(x.min()), x.minInclusive(),
                    FormInput.pointsText(x.max()), x.maxInclusive(), FormInput.pointsText(x.points()))));
        } else if (rule instanceof Rule.Ratio r) {
            fullAt = FormInput.pointsText(r.fullAt());
            if (r.whenNoCases() instanceof Rule.NoCasesPoints p) {
                whenNoCases = "POINTS";
                whenNoCasesPoints = FormInput.pointsText(p.points());
            } else {
                whenNoCases = ((Rule.NoCasesScore) r.whenNoCases()).name();
            }
        } else if (rule instanceof Rule.Count c) {
            perUnit = FormInput.pointsText(c.perUnit());
        } else if (rule instanceof Rule.Deduction d) {
            perViolation = FormInput.pointsText(d.perViolation());
        }
        return new RuleForm(rule.type(), options, brackets, fullAt, whenNoCases, whenNoCasesPoints, perUnit,
                perViolation, "").withSpareRows();
    }

    /**
     * The rows with something typed in first, then blank rows to fill in: at least {@link #SPARE_ROWS} (and two
     * options, the fewest a TIERS rule has), at most {@link #MAX_ROWS} rows in all unless more were typed.
     */
    RuleForm withSpareRows() {
        List<OptionRow> o = new ArrayList<>(options.stream().filter(r -> !r.blank()).toList());
        int optionRows = Math.max(2, Math.min(MAX_ROWS, o.size() + SPARE_ROWS));
        while (o.size() < optionRows) {
            o.add(new OptionRow("", "", ""));
        }
        List<BracketRow> b = new ArrayList<>(brackets.stream().filter(r -> !r.blank()).toList());
        int bracketRows = Math.min(MAX_ROWS, b.size() + SPARE_ROWS);
        while (b.size() < bracketRows) {
            b.add(new BracketRow("", true, "", false, ""));
        }
        return new RuleForm(type, o, b, fullAt, whenNoCases, whenNoCasesPoints, perUnit, perViolation, reason);
    }

    /**
     * The rule as the API takes it, {@code {"type": ...}} with the selected type's members. A number the page
     * cannot read is refused here, under the member's path; everything else is for {@code RuleJson} to check.
     */
    ObjectNode toJson() {
        ObjectNode rule = JsonNodeFactory.instance.objectNode().put("type", type);
        switch (type) {
            case "TIERS" -> {
                ArrayNode array = rule.putArray("options");
                List<OptionRow> rows = options.stream().filter(r -> !r.blank()).toList();
                for (int i = 0; i < rows.size(); i++) {
                    OptionRow r = rows.get(i);
                    ObjectNode o = array.addObject().put("key", r.key().strip()).put("label", r.label());
                    putNumber(o, "points", r.points(), "rule.options[" + i + "].points", "Số điểm");
                }
            }
            case "BRACKETS" -> {
                ArrayNode array = rule.putArray("brackets");
                List<BracketRow> rows = brackets.stream().filter(r -> !r.blank()).toList();
                for (int i = 0; i < rows.size(); i++) {
                    BracketRow r = rows.get(i);
                    String at = "rule.brackets[" + i + "]";
                    ObjectNode b = array.addObject();
                    putNumber(b, "min", r.min(), at + ".min", "Cận dưới");
                    b.put("minInclusive", r.minInclusive());
                    putNumber(b, "max", r.max(), at + ".max", "Cận trên");
                    b.put("maxInclusive", r.maxInclusive());
                    putNumber(b, "points", r.points(), at + ".points", "Số điểm");
                }
            }
            case "RATIO" -> {
                putNumber(rule, "fullAt", fullAt, "rule.fullAt", "Tỷ lệ đạt đủ điểm");
                if ("POINTS".equals(whenNoCases)) {
                    if (whenNoCasesPoints.isBlank()) {
                        throw ProblemException.badRequest("rule.whenNoCases", "Cần số điểm khi không có trường hợp nào.");
                    }
                    putNumber(rule, "whenNoCases", whenNoCasesPoints, "rule.whenNoCases", "Số điểm");
                } else {
                    rule.put("whenNoCases", whenNoCases);
                }
            }
            case "COUNT" -> putNumber(rule, "perUnit", perUnit, "rule.perUnit", "Số điểm mỗi trường hợp");
            case "DEDUCTION" -> putNumber(rule, "perViolation", perViolation, "rule.perViolation", "Số điểm trừ");
            default -> {
                // SURVEY and MANUAL have nothing but their type; an unknown type is refused by RuleJson.
            }
        }
        return rule;
    }

    private static int size(List<String> values) {
        return values == null ? 0 : values.size();
    }

    private static String at(List<String> values, int index) {
        return values == null || index >= values.size() ? "" : orEmpty(values.get(index));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** The number typed, if any; an empty field leaves the member out (its default, or "required"). */
    private static void putNumber(ObjectNode node, String name, String text, String path, String label) {
        BigDecimal value;
        try {
            value = FormInput.points(text);
        } catch (FormInput.Unreadable e) {
            throw ProblemException.badRequest(path, label + " " + e.getMessage());
        }
        if (value != null) {
            node.put(name, value);
        }
    }
}
