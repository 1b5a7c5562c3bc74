package vn.par.progress.appraisal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import vn.par.infra.events.Topics;
import vn.par.infra.outbox.Outbox;
import vn.par.infra.problem.ProblemException;
import vn.par.progress.appraisal.AppraisalEvents.AppraisalClosed;
import vn.par.progress.appraisal.AppraisalEvents.AppraisalDeadlineMoved;
import vn.par.progress.appraisal.AppraisalEvents.AppraisalRoundOpened;
import vn.par.progress.appraisal.AppraisalGate.State;
import vn.par.progress.appraisal.AppraisalRequests.MoveDeadline;
import vn.par.progress.appraisal.AppraisalRequests.OpenRound;
import vn.par.progress.appraisal.AppraisalViews.DeadlineChangeView;
import vn.par.progress.appraisal.AppraisalViews.RoundView;
import vn.par.progress.caller.Caller;
import vn.par.progress.plan.Plan;
import vn.par.progress.plan.PlanIndex;

/**
 * The appraiser opens a plan's rounds one after the other and moves their deadlines; each is announced on
 * par.progress. Opening {@code CLOSED} freezes the figures ({@code AppraisalClosed}). The in-memory index learns the
 * new round once it is committed (the progress-report path asks it whether the plan is closed).
 */
@ApplicationScoped
public class RoundService {

    static final String EXAMPLE = "2025-01-15T17:00:00+07:00";

    private final AppraisalGate gate;
    private final AppraisalSheets sheets;
    private final Outbox outbox;
    private final PlanIndex index;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    public RoundService(AppraisalGate gate, AppraisalSheets sheets, Outbox outbox, PlanIndex index,
            TransactionSynchronizationRegistry transactions, Clock clock) {
        this.gate = gate;
        this.sheets = sheets;
        this.outbox = outbox;
        this.index = index;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Transactional
    public RoundView open(Caller caller, UUID planId, OpenRound request) {
        Round round = round(request.round());
        Instant deadline = round == Round.CLOSED ? withoutDeadline(request.deadline()) : deadline(request.deadline());
        Plan plan = plan(planId);
        if (!plan.open()) {
            throw ProblemException.conflict("Kế hoạch không ở trạng thái đã công bố (" + plan.status
                    + ") nên không mở được vòng đánh giá.");
        }
        State state = gate.exclusive(planId);
        if (state.closed()) {
            throw AppraisalGate.closed("vòng đánh giá");
        }
        Round next = Round.after(state.round());
        if (round != next) {
            throw ProblemException.conflict("Các vòng được mở lần lượt, không bỏ qua hay quay lại: "
                    + (state.round() == null ? "kế hoạch chưa mở vòng nào" : "kế hoạch đang ở vòng " + state.round().label())
                    + ", vòng tiếp theo là " + next.label() + " (" + next + "), không phải " + round.label() + " (" + round
                    + ").");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AppraisalRound opened = new AppraisalRound();
        opened.planId = planId;
        opened.round = round;
        opened.deadline = deadline;
        opened.openedBy = caller.person();
        opened.openedAt = now;
        opened.persist();
        PlanAppraisal current = PlanAppraisal.findById(planId);
        current.round = round;
        outbox.append(Topics.PROGRESS, planId.toString(), AppraisalRoundOpened.TYPE,
                new AppraisalRoundOpened(planId, round, deadline, caller.person(), now));
        if (round == Round.CLOSED) {
            AppraisalClosed closed = sheets.closing(planId, caller.person(), now);
            current.closedFigures = sheets.write(closed);
            outbox.append(Topics.PROGRESS, planId.toString(), AppraisalClosed.TYPE, closed);
        }
        afterCommit(() -> index.roundChanged(planId, round));
        return new RoundView(round, deadline, opened.openedBy, opened.openedAt, List.of());
    }

    @Transactional
    public RoundView moveDeadline(Caller caller, UUID planId, MoveDeadline request) {
        Instant deadline = deadline(request.deadline());
        plan(planId);
        State state = gate.exclusive(planId);
        if (state.round() == null) {
            throw ProblemException.conflict("Kế hoạch chưa mở vòng đánh giá nào nên không có hạn để đổi.");
        }
        if (state.closed()) {
            throw AppraisalGate.closed("thay đổi hạn");
        }
        AppraisalRound round = AppraisalRound.find("planId = ?1 and round = ?2", planId, state.round()).firstResult();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        DeadlineChange change = new DeadlineChange();
        change.id = UUID.randomUUID();
        change.planId = planId;
        change.round = round.round;
        change.previousDeadline = round.deadline;
        change.deadline = deadline;
        change.reason = request.reason().strip();
        change.movedBy = caller.person();
        change.movedAt = now;
        change.persist();
        round.deadline = deadline;
        outbox.append(Topics.PROGRESS, planId.toString(), AppraisalDeadlineMoved.TYPE, new AppraisalDeadlineMoved(planId,
                round.round, deadline, change.previousDeadline, change.reason, caller.person(), now));
        List<DeadlineChangeView> changes = DeadlineChange.<DeadlineChange>list("planId = ?1 and round = ?2 order by movedAt, id",
                planId, round.round).stream().map(DeadlineChangeView::of).toList();
        return new RoundView(round.round, round.deadline, round.openedBy, round.openedAt, changes);
    }

    private static Plan plan(UUID planId) {
        Plan plan = Plan.findById(planId);
        if (plan == null) {
            throw ProblemException.notFound("Không có kế hoạch " + planId + " (hoặc kế hoạch chưa được công bố).");
        }
        return plan;
    }

    private static Round round(String text) {
        try {
            return Round.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("round", "Vòng '" + text + "' không có; các vòng: "
                    + Arrays.stream(Round.values()).map(Round::name).collect(Collectors.joining(", ")) + ".");
        }
    }

    /** A time with its offset, not yet past. */
    private Instant deadline(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badRequest("deadline", "Hạn của vòng là bắt buộc: một thời điểm kèm múi giờ, ví dụ "
                    + EXAMPLE + ".");
        }
        Instant deadline;
        try {
            deadline = OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("deadline", "Hạn '" + text + "' không đọc được: cần một thời điểm kèm múi giờ "
                    + "(ISO 8601), ví dụ " + EXAMPLE + ".");
        }
        if (!deadline.isAfter(clock.instant())) {
            throw ProblemException.badRequest("deadline", "Hạn " + AppraisalGate.vietnamTime(deadline)
                    + " (giờ Việt Nam) đã qua: hạn của vòng phải ở tương lai.");
        }
        return deadline;
    }

    private static Instant withoutDeadline(String text) {
        if (text != null && !text.isBlank()) {
            throw ProblemException.badRequest("deadline", "Vòng CLOSED (chốt kết quả) không có hạn: bỏ trường deadline.");
        }
        return null;
    }

    private void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
