package vn.par.infra.problem;

import java.util.List;

/** Thrown by a use case to answer with a specific problem. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(Problem.of(400, "Dữ liệu không hợp lệ", detail).withField(field)
                .withErrors(List.of(new Problem.FieldError(field, null, detail))));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "Không tìm thấy", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Xung đột trạng thái", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "Không có quyền", detail));
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(Problem.of(413, "Dữ liệu quá lớn", detail));
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(Problem.of(415, "Định dạng không được hỗ trợ", detail));
    }
}
