package vn.par.scoring.messaging;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.EventEnvelope.MalformedEventException;
import vn.par.infra.events.Topics;
import vn.par.scoring.projection.Appraisal;
import vn.par.scoring.projection.Indicator;
import vn.par.scoring.projection.PlanSnapshot;
import vn.par.scoring.projection.RuleType;
import vn.par.scoring.projection.ReportRole;
import vn.par.scoring.projection.TaskProgress;
import vn.par.scoring.projection.TaskStatus;

/**
 * Reads records of {@code par.plans} and {@code par.progress} into {@link InputEvent}s, for the live consumer and
 * for the rebuild alike, so both apply exactly the same events.
 */
@ApplicationScoped
public class InputDecoder {

    private final ObjectMapper json;

    public InputDecoder(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @return the event, or null for an event type scoring does not use
     * @throws MalformedEventException for a record that can never be applied (missing attribute, unreadable data);
     *                                 the caller logs and skips it
     */
    public InputEvent decode(ConsumerRecord<String, byte[]> record) {
        return decode(record, null);
    }

    /**
     * As {@link #decode(ConsumerRecord)}, for an event applied in the span {@code traceparent} names (see
     * {@link InputEvent.Meta#traceparent()}).
     */
    public InputEvent decode(ConsumerRecord<String, byte[]> record, String traceparent) {
        EventEnvelope.Attributes attributes = EventEnvelope.attributesOf(record);
        try {
            InputEvent.Meta meta = new InputEvent.Meta(UUID.fromString(attributes.key()), attributes.id(),
                    attributes.sequence(), attributes.time(), traceparent);
            byte[] data = record.value();
            if (data == null) {
                throw new IllegalArgumentException("no data");
            }
            return switch (record.topic()) {
                case Topics.PLANS -> plan(meta, attributes.type(), data);
                case Topics.PROGRESS -> progress(meta, attributes.type(), data);
                default -> null;
            };
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " (" + attributes.type() + " " + attributes.id() + "): " + e.getMessage(), e);
        }
    }

    private InputEvent plan(InputEvent.Meta meta, String type, byte[] data) throws IOException {
        if (!type.equals("PlanPublished") && !type.equals("PlanChanged")) {
            return null;
        }
        String snapshotJson = new String(data, StandardCharsets.UTF_8); // kept: the stored copy of the snapshot
        PlanSnapshot snapshot = json.readValue(snapshotJson, PlanSnapshot.class);
        if (snapshot.planId() != null && !snapshot.planId().equals(meta.planId())) {
            throw new IllegalArgumentException("snapshot of plan " + snapshot.planId() + " under key " + meta.planId());
        }
        if (snapshot.version() < 1) {
            throw new IllegalArgumentException("snapshot without a version");
        }
        return new InputEvent.PlanVersion(meta, snapshot, snapshotJson);
    }

    /** Parsed from the record's bytes: the fields scoring does not read (a comment, say) never become Strings. */
    private InputEvent progress(InputEvent.Meta meta, String type, byte[] data) throws IOException {
        switch (type) {
            case "ProgressReported" -> {
                ProgressReported report = json.readValue(data, ProgressReported.class);
                require(report.taskId(), "taskId");
                require(report.status(), "status");
                require(report.percentComplete(), "percentComplete");
                // changesTaskState is true exactly for lead reports; either flag saying otherwise means "not lead".
                ReportRole role = "LEAD".equals(report.role()) && !Boolean.FALSE.equals(report.changesTaskState())
                        ? ReportRole.LEAD : ReportRole.COORDINATING;
                return new InputEvent.Report(meta, report.taskId(), role,
                        new TaskProgress(TaskStatus.valueOf(report.status()), report.percentComplete()));
            }
            case "SelfAssessed" -> {
                SelfAssessed assessment = json.readValue(data, SelfAssessed.class);
                require(assessment.criterionCode(), "criterionCode");
                require(assessment.points(), "points");
                return new InputEvent.Assessment(meta, assessment.criterionCode(), assessment.points());
            }
            case "AppraisalRoundOpened", "AppraisalDeadlineMoved" -> {
                RoundChange round = json.readValue(data, RoundChange.class);
                require(round.round(), "round");
                return new InputEvent.Round(meta, round.round(), round.deadline());
            }
            case "LeafAppraised" -> {
                LeafAppraised appraised = json.readValue(data, LeafAppraised.class);
                require(appraised.criterionCode(), "criterionCode");
                require(appraised.points(), "points");
                // The final round's points arrive settled, with the close: only the first round's count here.
                return "APPRAISAL".equals(appraised.round())
                        ? new InputEvent.Appraised(meta, appraised.criterionCode(), appraised.points()) : null;
            }
            case "AppraisalClosed" -> {
                AppraisalClosed closed = json.readValue(data, AppraisalClosed.class);
                require(closed.leaves(), "leaves");
                Map<String, Appraisal.Leaf> leaves = new HashMap<>();
                for (ClosedLeaf leaf : closed.leaves()) {
                    require(leaf.criterionCode(), "leaves[].criterionCode");
                    require(leaf.finalPoints(), "leaves[].final");
                    leaves.put(leaf.criterionCode(), new Appraisal.Leaf(leaf.selfAssessed(), leaf.appraised(),
                            leaf.finalAppraised(), leaf.finalPoints()));
                }
                return new InputEvent.Closed(meta, new Appraisal.Closed(leaves));
            }
            case "IndicatorReported" -> {
                IndicatorReported reported = json.readValue(data, IndicatorReported.class);
                require(reported.criterionCode(), "criterionCode");
                return new InputEvent.IndicatorReport(meta, reported.criterionCode(), reported.indicator());
            }
            default -> {
                return null;
            }
        }
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + field);
        }
    }

    /**
     * The fields of {@code ProgressReported} that scoring reads. The others are skipped unread: without
     * {@code ignoreUnknown} Jackson copies each of them into a buffer before it drops them.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProgressReported(String taskId, String role, Boolean changesTaskState, String status,
            Integer percentComplete) {
    }

    /**
     * The fields of {@code IndicatorReported} that scoring reads: the fact, under its rule type. Its {@code points}
     * are not read: scoring applies the rule of the plan version it scores with.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IndicatorReported(String criterionCode, String ruleType, String option, BigDecimal value,
            BigDecimal numerator, BigDecimal denominator, BigDecimal count, BigDecimal violations, BigDecimal percent) {

        Indicator indicator() {
            RuleType type = RuleType.named(ruleType);
            if (type == null || type == RuleType.MANUAL) {
                throw new IllegalArgumentException("ruleType " + ruleType + " is not an indicator's");
            }
            return switch (type) {
                case TIERS -> Indicator.option(required(option, "option"));
                case RATIO -> Indicator.ratio(required(numerator, "numerator"), required(denominator, "denominator"));
                case BRACKETS -> Indicator.of(type, required(value, "value"));
                case COUNT -> Indicator.of(type, required(count, "count"));
                case DEDUCTION -> Indicator.of(type, required(violations, "violations"));
                case SURVEY -> Indicator.of(type, required(percent, "percent"));
                case MANUAL -> throw new IllegalStateException();
            };
        }

        private static <T> T required(T value, String field) {
            require(value, field);
            return value;
        }
    }

    /** The fields of {@code AppraisalRoundOpened} and {@code AppraisalDeadlineMoved} that scoring reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RoundChange(String round, Instant deadline) {
    }

    /** The fields of {@code LeafAppraised} that scoring reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LeafAppraised(String criterionCode, String round, BigDecimal points) {
    }

    /** The fields of {@code AppraisalClosed} that scoring reads: the settled leaves (its totals are their sums). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AppraisalClosed(List<ClosedLeaf> leaves) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClosedLeaf(String criterionCode, BigDecimal selfAssessed, BigDecimal appraised, BigDecimal finalAppraised,
            @JsonProperty("final") BigDecimal finalPoints) {
    }

    /** The fields of {@code SelfAssessed} that scoring reads, the others skipped unread. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SelfAssessed(String criterionCode, BigDecimal points) {
    }
}
