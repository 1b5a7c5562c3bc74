package vn.par.criteria.importing;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.criteria.rule.Rule;
import vn.par.criteria.rule.RuleJson;
import vn.par.infra.problem.ProblemException;

/**
 * Recognises the scoring rule a row states in words (criteria-service README, "Recognised wordings"), to offer it
 * as the leaf's proposed rule. Never a guess: the first of the row's texts (tasks cell, note, title) in which any
 * wording is found decides; it gives a proposal only when exactly one wording is found there and the rule it reads
 * passes every check of a rule set by hand, its points within the row's maximum.
 *
 * <p>The wordings:
 * <ul>
 * <li>outcomes with their points, "nhãn = 1" or "nhãn: 0,5", separated by lines, "- " bullets, {@code ;} or
 * {@code /}, covering the whole text: {@code BRACKETS} when every outcome names a range ("trên 90%", "từ 70% - 90%",
 * "dưới 70%"), otherwise {@code TIERS} with the outcomes as options;</li>
 * <li>a count threshold without points, "Có từ 08 tin, bài viết ... trở lên": {@code BRACKETS}, from 8 up the
 * maximum, below 8 nothing;</li>
 * <li>"Tỷ lệ ... × điểm tối đa" (also "x", "*", "nhân"): {@code RATIO}, full at 100 %, full points without cases;</li>
 * <li>"mỗi ... X điểm, tối đa (không quá) Y điểm", Y being the maximum: {@code COUNT} of X;</li>
 * <li>"(bị) trừ X điểm": {@code DEDUCTION} of X;</li>
 * <li>"điều tra xã hội học", "điều tra XHH", "ĐTXHH": {@code SURVEY} (which a ratio wording beside it describes).</li>
 * </ul>
 * Range ends: "trên" and "dưới" leave the number out, "từ" and "X% - Y%" include it, "trở lên" / "trở xuống" /
 * "không quá" include it.
 */
public final class RuleProposals {

    /** A rule read from a row, and the text it was read from. */
    public record Proposal(Rule rule, String source) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String N = "(\\d+(?:[.,]\\d+)?)";
    private static final String PERCENT = "\\s*%?";

    /** The end of an outcome: "= 1", ": 0,5 điểm", followed by a separator or the end of the text. */
    private static final Pattern OUTCOME_END = Pattern.compile(
            "\\s*[:=]\\s*" + N + "(?:\\s*điểm)?\\s*\\.?(?=[^\\S\\n]*(?:$|\\n|;|/|[-–+•]\\s))", FLAGS);
    /** What may stand between outcomes, or before the first: separators and bullets. */
    private static final Pattern LEADING = Pattern.compile("^[\\s;/\\-–+•]+");
    private static final Pattern TRAILING = Pattern.compile("[\\s,;.]+$");

    private static final Pattern RANGE = Pattern.compile(
            "(?:(từ|trên)\\s+|(?<![\\d.,]))" + N + PERCENT + "\\s*(?:-|–|đến|tới)\\s*(dưới\\s+)?" + N + PERCENT, FLAGS);
    private static final Pattern AT_LEAST = Pattern.compile(
            "từ\\s+" + N + PERCENT + "[^;/\\n]*?trở lên|(?<![\\d.,])" + N + PERCENT + "[^\\d;/\\n]*?trở lên|≥\\s*" + N, FLAGS);
    private static final Pattern ABOVE = Pattern.compile("(?:trên|lớn hơn|cao hơn|nhiều hơn)\\s+" + N + "|>\\s*" + N, FLAGS);
    private static final Pattern BELOW = Pattern.compile("(?:dưới|nhỏ hơn|thấp hơn|ít hơn)\\s+" + N + "|<\\s*" + N, FLAGS);
    private static final Pattern AT_MOST = Pattern.compile(
            "(?:không quá|tối đa)\\s+" + N + "|(?<![\\d.,])" + N + PERCENT + "[^\\d;/\\n]*?trở xuống|≤\\s*" + N, FLAGS);
    /** Points named anywhere: a text that names them is not a bare threshold. */
    private static final Pattern NAMES_POINTS = Pattern.compile("[:=]\\s*" + N + "|" + N + "\\s*điểm", FLAGS);

    private static final Pattern RATIO = Pattern.compile(
            "t[ỷỉ] lệ[^;\\n]*?(?:×|\\*|(?<=\\s)x(?=\\s)|nhân)\\s*(?:với\\s+)?(?:số\\s+)?điểm tối đa", FLAGS);
    private static final Pattern COUNT = Pattern.compile(
            "mỗi\\s[^;\\n]*?" + N + "\\s*điểm[^;\\n]*?(?:tối đa|không quá)\\s+" + N + "\\s*điểm", FLAGS);
    private static final Pattern DEDUCTION = Pattern.compile("trừ\\s+" + N + "\\s*điểm", FLAGS);
    private static final Pattern SURVEY = Pattern.compile("điều tra\\s+(?:xã hội học|xhh)|đtxhh", FLAGS);

    private static final int KEY_LENGTH = 40;

    private RuleProposals() {
    }

    /**
     * @param texts the row's texts in the order they are read (tasks cell, note, title); null or blank ones are
     *              skipped
     * @param max   the leaf's maximum
     */
    public static Optional<Proposal> propose(List<String> texts, BigDecimal max) {
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            List<Found> found = recognise(text.strip(), max);
            if (found.isEmpty()) {
                continue;
            }
            if (found.size() > 1 || found.get(0).rule() == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Proposal(RuleJson.read(found.get(0).rule(), "rule", max), text.strip()));
            } catch (ProblemException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A wording found in a text, and the rule JSON it reads; {@code null} when no rule can say what it says. */
    private record Found(ObjectNode rule) {
    }

    /** Every wording found in one text. */
    private static List<Found> recognise(String text, BigDecimal max) {
        List<Found> found = new ArrayList<>();
        outcomes(text).ifPresent(found::add);
        threshold(text, max).ifPresent(found::add);
        boolean survey = SURVEY.matcher(text).find();
        if (survey) {
            found.add(new Found(typed("SURVEY")));
        }
        if (!survey && RATIO.matcher(text).find()) {
            found.add(new Found(typed("RATIO").put("fullAt", 100).put("whenNoCases", "FULL")));
        }
        count(text, max).ifPresent(found::add);
        deduction(text).ifPresent(found::add);
        return found;
    }

    private record Outcome(String label, BigDecimal points) {
    }

    /** Outcomes with points covering the whole text: BRACKETS if each names a range, otherwise TIERS. */
    private static Optional<Found> outcomes(String text) {
        List<Outcome> outcomes = new ArrayList<>();
        Matcher m = OUTCOME_END.matcher(text);
        int from = 0;
        while (m.find()) {
            String label = TRAILING.matcher(LEADING.matcher(text.substring(from, m.start())).replaceFirst(""))
                    .replaceFirst("");
            if (label.isEmpty() || label.contains("\n")) {
                return Optional.empty();
            }
            outcomes.add(new Outcome(label, number(m.group(1))));
            from = m.end();
        }
        if (outcomes.size() < 2 || !LEADING.matcher(text.substring(from)).replaceFirst("").isEmpty()) {
            return Optional.empty();
        }
        List<ObjectNode> brackets = new ArrayList<>();
        for (Outcome o : outcomes) {
            range(o.label()).ifPresent(b -> brackets.add(b.put("points", o.points())));
        }
        if (brackets.size() == outcomes.size()) {
            ObjectNode rule = typed("BRACKETS");
            rule.putArray("brackets").addAll(brackets);
            return Optional.of(new Found(rule));
        }
        ObjectNode rule = typed("TIERS");
        ArrayNode options = rule.putArray("options");
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            options.addObject().put("key", unique(key(o.label(), i), keys)).put("label", o.label()).put("points", o.points());
        }
        return Optional.of(new Found(rule));
    }

    /**
     * The range an outcome's label names, as a bracket without points: "từ 70% - 90%" (or "từ 4 đến dưới 8") on
     * its own, otherwise at most one lower end ("trên 90", "từ 8 ... trở lên") and at most one upper end ("dưới
     * 70", "không quá 5").
     */
    static Optional<ObjectNode> range(String label) {
        ObjectNode bracket = JsonNodeFactory.instance.objectNode();
        Matcher range = RANGE.matcher(label);
        if (range.find()) {
            return Optional.of(bracket.put("min", number(range.group(2))).put("minInclusive", !"trên".equalsIgnoreCase(range.group(1)))
                    .put("max", number(range.group(4))).put("maxInclusive", range.group(3) == null));
        }
        List<BigDecimal> atLeast = numbers(AT_LEAST, label);
        List<BigDecimal> above = numbers(ABOVE, label);
        List<BigDecimal> below = numbers(BELOW, label);
        List<BigDecimal> atMost = numbers(AT_MOST, label);
        int lower = atLeast.size() + above.size();
        int upper = below.size() + atMost.size();
        if (lower > 1 || upper > 1 || lower + upper == 0) {
            return Optional.empty();
        }
        if (lower == 1) {
            bracket.put("min", atLeast.isEmpty() ? above.get(0) : atLeast.get(0)).put("minInclusive", above.isEmpty());
        }
        if (upper == 1) {
            bracket.put("max", below.isEmpty() ? atMost.get(0) : below.get(0)).put("maxInclusive", below.isEmpty());
        }
        return Optional.of(bracket);
    }

    /** "Có từ 08 tin, bài viết ... trở lên" alone, without points: from 8 up the maximum, below 8 nothing. */
    private static Optional<Found> threshold(String text, BigDecimal max) {
        if (text.contains("\n") || text.contains(";") || NAMES_POINTS.matcher(text).find()) {
            return Optional.empty();
        }
        List<BigDecimal> atLeast = numbers(AT_LEAST, text);
        if (atLeast.size() != 1 || RANGE.matcher(text).find() || !numbers(ABOVE, text).isEmpty()
                || !numbers(BELOW, text).isEmpty() || !numbers(AT_MOST, text).isEmpty()) {
            return Optional.empty();
        }
        ObjectNode rule = typed("BRACKETS");
        ArrayNode brackets = rule.putArray("brackets");
        brackets.addObject().put("min", atLeast.get(0)).put("minInclusive", true).put("points", max);
        brackets.addObject().put("max", atLeast.get(0)).put("maxInclusive", false).put("points", 0);
        return Optional.of(new Found(rule));
    }

    /** "mỗi ... X điểm, tối đa Y điểm": a COUNT only when Y is the maximum, the cap every COUNT has. */
    private static Optional<Found> count(String text, BigDecimal max) {
        Matcher m = COUNT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        // A cap other than the maximum is a rule the contract cannot say (COUNT is capped at the maximum).
        return Optional.of(new Found(number(m.group(2)).compareTo(max) != 0 ? null
                : typed("COUNT").put("perUnit", number(m.group(1)))));
    }

    /** "(bị) trừ X điểm"; different amounts in one text are more than one rule. */
    private static Optional<Found> deduction(String text) {
        List<BigDecimal> amounts = numbers(DEDUCTION, text);
        if (amounts.isEmpty()) {
            return Optional.empty();
        }
        boolean oneAmount = amounts.stream().allMatch(a -> a.compareTo(amounts.get(0)) == 0);
        return Optional.of(new Found(oneAmount ? typed("DEDUCTION").put("perViolation", amounts.get(0)) : null));
    }

    /**
     * An option's key from its label: Vietnamese folded to ASCII (đ to d, marks dropped), upper case, words joined
     * by {@code _}, whole words up to 40 characters ("Không có sai phạm" gives {@code KHONG_CO_SAI_PHAM}).
     */
    static String key(String label, int index) {
        String folded = Normalizer.normalize(label.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
        StringBuilder key = new StringBuilder();
        for (String word : folded.split("[^A-Z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (key.isEmpty()) {
                key.append(word, 0, Math.min(word.length(), KEY_LENGTH));
            } else if (key.length() + 1 + word.length() <= KEY_LENGTH) {
                key.append('_').append(word);
            } else {
                break;
            }
        }
        return key.isEmpty() ? "MUC_" + (index + 1) : key.toString();
    }

    /** The key, or the key with _2, _3 ... (still at most 40 characters) when an earlier option has it. */
    static String unique(String key, Set<String> taken) {
        String candidate = key;
        for (int n = 2; !taken.add(candidate); n++) {
            String suffix = "_" + n;
            candidate = key.substring(0, Math.min(key.length(), KEY_LENGTH - suffix.length())) + suffix;
        }
        return candidate;
    }

    private static List<BigDecimal> numbers(Pattern pattern, String text) {
        List<BigDecimal> numbers = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    numbers.add(number(m.group(g)));
                    break;
                }
            }
        }
        return numbers;
    }

    /** "08" is 8, "0,5" is 0.5. */
    private static BigDecimal number(String digits) {
        BigDecimal v = new BigDecimal(digits.replace(',', '.')).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private static ObjectNode typed(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }
}
