package vn.par.criteria.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.PlanStatus;
import vn.par.criteria.unit.Agency;
import vn.par.criteria.unit.Names;
import vn.par.infra.problem.ProblemException;

/** Which plans each kind of caller reads and administers, and what a refusal says. */
class CallerTest {

    private static final Agency A = agency("Sở Lao động - Thương binh và Xã hội");
    private static final Agency B = agency("Sở Tài chính");

    @Test
    void anAgencysAdministratorIsMatchedByNameWhateverItsFormCaseOrSpaces() {
        String nfd = Normalizer.normalize("  sở LAO ĐỘNG -   thương binh và xã hội ", Normalizer.Form.NFD);
        Caller admin = new Caller("sldtbxh", Set.of("admin"), nfd, null, null);
        assertTrue(admin.agencyAdmin());
        assertTrue(admin.administers(A));
        assertTrue(admin.administers("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"));
        assertFalse(admin.administers(B));
        assertFalse(admin.administers("Sở Lao động"));
        for (PlanStatus status : PlanStatus.values()) {
            assertTrue(admin.reads(plan(A, status)), status.name());
            assertFalse(admin.reads(plan(B, status)), status.name());
        }
    }

    @Test
    void aProvincialAdministratorAndAnAppraiserReadEveryPlanButOnlyTheAdministratorChangesThem() {
        Caller provincial = new Caller("admin", Set.of("admin"), null, "VP", null);
        Caller appraiser = new Caller("snv", Set.of("appraiser"), null, null, null);
        assertFalse(provincial.agencyAdmin());
        for (PlanStatus status : PlanStatus.values()) {
            for (Agency agency : new Agency[] { A, B }) {
                assertTrue(provincial.reads(plan(agency, status)));
                assertTrue(appraiser.reads(plan(agency, status)));
            }
        }
        assertTrue(provincial.administers(B) && provincial.administers("Sở chưa có"));
        assertFalse(appraiser.administers(A) || appraiser.administers("Sở Tài chính"));
    }

    @Test
    void aReporterReadsItsUnitsAgencysPublishedAndClosedPlans() {
        Caller reporter = new Caller("khtc", Set.of("reporter"), null, "KHTC", A.id);
        assertTrue(reporter.reads(plan(A, PlanStatus.PUBLISHED)));
        assertTrue(reporter.reads(plan(A, PlanStatus.CLOSED)));
        assertFalse(reporter.reads(plan(A, PlanStatus.DRAFT)));
        assertFalse(reporter.reads(plan(B, PlanStatus.PUBLISHED)));
        assertFalse(reporter.administers(A));
        Caller unknownUnit = new Caller("x", Set.of("reporter"), null, "KHONG-CO", null);
        assertFalse(unknownUnit.reads(plan(A, PlanStatus.PUBLISHED)));
    }

    @Test
    void aViewerReadsEveryPublishedOrClosedPlanAndNoDraft() {
        Caller viewer = new Caller("viewer", Set.of("viewer"), null, null, null);
        assertTrue(viewer.reads(plan(B, PlanStatus.PUBLISHED)) && viewer.reads(plan(A, PlanStatus.CLOSED)));
        assertFalse(viewer.reads(plan(A, PlanStatus.DRAFT)));
    }

    @Test
    void rolesAddUp() {
        Caller adminAndViewer = new Caller("x", Set.of("admin", "viewer"), "Sở Tài chính", null, null);
        assertTrue(adminAndViewer.reads(plan(A, PlanStatus.PUBLISHED)), "as a viewer");
        assertFalse(adminAndViewer.reads(plan(A, PlanStatus.DRAFT)));
        assertFalse(adminAndViewer.administers(A));
    }

    @Test
    void aRefusalSaysWhyInVietnamese() {
        Caller admin = new Caller("stc", Set.of("admin"), "Sở Tài chính", null, null);
        Plan draftOfA = plan(A, PlanStatus.DRAFT);
        assertEquals("Kế hoạch này thuộc Sở Lao động - Thương binh và Xã hội; tài khoản của bạn chỉ quản trị Sở Tài chính.",
                refusal(() -> admin.readable(draftOfA)));
        assertEquals(refusal(() -> admin.readable(draftOfA)), refusal(() -> admin.administered(draftOfA)));
        ProblemException imported = assertThrows(ProblemException.class,
                () -> admin.checkAdministers("sở  lao động - thương binh và xã hội", "agency"));
        assertEquals(403, imported.problem().status());
        assertEquals("agency", imported.problem().field());
        assertEquals("Tài khoản của bạn chỉ quản trị Sở Tài chính; không làm được việc này cho sở lao động - thương"
                + " binh và xã hội.", imported.problem().detail());

        Caller viewer = new Caller("viewer", Set.of("viewer"), null, null, null);
        assertTrue(refusal(() -> viewer.readable(draftOfA)).startsWith("Kế hoạch năm 2025 của Sở Lao động - Thương binh"
                + " và Xã hội còn là bản nháp"));
        Caller reporter = new Caller("khtc", Set.of("reporter"), null, "KHTC", A.id);
        assertEquals("Kế hoạch này thuộc Sở Tài chính; đơn vị KHTC của bạn không thuộc cơ quan đó.",
                refusal(() -> reporter.readable(plan(B, PlanStatus.PUBLISHED))));
        Plan published = plan(A, PlanStatus.PUBLISHED);
        assertSame(published, reporter.readable(published));
        assertSame(published, new Caller("a", Set.of("admin"), null, null, null).administered(published));
    }

    private static String refusal(Runnable call) {
        ProblemException e = assertThrows(ProblemException.class, call::run);
        assertEquals(403, e.problem().status());
        return e.problem().detail();
    }

    private static Agency agency(String name) {
        Agency a = new Agency();
        a.id = UUID.randomUUID();
        a.name = name;
        a.matchKey = Names.matchKey(name);
        return a;
    }

    private static Plan plan(Agency agency, PlanStatus status) {
        Plan p = new Plan();
        p.id = UUID.randomUUID();
        p.agency = agency;
        p.year = 2025;
        p.status = status;
        return p;
    }
}
