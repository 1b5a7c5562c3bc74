package vn.par.progress.caller;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.plan.PlanAgency;

/**
 * Which agencies' plans a caller works with (docs/contracts/appraisal.md, "People and scope"): an appraiser, a
 * provincial administrator (no {@code agency} claim) and a viewer read every plan; an administrator with an
 * {@code agency} claim only its agency's; a reporter only those of its unit's agency. Another agency's plan is a 403,
 * not a 404: its id is real.
 */
public final class AgencyScope {

    private AgencyScope() {
    }

    public static boolean mayRead(Caller caller, PlanAgency agency) {
        if (caller.appraiser() || caller.provincialAdmin() || caller.viewer()) {
            return true;
        }
        return caller.admin() ? ownAgency(caller, agency) : caller.unit() != null && agency.unitCodes().contains(caller.unit());
    }

    public static void checkRead(Caller caller, PlanAgency agency) {
        if (!mayRead(caller, agency)) {
            throw outside(caller, agency);
        }
    }

    /**
     * Before a write on a plan (a report, a fact, an explanation): an administrator of another agency, or a reporter
     * whose unit is not one of the plan's agency, is refused. What else the caller may write is the endpoint's to say.
     */
    public static void checkWrite(Caller caller, PlanAgency agency) {
        boolean outside = caller.admin() ? !ownAgency(caller, agency)
                : !caller.appraiser() && caller.unit() != null && !agency.unitCodes().contains(caller.unit());
        if (outside) {
            throw outside(caller, agency);
        }
    }

    /** Whether the administrator acts for this agency: every agency without a claim, else the one it names. */
    private static boolean ownAgency(Caller caller, PlanAgency agency) {
        return caller.agency() == null || AgencyNames.key(caller.agency()).equals(agency.key());
    }

    private static ProblemException outside(Caller caller, PlanAgency agency) {
        if (caller.admin()) {
            return ProblemException.forbidden("Kế hoạch này thuộc " + agency.name() + "; tài khoản quản trị của "
                    + caller.agency() + " chỉ làm việc với kế hoạch của cơ quan mình.");
        }
        if (caller.unit() == null) {
            return ProblemException.forbidden("Tài khoản '" + caller.person() + "' chưa được gán đơn vị (thuộc tính 'unit' "
                    + "trong mã truy cập) nên không xem được kế hoạch của cơ quan nào.");
        }
        return ProblemException.forbidden("Đơn vị " + caller.unit() + " không thuộc " + agency.name()
                + " nên không xem hay gửi được gì cho kế hoạch của cơ quan này.");
    }
}
