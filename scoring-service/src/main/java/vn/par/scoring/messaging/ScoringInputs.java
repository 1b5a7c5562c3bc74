package vn.par.scoring.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import vn.par.infra.events.EventEnvelope.MalformedEventException;
import vn.par.scoring.service.ProjectionService;

/**
 * Consumes {@code par.plans} and {@code par.progress} in the consumer group {@code scoring-service}, a poll's batch at
 * a time. Both topics feed one channel so that one thread applies a plan's snapshots and reports in the order they
 * arrive, and one transaction covers the whole batch.
 */
@ApplicationScoped
public class ScoringInputs {

    /** The channel name, as configured in application.properties. */
    public static final String CHANNEL = "scoring-inputs";

    private final InputDecoder decoder;
    private final ProjectionService projections;

    public ScoringInputs(InputDecoder decoder, ProjectionService projections) {
        this.decoder = decoder;
        this.projections = projections;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<InputEvent> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                InputEvent event = decoder.decode(record);
                if (event != null) {
                    events.add(event);
                }
            } catch (MalformedEventException e) {
                Log.warnf("Skipping an event that can never be applied: %s", e.getMessage());
            }
        }
        projections.apply(events);
    }
}
