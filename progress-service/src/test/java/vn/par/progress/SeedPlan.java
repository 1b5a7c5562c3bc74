package vn.par.progress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.progress.plan.PlanIndex;

/**
 * The seed plan (the 2024 plan of the Department of Labour, Invalids and Social Affairs) as criteria-service publishes
 * it on par.plans, without rules (every leaf {@code MANUAL}) and without agency.unitCodes: 32 criteria, 26 leaves,
 * written from shared/seed/000_4dcf291dccb5df1a.txt into {@code src/test/resources/seed-plan.json} (the same file as
 * scoring-service's tests). The leaves' derived baselines sum to 89.62, their maxima to 100. The two leaves without a
 * task, 6.3.2 and 6.4, get the lead unit their rows name (Phòng Kế hoạch - Tài chính), as criteria-service's snapshot
 * carries it in the criterion's {@code leadUnits}: every leaf has someone to self-assess it.
 */
public final class SeedPlan {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SeedPlan() {
    }

    /** Publishes a fresh copy of the seed under a new plan id and waits until the service holds it. */
    public static UUID publish(PlanIndex index) {
        UUID planId = UUID.randomUUID();
        ObjectNode seed = load();
        seed.put("planId", planId.toString());
        for (JsonNode c : seed.get("criteria")) {
            String code = c.get("code").asText();
            if (code.equals("6.3.2") || code.equals("6.4")) {
                ((ObjectNode) c).putArray("leadUnits").add("KHTC");
            }
        }
        Broker.publish(planId, 1, seed.toString(), index);
        return planId;
    }

    /** Each leaf's code and derived baseline, in plan order. */
    public static Map<String, BigDecimal> leafBaselines() {
        JsonNode seed = load();
        Set<String> parents = new HashSet<>();
        for (JsonNode c : seed.get("criteria")) {
            if (!c.get("parentCode").isNull()) {
                parents.add(c.get("parentCode").asText());
            }
        }
        Map<String, BigDecimal> leaves = new LinkedHashMap<>();
        for (JsonNode c : seed.get("criteria")) {
            if (!parents.contains(c.get("code").asText())) {
                leaves.put(c.get("code").asText(), c.get("derived").get("baselinePoints").decimalValue());
            }
        }
        return leaves;
    }

    private static ObjectNode load() {
        try (InputStream in = SeedPlan.class.getResourceAsStream("/seed-plan.json")) {
            if (in == null) {
                throw new IllegalStateException("seed-plan.json is not on the test classpath");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
