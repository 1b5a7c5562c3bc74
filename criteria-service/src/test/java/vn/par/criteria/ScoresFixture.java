package vn.par.criteria;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Answers of scoring-service's {@code GET /api/plans/{id}/scores} for a plan of the tests, in the shape it sends them:
 * each leaf's figures chosen by the test, each parent's the sum of its leaves'. Call from a test running as a caller
 * who reads the plan.
 */
public final class ScoresFixture {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A leaf of the plan as {@code GET /api/plans/{id}} gives it: its code and derived figures. */
    public record Leaf(String code, BigDecimal max, BigDecimal baseline, BigDecimal target) {
    }

    /** The figures of one leaf in the answer; null: absent (JSON null). */
    public record Points(BigDecimal projected, BigDecimal selfAssessed, BigDecimal appraised, BigDecimal finalPoints) {
    }

    private ScoresFixture() {
    }

    /** The plan's leaves in tree order. */
    public static List<Leaf> leaves(String planId) {
        JsonNode plan = read(given().get("/api/plans/" + planId).then().statusCode(200).extract().asString());
        List<Leaf> leaves = new ArrayList<>();
        plan.get("criteria").forEach(c -> collect(c, leaves));
        return leaves;
    }

    /**
     * The answer with each leaf's points as {@code points} gives them (a leaf it gives null for is left out), the
     * parents' and the plan's sums of them.
     */
    public static String answer(List<Leaf> leaves, String basis, Function<Leaf, Points> points) {
        Map<String, Points> byCode = new LinkedHashMap<>();
        for (Leaf leaf : leaves) {
            Points p = points.apply(leaf);
            if (p != null) {
                byCode.put(leaf.code(), p);
            }
        }
        Map<String, Points> sums = new LinkedHashMap<>();
        byCode.forEach((code, p) -> {
            for (String prefix = code; prefix != null; prefix = prefix.contains(".")
                    ? prefix.substring(0, prefix.lastIndexOf('.')) : null) {
                if (!prefix.equals(code)) {
                    sums.merge(prefix, p, ScoresFixture::add);
                }
            }
        });
        Points total = byCode.values().stream().reduce(ScoresFixture::add).orElseThrow();
        List<Map<String, Object>> criteria = new ArrayList<>();
        sums.forEach((code, p) -> criteria.add(criterion(code, false, p)));
        byCode.forEach((code, p) -> criteria.add(criterion(code, true, p)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("planId", "stub");
        body.put("basis", basis);
        body.put("projected", total.projected());
        body.put("selfAssessed", figure(total.selfAssessed()));
        body.put("appraised", figure(total.appraised()));
        body.put("final", figure(total.finalPoints()));
        body.put("criteria", criteria);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BigDecimal sum(List<Leaf> leaves, Function<Leaf, BigDecimal> figure) {
        return leaves.stream().map(figure).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** One of the appraisal's figures for the plan, null when there is none. */
    private static Map<String, Object> figure(BigDecimal total) {
        return total == null ? null : Map.of("total", total);
    }

    private static Map<String, Object> criterion(String code, boolean leaf, Points p) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("code", code);
        c.put("leaf", leaf);
        c.put("projected", p.projected());
        c.put("selfAssessedPoints", p.selfAssessed());
        c.put("appraisedPoints", p.appraised());
        c.put("finalPoints", p.finalPoints());
        return c;
    }

    private static Points add(Points a, Points b) {
        return new Points(plus(a.projected(), b.projected()), plus(a.selfAssessed(), b.selfAssessed()),
                plus(a.appraised(), b.appraised()), plus(a.finalPoints(), b.finalPoints()));
    }

    private static BigDecimal plus(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.add(b);
    }

    private static void collect(JsonNode c, List<Leaf> leaves) {
        if (c.get("leaf").asBoolean()) {
            JsonNode d = c.get("derived");
            leaves.add(new Leaf(c.get("code").asText(), d.get("maxPoints").decimalValue(),
                    d.get("baselinePoints").decimalValue(), d.get("targetPoints").decimalValue()));
        }
        c.get("children").forEach(child -> collect(child, leaves));
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
