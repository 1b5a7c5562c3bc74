package vn.par.criteria;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import vn.par.criteria.caller.Caller;
import vn.par.criteria.importing.PlanFixtures;
import vn.par.criteria.importing.PlanFormat;
import vn.par.criteria.plan.Plan;
import vn.par.criteria.service.PlanEditor;
import vn.par.criteria.service.PlanImporter;
import vn.par.criteria.service.UnitDirectory;
import vn.par.criteria.unit.Unit;
import vn.par.criteria.unit.UnitKind;

/**
 * Plans of two agencies for the tests of who sees and changes what: the sample agency (A) and agency B, whose units
 * all have codes starting {@code PVB-}; each with a published plan and a draft of the seed. Made once per test JVM
 * through the use cases, as a provincial administrator, because the tests themselves run as other callers.
 */
public final class ScopeFixture {

    public static final String AGENCY_A = TestPlans.AGENCY;
    public static final String AGENCY_B = "Sở Thử nghiệm Phạm vi";
    /** B's units, groups left out, sorted: what B's snapshots carry in {@code agency.unitCodes}. */
    public static final List<String> B_UNIT_CODES = List.of("PVB-CDCS", "PVB-KHTC", "PVB-LDVL", "PVB-TTDVVL", "PVB-VP");

    /** The plans' ids, and one task of each draft. */
    public record Plans(String aPublished, String aDraft, String bPublished, String bDraft, String aDraftTask,
            String bDraftTask) {
    }

    private static final Caller PROVINCIAL_ADMIN = new Caller("admin", Set.of(Caller.ADMIN), null, null, null);
    private static Plans plans;

    private ScopeFixture() {
    }

    public static synchronized Plans plans() {
        if (plans == null) {
            plans = QuarkusTransaction.requiringNew().call(ScopeFixture::create);
        }
        return plans;
    }

    private static Plans create() {
        UnitDirectory units = Arc.container().instance(UnitDirectory.class).get();
        for (Map<String, Object> unit : TestPlans.SAMPLE_UNITS) {
            createUnit(units, AGENCY_A, unit);
        }
        for (Map<String, Object> unit : TestPlans.SAMPLE_UNITS) {
            Map<String, Object> b = new HashMap<>(unit);
            b.put("code", "PVB-" + unit.get("code"));
            b.computeIfPresent("members", (k, members) -> ((List<?>) members).stream().map(m -> "PVB-" + m).toList());
            createUnit(units, AGENCY_B, b);
        }
        String aDraft = seed(AGENCY_A, 2096, false);
        String bDraft = seed(AGENCY_B, 2096, false);
        return new Plans(seed(AGENCY_A, 2095, true), aDraft, seed(AGENCY_B, 2095, true), bDraft, task(aDraft),
                task(bDraft));
    }

    /**
     * The seed imported and published for agency A in {@code year}, through the use cases as a provincial
     * administrator: for tests that run as callers who cannot import.
     */
    public static String publishedSeed(int year) {
        plans(); // agency A's units first
        return QuarkusTransaction.requiringNew().call(() -> seed(AGENCY_A, year, true));
    }

    /** The first task of criterion 1.1. */
    private static String task(String planId) {
        Plan plan = Plan.findById(UUID.fromString(planId));
        return plan.criterion("1.1").orElseThrow().tasks.get(0).id.toString();
    }

    private static void createUnit(UnitDirectory units, String agency, Map<String, Object> unit) {
        String code = (String) unit.get("code");
        if (Unit.findByCode(code).isPresent()) {
            return;
        }
        units.create(PROVINCIAL_ADMIN, agency, code, (String) unit.get("name"), strings(unit.get("aliases")),
                UnitKind.valueOf((String) unit.get("kind")), strings(unit.get("members")));
    }

    private static List<String> strings(Object list) {
        List<String> result = new ArrayList<>();
        if (list != null) {
            ((List<?>) list).forEach(o -> result.add((String) o));
        }
        return result;
    }

    private static String seed(String agency, int year, boolean publish) {
        PlanImporter importer = Arc.container().instance(PlanImporter.class).get();
        UUID id = importer.importPlan(agency, year, false, PlanFixtures.seedBytes(), PlanFormat.TEXT, "seed.txt",
                PROVINCIAL_ADMIN).planId();
        if (publish) {
            Arc.container().instance(PlanEditor.class).get().publish(id, PROVINCIAL_ADMIN);
        }
        return id.toString();
    }
}
