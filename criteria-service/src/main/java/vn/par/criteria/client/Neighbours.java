package vn.par.criteria.client;

import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;

/**
 * Asks scoring-service and progress-service about a plan on behalf of the caller, whose access token goes along.
 * Never throws: whatever goes wrong (nothing listening, no answer in time, an error status, a body that does not
 * read) becomes a {@link Fetched} without an answer that says why, and each use decides what that means for it.
 */
@ApplicationScoped
public class Neighbours {

    static final String SCORING = "hệ thống chấm điểm";
    static final String PROGRESS = "hệ thống theo dõi tiến độ";

    private final ScoringApi scoring;
    private final ProgressApi progress;

    public Neighbours(@RestClient ScoringApi scoring, @RestClient ProgressApi progress) {
        this.scoring = scoring;
        this.progress = progress;
    }

    /** The plan's scores ({@code GET /api/plans/{id}/scores}); {@code accessToken} may be null (no header then). */
    public Fetched<PlanScores> scores(UUID planId, String accessToken) {
        return ask(SCORING, planId, () -> scoring.scores(planId, bearer(accessToken)));
    }

    /** The plan's appraisal sheet ({@code GET /api/plans/{id}/appraisal}). */
    public Fetched<AppraisalSheet> appraisal(UUID planId, String accessToken) {
        return ask(PROGRESS, planId, () -> progress.appraisal(planId, bearer(accessToken)));
    }

    private static String bearer(String accessToken) {
        return accessToken == null || accessToken.isBlank() ? null : "Bearer " + accessToken;
    }

    private static <T> Fetched<T> ask(String service, UUID planId, Supplier<T> call) {
        try {
            T answer = call.get();
            if (answer == null) {
                return Fetched.missing(false, "câu trả lời của " + service + " trống");
            }
            return Fetched.of(answer);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status < 400) {
                // the client answers a body it cannot read with the status it came with
                Log.warnf("Plan %s: unreadable answer from %s (%s)", planId, service, e.getMessage());
                return Fetched.missing(false, "câu trả lời của " + service + " không đọc được");
            }
            if (status == 404) {
                return Fetched.missing(true, service + " chưa có kế hoạch này (kế hoạch chưa công bố hoặc chưa được"
                        + " tính)");
            }
            Log.warnf("Plan %s: %s answered %d", planId, service, status);
            return Fetched.missing(false, service + " trả lời lỗi (HTTP " + status + ")");
        } catch (ProcessingException e) {
            if (causedBy(e, TimeoutException.class)) {
                Log.warnf("Plan %s: %s did not answer in time (%s)", planId, service, e.getMessage());
                return Fetched.missing(false, service + " không trả lời kịp");
            }
            Log.warnf("Plan %s: %s unreachable (%s)", planId, service, e.getMessage());
            return Fetched.missing(false, "không kết nối được " + service);
        } catch (RuntimeException e) {
            // A misconfigured address, for instance: the file or page is still made, without these figures.
            Log.errorf(e, "Plan %s: asking %s failed", planId, service);
            return Fetched.missing(false, "không lấy được dữ liệu từ " + service);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
