package vn.par.progress.appraisal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import vn.par.infra.problem.ProblemException;
import vn.par.infra.web.VietnameseFormats;

/**
 * A plan's current round as its writes see it, read from the database with its row locked: opening a round or moving
 * a deadline locks it for update, every write the round decides on (a self-assessment, an indicator, an appraisal,
 * an explanation) for share. So a write is checked against the round that is committed when it commits, and the
 * frozen figures of {@code CLOSED} include every write accepted before it.
 */
@ApplicationScoped
public class AppraisalGate {

    private static final DateTimeFormatter VIETNAM_TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy")
            .withZone(VietnameseFormats.VIETNAM);

    private static final String STATE = """
            SELECT a.round, r.deadline, s.deadline FROM plan_appraisal a
            LEFT JOIN appraisal_round r ON r.plan_id = a.plan_id AND r.round = a.round
            LEFT JOIN appraisal_round s ON s.plan_id = a.plan_id AND s.round = 'SELF_ASSESSMENT'
            WHERE a.plan_id = :plan""";

    /**
     * @param round                  null when no round was opened
     * @param deadline               the current round's deadline (null for {@code CLOSED})
     * @param selfAssessmentDeadline the {@code SELF_ASSESSMENT} round's deadline, once it was opened
     */
    public record State(Round round, Instant deadline, Instant selfAssessmentDeadline) {
        public boolean closed() {
            return round == Round.CLOSED;
        }
    }

    private final EntityManager em;
    private final Clock clock;

    public AppraisalGate(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** The round, its row locked for share (no row, no lock: nothing was opened that a write could race with). */
    @Transactional(Transactional.TxType.MANDATORY)
    public State shared(UUID planId) {
        return read(planId, " FOR SHARE OF a");
    }

    /** The round, its row (made if missing) locked for update: for whoever changes the round. */
    @Transactional(Transactional.TxType.MANDATORY)
    public State exclusive(UUID planId) {
        em.createNativeQuery("INSERT INTO plan_appraisal (plan_id) VALUES (:plan) ON CONFLICT DO NOTHING")
                .setParameter("plan", planId).executeUpdate();
        return read(planId, " FOR UPDATE OF a");
    }

    /**
     * Self-assessments and indicators: as before any round until one is opened; during {@code SELF_ASSESSMENT} until
     * its deadline; then never again (409, naming the deadline in Vietnam's time).
     *
     * @param what what is refused, for the message ("tự chấm điểm", "chỉ số")
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void checkSelfAssessment(UUID planId, String what) {
        State state = shared(planId);
        if (state.round() == null) {
            return;
        }
        if (state.closed()) {
            throw closed(what);
        }
        if (state.round() == Round.SELF_ASSESSMENT && clock.instant().isBefore(state.deadline())) {
            return;
        }
        throw ProblemException.conflict("Đã hết hạn tự chấm điểm lúc " + vietnamTime(state.selfAssessmentDeadline())
                + " (giờ Việt Nam)" + (state.round() == Round.SELF_ASSESSMENT ? ""
                        : "; kế hoạch đang ở vòng " + state.round().label())
                + ": không nhận " + what + " mới.");
    }

    /** The refusal of any write on a closed plan. */
    public static ProblemException closed(String what) {
        return ProblemException.conflict("Kết quả đánh giá của kế hoạch đã được chốt (vòng " + Round.CLOSED.label()
                + "): mọi dữ liệu của kế hoạch chỉ còn để xem, không nhận " + what + " mới.");
    }

    /** {@code 17:00 ngày 10/01/2025}: a deadline as the people it binds read it. */
    public static String vietnamTime(Instant time) {
        return VIETNAM_TIME.format(time);
    }

    @SuppressWarnings("unchecked")
    private State read(UUID planId, String lock) {
        List<Object[]> rows = em.createNativeQuery(STATE + lock).setParameter("plan", planId).getResultList();
        if (rows.isEmpty()) {
            return new State(null, null, null);
        }
        Object[] row = rows.get(0);
        return new State(row[0] == null ? null : Round.valueOf((String) row[0]), instant(row[1]), instant(row[2]));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("a deadline read as " + value.getClass());
    }
}
