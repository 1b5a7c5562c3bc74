package vn.par.criteria.caller;

import java.util.Set;
import java.util.UUID;

import vn.par.criteria.plan.Plan;
import vn.par.criteria.plan.PlanStatus;
import vn.par.criteria.unit.Agency;
import vn.par.criteria.unit.Names;
import vn.par.infra.problem.Problem;
import vn.par.infra.problem.ProblemException;

/**
 * Who is calling, read from the verified token, and which plans and units that lets it read and change
 * (docs/contracts/appraisal.md, "People and scope"). Roles add up: an account with two roles may do what
 * either allows.
 *
 * @param person     the account, recorded as the author of what it changes
 * @param roles      its realm roles
 * @param agency     the {@code agency} claim of an administrator: the one agency it administers; null for a
 *                   provincial administrator (every agency) and for every other role
 * @param unit       the {@code unit} claim, or null
 * @param unitAgency a reporter's agency: its unit's, as this service's units say; null for another role, and when
 *                   the token names no unit or one this service does not know
 */
public record Caller(String person, Set<String> roles, String agency, String unit, UUID unitAgency) {

    public static final String ADMIN = "admin";
    public static final String APPRAISER = "appraiser";
    public static final String VIEWER = "viewer";
    public static final String REPORTER = "reporter";

    public boolean is(String role) {
        return roles.contains(role);
    }

    /** An administrator of one agency only (its {@code agency} claim), as opposed to a provincial one. */
    public boolean agencyAdmin() {
        return is(ADMIN) && agency != null;
    }

    /** Whether this caller administers that agency's plans and units. */
    public boolean administers(Agency a) {
        return is(ADMIN) && (agency == null || Names.matchKey(agency).equals(a.matchKey));
    }

    /** The same for an agency named in a request, matched the way agencies are: it may not exist yet. */
    public boolean administers(String agencyName) {
        return is(ADMIN) && (agency == null || Names.matchKey(agency).equals(Names.matchKey(agencyName)));
    }

    /**
     * Whether this caller may read the plan: its administrators and appraisers read every state; a draft is for
     * nobody else; a published or closed plan is for every viewer and for the reporters of its agency.
     */
    public boolean reads(Plan plan) {
        if (administers(plan.agency) || is(APPRAISER)) {
            return true;
        }
        if (plan.status == PlanStatus.DRAFT) {
            return false;
        }
        return is(VIEWER) || is(REPORTER) && plan.agency.id.equals(unitAgency);
    }

    /** The plan, if this caller may read it; 403 saying why otherwise. */
    public Plan readable(Plan plan) {
        if (reads(plan)) {
            return plan;
        }
        if (is(ADMIN) && !administers(plan.agency)) {
            throw otherAgency(plan.agency.name);
        }
        if (plan.status == PlanStatus.DRAFT) {
            throw ProblemException.forbidden("Kế hoạch năm " + plan.year + " của " + plan.agency.name + " còn là bản"
                    + " nháp: chỉ quản trị của cơ quan đó, quản trị cấp tỉnh và Sở Nội vụ (thẩm định) xem được.");
        }
        throw ProblemException.forbidden(unitAgency == null
                ? "Tài khoản của bạn chưa gắn với đơn vị nào mà hệ thống biết"
                        + (unit == null ? "" : " (đơn vị " + unit + ")") + ", nên chưa xem được kế hoạch nào."
                : "Kế hoạch này thuộc " + plan.agency.name + "; đơn vị " + unit + " của bạn không thuộc cơ quan đó.");
    }

    /** The plan, if this caller administers its agency; 403 saying why otherwise. */
    public Plan administered(Plan plan) {
        if (!administers(plan.agency)) {
            throw otherAgency(plan.agency.name);
        }
        return plan;
    }

    /** Refuses (403, on {@code field}) an agency named in a request that this caller does not administer. */
    public void checkAdministers(String agencyName, String field) {
        if (!administers(agencyName)) {
            throw new ProblemException(Problem.of(403, "Không có quyền", "Tài khoản của bạn chỉ quản trị " + agency
                    + "; không làm được việc này cho " + Names.clean(agencyName) + ".").withField(field));
        }
    }

    private ProblemException otherAgency(String agencyName) {
        return ProblemException.forbidden("Kế hoạch này thuộc " + agencyName + "; tài khoản của bạn chỉ quản trị "
                + agency + ".");
    }
}
