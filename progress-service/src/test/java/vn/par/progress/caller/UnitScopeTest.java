package vn.par.progress.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.Normalizer;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.caller.UnitScope.ActingUnit;

class UnitScopeTest {

    private static final List<String> LEADS = List.of("KHTC", "TTDVVL");
    private static final List<String> COORDINATING = List.of("VP", "Phòng Việc làm");

    private static int statusOf(Runnable call) {
        return assertThrows(ProblemException.class, call::run).problem().status();
    }

    @Test
    void reporterOfALeadUnitActsAsLead() {
        ActingUnit acting = UnitScope.resolve(new Caller("khtc", "KHTC", false), null, LEADS, COORDINATING, "x");
        assertEquals(new ActingUnit("KHTC", UnitRole.LEAD), acting);
    }

    @Test
    void reporterOfACoordinatingUnitContributes() {
        ActingUnit acting = UnitScope.resolve(new Caller("vp", "VP", false), "VP", LEADS, COORDINATING, "x");
        assertEquals(new ActingUnit("VP", UnitRole.COORDINATING), acting);
    }

    @Test
    void unitCodesMatchWhateverTheUnicodeNormalForm() {
        String nfd = Normalizer.normalize("Phòng Việc làm", Normalizer.Form.NFD);
        ActingUnit acting = UnitScope.resolve(new Caller("vl", "Phòng Việc làm", false), nfd, LEADS, COORDINATING, "x");
        assertEquals(UnitRole.COORDINATING, acting.role());
    }

    @Test
    void reporterOfAnyOtherUnitOrOfNoUnitOrNamingAnotherUnitIsForbidden() {
        assertEquals(403, statusOf(() -> UnitScope.resolve(new Caller("ldvl", "LDVL", false), null, LEADS, COORDINATING, "x")));
        assertEquals(403, statusOf(() -> UnitScope.resolve(new Caller("nobody", null, false), null, LEADS, COORDINATING, "x")));
        assertEquals(403, statusOf(() -> UnitScope.resolve(new Caller("khtc", "KHTC", false), "TTDVVL", LEADS, COORDINATING, "x")));
    }

    @Test
    void coordinatingUnitIsForbiddenWhereOnlyLeadUnitsMayPost() {
        assertEquals(403, statusOf(() -> UnitScope.resolve(new Caller("vp", "VP", false), null, LEADS, List.of(), "x")));
    }

    @Test
    void adminActsForTheNamedLeadUnitOrElseTheFirst() {
        Caller admin = new Caller("admin", "VP", true);
        assertEquals(new ActingUnit("KHTC", UnitRole.LEAD), UnitScope.resolve(admin, null, LEADS, COORDINATING, "x"));
        assertEquals(new ActingUnit("TTDVVL", UnitRole.LEAD), UnitScope.resolve(admin, " TTDVVL ", LEADS, COORDINATING, "x"));
    }

    @Test
    void adminNamingANonLeadUnitOrActingWhereNoUnitLeadsIsABadRequestOnUnit() {
        Caller admin = new Caller("admin", "VP", true);
        ProblemException notLead = assertThrows(ProblemException.class,
                () -> UnitScope.resolve(admin, "VP", LEADS, COORDINATING, "x"));
        assertEquals(400, notLead.problem().status());
        assertEquals("unit", notLead.problem().field());
        assertEquals(400, statusOf(() -> UnitScope.resolve(admin, null, List.of(), COORDINATING, "x")));
    }
}
