package vn.par.progress.plan;

import java.util.UUID;

import vn.par.infra.problem.ProblemException;
import vn.par.progress.plan.PlanIndex.KnownCriterion;
import vn.par.progress.plan.PlanIndex.KnownPlan;

/** A leaf criterion that takes facts now: applicable, of a plan held here and still published. */
public record OpenLeaf(KnownPlan plan, KnownCriterion criterion) {

    /**
     * The leaf, from the in-memory index: 404 for an unknown plan or criterion, 409 for a plan no longer published,
     * 400 on {@code code} for a criterion with children, 409 for a leaf that is not applicable.
     *
     * @param what what is posted, for messages ("tự chấm điểm", "chỉ số")
     */
    public static OpenLeaf find(PlanIndex index, UUID planId, String code, String what) {
        KnownPlan plan = index.plan(planId).orElseThrow(() -> ProblemException.notFound(
                "Không có kế hoạch " + planId + " (hoặc kế hoạch chưa được công bố)."));
        KnownCriterion criterion = plan.criteria().get(code);
        if (criterion == null) {
            throw ProblemException.notFound("Kế hoạch không có tiêu chí " + code + ".");
        }
        if (!plan.open()) {
            throw ProblemException.conflict("Kế hoạch không còn ở trạng thái đã công bố (" + plan.status()
                    + "), nên không nhận " + what + " mới.");
        }
        if (!criterion.leaf()) {
            throw ProblemException.badRequest("code", "Tiêu chí " + code + " có tiêu chí con: chỉ nhận " + what
                    + " cho các tiêu chí không có tiêu chí con; điểm của tiêu chí " + code
                    + " là tổng điểm các tiêu chí con.");
        }
        if (!criterion.applicable()) {
            throw ProblemException.conflict("Tiêu chí " + code + " không áp dụng trong kế hoạch năm nay (được đánh dấu "
                    + "\"Không áp dụng\"): tiêu chí không được tính điểm nên không nhận " + what + ".");
        }
        return new OpenLeaf(plan, criterion);
    }
}
