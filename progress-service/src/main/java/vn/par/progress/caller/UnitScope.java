package vn.par.progress.caller;

import java.util.List;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.plan.UnitCodes;

/**
 * Decides for which unit, and in which role, a caller posts. A reporter acts for the unit in its token and
 * nothing else; an admin (and an appraiser entering a survey result) acts on behalf of a lead unit, the one it names or
 * else the first.
 */
public final class UnitScope {

    /** The unit a post is recorded for, and its role. */
    public record ActingUnit(String unit, UnitRole role) {
    }

    private UnitScope() {
    }

    /**
     * @param requestedUnit the {@code unit} of the request body, or null
     * @param coordinating  units whose posts are accepted as contributions; empty where only lead units may post
     * @param what          the thing posted about, for messages ("nhiệm vụ này", "tiêu chí 1.1")
     */
    public static ActingUnit resolve(Caller caller, String requestedUnit, List<String> leads, List<String> coordinating,
            String what) {
        String requested = UnitCodes.normalize(requestedUnit);
        if (requested != null && requested.isEmpty()) {
            requested = null;
        }
        if (caller.admin() || caller.appraiser()) {
            return onBehalf(requested, leads, what);
        }
        if (caller.unit() == null) {
            throw ProblemException.forbidden("Tài khoản '" + caller.person() + "' chưa được gán đơn vị (thuộc tính 'unit' "
                    + "trong mã truy cập) nên không thể gửi thay mặt đơn vị nào. Hãy đề nghị quản trị viên gán đơn vị cho tài khoản.");
        }
        if (requested != null && !requested.equals(caller.unit())) {
            throw ProblemException.forbidden("Tài khoản thuộc đơn vị " + caller.unit() + ", không được gửi thay đơn vị "
                    + requested + ".");
        }
        if (leads.contains(caller.unit())) {
            return new ActingUnit(caller.unit(), UnitRole.LEAD);
        }
        if (coordinating.contains(caller.unit())) {
            return new ActingUnit(caller.unit(), UnitRole.COORDINATING);
        }
        throw ProblemException.forbidden(coordinating.isEmpty()
                ? "Đơn vị " + caller.unit() + " không chủ trì nhiệm vụ nào của " + what + " nên không được gửi cho " + what + "."
                : "Đơn vị " + caller.unit() + " không chủ trì cũng không phối hợp thực hiện " + what + ".");
    }

    private static ActingUnit onBehalf(String requested, List<String> leads, String what) {
        if (leads.isEmpty()) {
            throw ProblemException.badRequest("unit", "Chưa có đơn vị chủ trì cho " + what + " nên không thể gửi thay.");
        }
        if (requested == null) {
            return new ActingUnit(leads.get(0), UnitRole.LEAD);
        }
        if (!leads.contains(requested)) {
            throw ProblemException.badRequest("unit", "Đơn vị " + requested + " không phải đơn vị chủ trì của " + what
                    + "; đơn vị chủ trì: " + String.join(", ", leads) + ".");
        }
        return new ActingUnit(requested, UnitRole.LEAD);
    }
}
