package vn.par.criteria.rule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.infra.problem.ProblemException;

/**
 * Reads rules from JSON, refusing every rule docs/contracts/scoring-rules.md refuses with a 400 problem whose
 * {@code field} is the offending member's path ({@code rule.options[1].key}), and writes their canonical text.
 *
 * <p>Beyond the contract's list, numbers a rule holds that are not points (a bracket's ends, {@code fullAt},
 * {@code perUnit}, {@code perViolation}) have at most 4 decimals and stay below 100 000 000 like points do:
 * reported values have at most 4 decimals, and the canonical text must stay short. A bracket's ends are never
 * negative, as reported values never are. An unbounded end's flag is written as its default ({@code min: null}
 * with {@code minInclusive: true}, {@code max: null} with {@code maxInclusive: false}), so that rules meaning the
 * same have the same canonical text.
 */
public final class RuleJson {

    public static final Rule MANUAL = new Rule.Manual();

    static final int MAX_DECIMALS = 4;
    static final int MAX_OPTIONS = 20;
    static final int MAX_BRACKETS = 20;
    static final int MAX_LABEL = 300;
    private static final BigDecimal LIMIT = new BigDecimal("100000000");
    private static final BigDecimal HUNDRED = new BigDecimal(100);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private static final Map<String, List<String>> MEMBERS = Map.of(
            "TIERS", List.of("type", "options"),
            "BRACKETS", List.of("type", "brackets"),
            "RATIO", List.of("type", "fullAt", "whenNoCases"),
            "COUNT", List.of("type", "perUnit"),
            "DEDUCTION", List.of("type", "perViolation"),
            "SURVEY", List.of("type"),
            "MANUAL", List.of("type"));
    private static final List<String> TYPES = List.of("TIERS", "BRACKETS", "RATIO", "COUNT", "DEDUCTION", "SURVEY",
            "MANUAL");
    private static final List<String> OPTION_MEMBERS = List.of("key", "label", "points");
    private static final List<String> BRACKET_MEMBERS = List.of("min", "minInclusive", "max", "maxInclusive", "points");

    /** Exact numbers both ways: read as BigDecimal, never through double; written plain, never as 1E+1. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private final BigDecimal max;

    private RuleJson(BigDecimal max) {
        this.max = max;
    }

    /**
     * A rule sent by a person or recognised in an imported text.
     *
     * @param path the rule's own path in the request ({@code rule}); members' paths are built from it
     * @param max  the leaf's derived maximum: no points of the rule may be above it
     */
    public static Rule read(JsonNode node, String path, BigDecimal max) {
        return new RuleJson(max).rule(node, path);
    }

    /** A rule as the database keeps it: canonical text that passed {@link #read} when it was stored. */
    public static Rule fromCanonical(String text) {
        try {
            return new RuleJson(null).rule(JSON.readTree(text), "rule");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rule is not JSON: " + text, e);
        }
    }

    static String write(ObjectNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Rule rule(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            throw refused(path, "Cần quy tắc chấm điểm (một đối tượng có trường 'type').");
        }
        if (!node.isObject()) {
            throw refused(path, "Quy tắc chấm điểm phải là một đối tượng JSON có trường 'type'.");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw refused(path + ".type", "Cần loại quy tắc (type): một trong " + String.join(", ", TYPES) + ".");
        }
        String type = typeNode.isTextual() ? typeNode.asText() : null;
        if (type == null || !MEMBERS.containsKey(type)) {
            throw refused(path + ".type", "Loại quy tắc '" + typeNode.asText() + "' không có; các loại: "
                    + String.join(", ", TYPES) + ".");
        }
        onlyMembers(node, path, MEMBERS.get(type), "Quy tắc loại " + type);
        return switch (type) {
            case "TIERS" -> tiers(node, path);
            case "BRACKETS" -> brackets(node, path);
            case "RATIO" -> ratio(node, path);
            case "COUNT" -> new Rule.Count(positive(node, path, "perUnit", "Số điểm cho mỗi trường hợp (perUnit)"));
            case "DEDUCTION" -> new Rule.Deduction(positive(node, path, "perViolation",
                    "Số điểm trừ cho mỗi sai phạm (perViolation)"));
            case "SURVEY" -> new Rule.Survey();
            default -> MANUAL;
        };
    }

    private Rule tiers(JsonNode node, String path) {
        String at = path + ".options";
        JsonNode options = required(node, path, "options", "Cần danh sách lựa chọn (options)");
        if (!options.isArray()) {
            throw refused(at, "Danh sách lựa chọn (options) phải là một mảng.");
        }
        if (options.size() < 2 || options.size() > MAX_OPTIONS) {
            throw refused(at, "Quy tắc theo mức cần từ 2 đến " + MAX_OPTIONS + " lựa chọn, nhận được " + options.size()
                    + ".");
        }
        List<Rule.Option> result = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < options.size(); i++) {
            String o = at + "[" + i + "]";
            JsonNode option = options.get(i);
            if (!option.isObject()) {
                throw refused(o, "Lựa chọn thứ " + (i + 1) + " phải là một đối tượng {key, label, points}.");
            }
            onlyMembers(option, o, OPTION_MEMBERS, "Lựa chọn");
            JsonNode keyNode = required(option, o, "key", "Cần mã lựa chọn (key)");
            String key = keyNode.isTextual() ? keyNode.asText() : null;
            if (key == null || !KEY.matcher(key).matches()) {
                throw refused(o + ".key", "Mã lựa chọn (key) gồm 1 đến 40 ký tự chữ cái không dấu, chữ số, '_' hoặc '-'"
                        + (key == null ? "." : ", nhận được '" + shortened(key) + "'."));
            }
            if (!keys.add(key)) {
                throw refused(o + ".key", "Mã lựa chọn '" + key + "' bị trùng: mỗi lựa chọn cần một mã riêng.");
            }
            JsonNode labelNode = required(option, o, "label", "Cần tên lựa chọn (label)");
            if (!labelNode.isTextual()) {
                throw refused(o + ".label", "Tên lựa chọn (label) phải là chuỗi ký tự.");
            }
            String label = labelNode.asText().strip();
            if (label.isEmpty()) {
                throw refused(o + ".label", "Tên lựa chọn (label) không được để trống.");
            }
            if (label.length() > MAX_LABEL) {
                throw refused(o + ".label", "Tên lựa chọn (label) dài tối đa " + MAX_LABEL + " ký tự, nhận được "
                        + label.length() + ".");
            }
            result.add(new Rule.Option(key, label, points(option, o, "points")));
        }
        return new Rule.Tiers(result);
    }

    private Rule brackets(JsonNode node, String path) {
        String at = path + ".brackets";
        JsonNode brackets = required(node, path, "brackets", "Cần danh sách khoảng giá trị (brackets)");
        if (!brackets.isArray()) {
            throw refused(at, "Danh sách khoảng giá trị (brackets) phải là một mảng.");
        }
        if (brackets.isEmpty() || brackets.size() > MAX_BRACKETS) {
            throw refused(at, "Quy tắc theo khoảng cần từ 1 đến " + MAX_BRACKETS + " khoảng giá trị, nhận được "
                    + brackets.size() + ".");
        }
        List<Rule.Bracket> result = new ArrayList<>();
        for (int i = 0; i < brackets.size(); i++) {
            String b = at + "[" + i + "]";
            JsonNode bracket = brackets.get(i);
            if (!bracket.isObject()) {
                throw refused(b, "Khoảng thứ " + (i + 1) + " phải là một đối tượng {min, minInclusive, max, maxInclusive, points}.");
            }
            onlyMembers(bracket, b, BRACKET_MEMBERS, "Khoảng giá trị");
            BigDecimal min = bound(bracket, b, "min");
            BigDecimal max = bound(bracket, b, "max");
            boolean minInclusive = flag(bracket, b, "minInclusive", true) || min == null;
            boolean maxInclusive = flag(bracket, b, "maxInclusive", false) && max != null;
            if (min != null && max != null) {
                int c = min.compareTo(max);
                if (c > 0) {
                    throw refused(b + ".max", "Cận trên (" + Decimals.words(max) + ") nhỏ hơn cận dưới ("
                            + Decimals.words(min) + ").");
                }
                if (c == 0 && !(minInclusive && maxInclusive)) {
                    throw refused(b + ".max", "Cận trên bằng cận dưới (" + Decimals.words(min)
                            + ") nên khoảng không chứa giá trị nào; khoảng một giá trị cần cả hai đầu đều bao gồm"
                            + " (minInclusive và maxInclusive là true).");
                }
            }
            Rule.Bracket parsed = new Rule.Bracket(min, minInclusive, max, maxInclusive, points(bracket, b, "points"));
            for (int j = 0; j < result.size(); j++) {
                if (overlap(result.get(j), parsed)) {
                    throw refused(b, "Khoảng thứ " + (i + 1) + " (" + parsed.range() + ") chồng lên khoảng thứ " + (j + 1)
                            + " (" + result.get(j).range() + "): một giá trị chỉ được thuộc một khoảng.");
                }
            }
            result.add(parsed);
        }
        return new Rule.Brackets(result);
    }

    /**
     * Two brackets share a number when the larger of their lower ends is below the smaller of their upper ends,
     * or equal to it and included by both.
     */
    static boolean overlap(Rule.Bracket a, Rule.Bracket b) {
        BigDecimal low = a.min() == null ? b.min() : b.min() == null ? a.min() : a.min().max(b.min());
        BigDecimal high = a.max() == null ? b.max() : b.max() == null ? a.max() : a.max().min(b.max());
        if (low == null || high == null) {
            return true;
        }
        int c = low.compareTo(high);
        return c < 0 || (c == 0 && a.contains(low) && b.contains(low));
    }

    private Rule ratio(JsonNode node, String path) {
        BigDecimal fullAt = HUNDRED;
        JsonNode fullAtNode = node.get("fullAt");
        if (fullAtNode != null && !fullAtNode.isNull()) {
            fullAt = number(fullAtNode, path + ".fullAt", "Tỷ lệ đạt đủ điểm (fullAt)");
            if (fullAt.signum() <= 0 || fullAt.compareTo(HUNDRED) > 0) {
                throw refused(path + ".fullAt", "Tỷ lệ đạt đủ điểm (fullAt) phải lớn hơn 0 và không quá 100 (phần trăm),"
                        + " nhận được " + Decimals.words(fullAt) + ".");
            }
            fullAt = exact(fullAt, path + ".fullAt", "Tỷ lệ đạt đủ điểm (fullAt)");
        }
        Rule.WhenNoCases whenNoCases = Rule.NoCasesScore.FULL;
        JsonNode noCases = node.get("whenNoCases");
        if (noCases != null && !noCases.isNull()) {
            if (noCases.isNumber()) {
                whenNoCases = new Rule.NoCasesPoints(points(node, path, "whenNoCases"));
            } else if (noCases.isTextual() && (noCases.asText().equals("FULL") || noCases.asText().equals("ZERO"))) {
                whenNoCases = Rule.NoCasesScore.valueOf(noCases.asText());
            } else {
                throw refused(path + ".whenNoCases", "Khi không có trường hợp nào (whenNoCases) phải là \"FULL\" (đủ điểm),"
                        + " \"ZERO\" (0 điểm) hoặc một số điểm, nhận được " + shortened(noCases.toString()) + ".");
            }
        }
        return new Rule.Ratio(Decimals.normalise(fullAt), whenNoCases);
    }

    /** Points: a number, not negative, at most 4 decimals, not above the leaf's maximum. */
    private BigDecimal points(JsonNode parent, String path, String name) {
        String at = path + "." + name;
        BigDecimal points = number(required(parent, path, name, "Cần số điểm (" + name + ")"), at, "Số điểm");
        if (points.signum() < 0) {
            throw refused(at, "Số điểm không được âm, nhận được " + Decimals.words(points) + ".");
        }
        points = exact(points, at, "Số điểm");
        if (max != null && points.compareTo(max) > 0) {
            throw refused(at, "Số điểm (" + Decimals.words(points) + ") lớn hơn điểm tối đa của tiêu chí ("
                    + Decimals.words(max) + ").");
        }
        return points;
    }

    private BigDecimal positive(JsonNode node, String path, String name, String label) {
        String at = path + "." + name;
        String lower = Character.toLowerCase(label.charAt(0)) + label.substring(1);
        BigDecimal value = number(required(node, path, name, "Cần " + lower), at, label);
        if (value.signum() <= 0) {
            throw refused(at, label + " phải lớn hơn 0, nhận được " + Decimals.words(value) + ".");
        }
        return exact(value, at, label);
    }

    /** A bracket's end: {@code null} (or absent) for unbounded. */
    private BigDecimal bound(JsonNode bracket, String path, String name) {
        JsonNode node = bracket.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        String label = name.equals("min") ? "Cận dưới (min)" : "Cận trên (max)";
        BigDecimal value = number(node, path + "." + name, label);
        if (value.signum() < 0) {
            throw refused(path + "." + name, label + " không được âm (giá trị báo cáo luôn từ 0 trở lên), nhận được "
                    + Decimals.words(value) + ".");
        }
        return exact(value, path + "." + name, label);
    }

    private static boolean flag(JsonNode bracket, String path, String name, boolean otherwise) {
        JsonNode node = bracket.get(name);
        if (node == null || node.isNull()) {
            return otherwise;
        }
        if (!node.isBoolean()) {
            throw refused(path + "." + name, "Trường '" + name + "' phải là true hoặc false.");
        }
        return node.booleanValue();
    }

    private static BigDecimal number(JsonNode node, String path, String label) {
        if (!node.isNumber()) {
            throw refused(path, label + " phải là một số (ví dụ 0.5), nhận được " + shortened(node.toString()) + ".");
        }
        return node.decimalValue();
    }

    /** At most 4 decimals and below 100 000 000; normalised. */
    private static BigDecimal exact(BigDecimal value, String path, String label) {
        if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw refused(path, label + " có tối đa " + MAX_DECIMALS + " chữ số thập phân, nhận được "
                    + Decimals.words(value) + ".");
        }
        if (value.abs().compareTo(LIMIT) >= 0) {
            throw refused(path, label + " quá lớn (phải nhỏ hơn 100.000.000).");
        }
        return Decimals.normalise(value);
    }

    private static JsonNode required(JsonNode parent, String path, String name, String message) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw refused(path + "." + name, message + ".");
        }
        return node;
    }

    private static void onlyMembers(JsonNode node, String path, List<String> allowed, String what) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw refused(path + "." + name, what + " không có trường '" + shortened(name) + "'; các trường: "
                        + String.join(", ", allowed) + ".");
            }
        }
    }

    private static String shortened(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    private static ProblemException refused(String field, String message) {
        return ProblemException.badRequest(field, message);
    }
}
