package vn.par.scoring.messaging;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.EventEnvelope.MalformedEventException;
import vn.par.infra.events.Topics;
import vn.par.scoring.projection.PlanSnapshot;
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
    public InputEvent decode(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        try {
            InputEvent.Meta meta = new InputEvent.Meta(UUID.fromString(envelope.key()), envelope.id(),
                    envelope.sequence(), envelope.time());
            return switch (record.topic()) {
                case Topics.PLANS -> plan(meta, envelope);
                case Topics.PROGRESS -> progress(meta, envelope);
                default -> null;
            };
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedEventException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " (" + envelope.type() + " " + envelope.id() + "): " + e.getMessage(), e);
        }
    }

    private InputEvent plan(InputEvent.Meta meta, EventEnvelope envelope) throws JsonProcessingException {
        if (!envelope.type().equals("PlanPublished") && !envelope.type().equals("PlanChanged")) {
            return null;
        }
        PlanSnapshot snapshot = json.readValue(envelope.data(), PlanSnapshot.class);
        if (snapshot.planId() != null && !snapshot.planId().equals(meta.planId())) {
            throw new IllegalArgumentException("snapshot of plan " + snapshot.planId() + " under key " + meta.planId());
        }
        if (snapshot.version() < 1) {
            throw new IllegalArgumentException("snapshot without a version");
        }
        return new InputEvent.PlanVersion(meta, snapshot, envelope.data());
    }

    private InputEvent progress(InputEvent.Meta meta, EventEnvelope envelope) throws JsonProcessingException {
        switch (envelope.type()) {
            case "ProgressReported" -> {
                ProgressReported data = json.readValue(envelope.data(), ProgressReported.class);
                require(data.taskId(), "taskId");
                require(data.status(), "status");
                require(data.percentComplete(), "percentComplete");
                // changesTaskState is true exactly for lead reports; either flag saying otherwise means "not lead".
                ReportRole role = "LEAD".equals(data.role()) && !Boolean.FALSE.equals(data.changesTaskState())
                        ? ReportRole.LEAD : ReportRole.COORDINATING;
                return new InputEvent.Report(meta, data.taskId(), role,
                        new TaskProgress(TaskStatus.valueOf(data.status()), data.percentComplete()));
            }
            case "SelfAssessed" -> {
                SelfAssessed data = json.readValue(envelope.data(), SelfAssessed.class);
                require(data.criterionCode(), "criterionCode");
                require(data.points(), "points");
                return new InputEvent.Assessment(meta, data.criterionCode(), data.points());
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

    /** The fields of {@code ProgressReported} that scoring reads. */
    record ProgressReported(String taskId, String role, Boolean changesTaskState, String status,
            Integer percentComplete) {
    }

    /** The fields of {@code SelfAssessed} that scoring reads. */
    record SelfAssessed(String criterionCode, BigDecimal points) {
    }
}
