package vn.par.criteria.client;

/**
 * What asking another service gave: its answer, or why there is none, in Vietnamese for the reader of a page, a
 * file or a problem.
 *
 * @param answer   the answer, or null
 * @param notFound whether the service answered that it does not know the plan (404), as opposed to not answering
 *                 usefully at all
 * @param why      why there is no answer, e.g. "không kết nối được hệ thống chấm điểm"; null with an answer
 */
public record Fetched<T>(T answer, boolean notFound, String why) {

    static <T> Fetched<T> of(T answer) {
        return new Fetched<>(answer, false, null);
    }

    static <T> Fetched<T> missing(boolean notFound, String why) {
        return new Fetched<>(null, notFound, why);
    }

    public boolean present() {
        return answer != null;
    }
}
