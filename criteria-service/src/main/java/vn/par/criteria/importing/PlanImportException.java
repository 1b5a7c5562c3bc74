package vn.par.criteria.importing;

import java.util.List;

/** A plan file was rejected; nothing of it may be imported. Carries every problem found, in file order. */
public final class PlanImportException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<ImportProblem> problems;

    PlanImportException(List<ImportProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    PlanImportException(ImportProblem problem) {
        this(List.of(problem));
    }

    /** The problems, at least one, in the order of the rows they concern; whole-file problems have no location. */
    public List<ImportProblem> problems() {
        return problems;
    }

    private static String summary(List<ImportProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejected import has at least one problem");
        }
        String first = problems.get(0).describe();
        return problems.size() == 1 ? first : problems.size() + " lỗi; lỗi đầu tiên: " + first;
    }
}
