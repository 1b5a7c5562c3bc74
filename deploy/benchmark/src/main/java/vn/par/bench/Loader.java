package vn.par.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.stack.SampleData;
import vn.par.stack.Stack;

/**
 * Loads N agencies shaped like the seed through the public APIs, as administrators would: for agency i its units
 * (codes {@code B<i>-VP}, {@code B<i>-KHTC}, ... and the group), the sample appendix imported for it and published;
 * then a Keycloak reporter per lead unit, and every token the load phases need.
 */
final class Loader {

    static final int SETUP_THREADS = 4;
    /** The leaf each loaded plan scores by a RATIO rule (fullAt 100), so the mix has indicators as well as reports. */
    static final String RATIO_LEAF = "7.2";
    /** Keycloak's hashing for the run's users (see {@link KeycloakAdmin#passwordPolicy}). */
    static final String PASSWORD_POLICY = "hashIterations(1000)";

    private Loader() {
    }

    static ObjectNode load(Stack stack, Options options, Fixture fixture, Consumer<String> log) {
        ObjectNode out = Api.JSON.createObjectNode();
        long t0 = System.nanoTime();
        String admin = stack.token("admin", "admin");
        String criteria = stack.url("criteria-service");
        JsonNode manifest = manifest();
        int year = manifest.get("year").asInt();
        Map<Integer, List<Fixture.TaskRef>> tasksByAgency = new TreeMap<>();
        Map<Integer, UUID> planByAgency = new TreeMap<>();
        AtomicInteger done = new AtomicInteger();
        List<Integer> agencies = new ArrayList<>();
        for (int i = 1; i <= options.plans(); i++) {
            agencies.add(i);
        }
        log.accept("loading " + options.plans() + " agencies through criteria-service (units, import, publish) on "
                + SETUP_THREADS + " threads ...");
        Parallel.forEach(agencies, SETUP_THREADS, i -> {
            String agency = manifest.get("agency").asText() + " (benchmark " + i + ")";
            for (JsonNode unit : manifest.get("units")) {
                ObjectNode body = ((ObjectNode) unit).deepCopy();
                body.put("agency", agency);
                body.put("code", code(i, unit.get("code").asText()));
                if (unit.has("members")) {
                    ArrayNode members = body.putArray("members");
                    unit.get("members").forEach(m -> members.add(code(i, m.asText())));
                }
                Api.expect(Api.postJson(criteria + "/api/units", admin, body), "creating unit " + body.get("code"), 201, 409);
            }
            String query = "?agency=" + URLEncoder.encode(agency, StandardCharsets.UTF_8) + "&year=" + year;
            JsonNode report = Api.expect(Api.send("POST", criteria + "/api/plans/import" + query, admin,
                    "text/tab-separated-values", SampleData.planText(), Duration.ofSeconds(120)), "importing plan " + i, 201)
                    .json();
            UUID plan = UUID.fromString(report.get("planId").asText());
            Api.expect(Api.send("PUT", criteria + "/api/plans/" + plan + "/criteria/" + RATIO_LEAF + "/rule", admin,
                    "application/json", "{\"rule\":{\"type\":\"RATIO\",\"fullAt\":100}}".getBytes(StandardCharsets.UTF_8),
                    Duration.ofSeconds(60)), "setting the rule of " + RATIO_LEAF + " in plan " + i, 200);
            Api.expect(Api.send("POST", criteria + "/api/plans/" + plan + "/publish", admin, null, null,
                    Duration.ofSeconds(120)), "publishing plan " + i, 200);
            JsonNode tree = Api.expect(Api.get(criteria + "/api/plans/" + plan, admin), "reading plan " + i, 200).json();
            List<Fixture.TaskRef> tasks = new ArrayList<>();
            for (JsonNode area : tree.get("criteria")) {
                collectLeafTasks(plan, area, tasks);
            }
            Fixture.TaskRef ratio = new Fixture.TaskRef(plan, null, RATIO_LEAF, code(i, "LDVL"), Fixture.startPercent(i));
            synchronized (tasksByAgency) {
                tasksByAgency.put(i, tasks);
                planByAgency.put(i, plan);
                fixture.indicators.add(ratio);
            }
            int n = done.incrementAndGet();
            if (n % 20 == 0 || n == options.plans()) {
                log.accept("  " + n + "/" + options.plans() + " plans published");
            }
        });
        planByAgency.values().forEach(fixture.plans::add);
        tasksByAgency.values().forEach(fixture.tasks::addAll);
        double plansSeconds = Util.seconds(System.nanoTime() - t0);
        out.put("plans", fixture.plans.size());
        out.put("scoredTasks", fixture.tasks.size());
        out.put("ratioLeaves", fixture.indicators.size());
        out.put("loadPlansSeconds", Util.round(plansSeconds, 1));

        long t1 = System.nanoTime();
        TreeSet<String> units = new TreeSet<>();
        fixture.tasks.forEach(t -> units.add(t.unit()));
        log.accept("creating " + units.size() + " Keycloak reporters (one per lead unit) ...");
        KeycloakAdmin keycloak = new KeycloakAdmin(stack.issuer());
        keycloak.passwordPolicy(PASSWORD_POLICY);
        Parallel.forEach(new ArrayList<>(units), SETUP_THREADS, unit -> keycloak.ensureReporter(unit.toLowerCase(), unit));
        units.forEach(u -> fixture.tokens.put(u, ""));
        out.put("reporters", units.size());
        out.put("keycloakPasswordPolicy", PASSWORD_POLICY);
        out.put("createUsersSeconds", Util.round(Util.seconds(System.nanoTime() - t1), 1));

        long t2 = System.nanoTime();
        log.accept("fetching " + (units.size() + 2) + " tokens ...");
        fixture.fetchTokens(stack);
        out.put("fetchTokensSeconds", Util.round(Util.seconds(System.nanoTime() - t2), 1));

        long t3 = System.nanoTime();
        log.accept("waiting for progress-service and scoring-service to learn the " + fixture.plans.size() + " plans ...");
        Connection progress = Pg.connect(stack, "progress");
        Connection scoring = Pg.connect(stack, "scoring");
        try {
            Duration timeout = Duration.ofSeconds(120 + fixture.plans.size());
            Util.await("progress-service to hold every loaded plan", timeout, 250,
                    () -> Pg.progressPlans(progress, fixture.plans) == fixture.plans.size());
            Util.await("scoring-service to score every loaded plan", timeout, 250,
                    () -> Pg.scoredPlans(scoring, fixture.plans) == fixture.plans.size());
        } finally {
            Pg.close(progress);
            Pg.close(scoring);
        }
        out.put("consumersCaughtUpSeconds", Util.round(Util.seconds(System.nanoTime() - t3), 1));
        out.put("totalSeconds", Util.round(Util.seconds(System.nanoTime() - t0), 1));
        log.accept(String.format(java.util.Locale.ROOT,
                "set-up done in %.0f s: %d plans, %d scored tasks with a lead unit, %d reporters",
                Util.seconds(System.nanoTime() - t0), fixture.plans.size(), fixture.tasks.size(), units.size()));
        return out;
    }

    static String code(int agency, String code) {
        return "B" + agency + "-" + code;
    }

    /** Tasks of leaves with a lead unit: the ones a report on changes the score. Several leads take turns. */
    private static void collectLeafTasks(UUID plan, JsonNode node, List<Fixture.TaskRef> into) {
        JsonNode children = node.get("children");
        if (children == null || children.isEmpty()) {
            for (JsonNode t : node.get("tasks")) {
                JsonNode leads = t.get("leadUnits");
                if (leads == null || leads.isEmpty()) {
                    continue;
                }
                int n = into.size();
                into.add(new Fixture.TaskRef(plan, UUID.fromString(t.get("id").asText()), node.get("code").asText(),
                        leads.get(n % leads.size()).asText(), Fixture.startPercent(n)));
            }
            return;
        }
        for (JsonNode child : children) {
            collectLeafTasks(plan, child, into);
        }
    }

    private static JsonNode manifest() {
        try (InputStream in = SampleData.class.getClassLoader().getResourceAsStream("sample/units.json")) {
            if (in == null) {
                throw new BenchmarkException("sample/units.json is missing from the stack module");
            }
            return Api.JSON.readTree(in);
        } catch (IOException e) {
            throw new BenchmarkException("cannot read sample/units.json: " + e.getMessage(), e);
        }
    }
}
