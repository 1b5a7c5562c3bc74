package vn.par.scoring.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;

import vn.par.infra.events.EventEnvelope;
import vn.par.infra.events.Topics;
import vn.par.stack.testing.TestInfra;

/**
 * Puts events on the real broker as criteria-service and progress-service do: CloudEvents headers, key = plan id,
 * the sequence chosen by the test (1, 2, 3, … per plan and topic).
 */
public final class Events {

    private static KafkaProducer<String, String> producer;

    private Events() {
    }

    /** {@code PlanPublished} for version 1, {@code PlanChanged} after. */
    public static EventEnvelope plan(UUID planId, long sequence, Object snapshot, Instant time) {
        String type = sequence == 1 ? "PlanPublished" : "PlanChanged";
        return send(Topics.PLANS, new EventEnvelope(UUID.randomUUID(), type, "/criteria-service", time,
                planId.toString(), sequence, json(snapshot)));
    }

    public static EventEnvelope report(UUID planId, long sequence, String taskId, String role, String status,
            int percent, Instant time) {
        return send(Topics.PROGRESS, reportEnvelope(planId, sequence, taskId, role, status, percent, time));
    }

    /** A ProgressReported, not sent. */
    public static EventEnvelope reportEnvelope(UUID planId, long sequence, String taskId, String role, String status,
            int percent, Instant time) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reportId", UUID.randomUUID().toString());
        data.put("planId", planId.toString());
        data.put("taskId", taskId);
        data.put("unit", role.equals("LEAD") ? "LDVL" : "KHTC");
        data.put("role", role);
        data.put("status", status);
        data.put("percentComplete", percent);
        data.put("reportedBy", "test");
        data.put("reportedAt", time.toString());
        data.put("changesTaskState", role.equals("LEAD"));
        return new EventEnvelope(UUID.randomUUID(), "ProgressReported", "/progress-service", time, planId.toString(),
                sequence, json(data));
    }

    public static EventEnvelope lead(UUID planId, long sequence, String taskId, String status, int percent,
            Instant time) {
        return report(planId, sequence, taskId, "LEAD", status, percent, time);
    }

    public static EventEnvelope assessment(UUID planId, long sequence, String criterionCode, String points,
            Instant time) {
        String data = "{\"assessmentId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + planId + "\",\"criterionCode\":\""
                + criterionCode + "\",\"unit\":\"LDVL\",\"points\":" + points + ",\"assessedBy\":\"test\",\"assessedAt\":\""
                + time + "\"}";
        return send(Topics.PROGRESS, new EventEnvelope(UUID.randomUUID(), "SelfAssessed", "/progress-service", time,
                planId.toString(), sequence, data));
    }

    /**
     * An {@code IndicatorReported} for a leaf: {@code fact} holds the members of the rule type's fact, e.g.
     * {@code "\"numerator\":31,\"denominator\":50"}.
     */
    public static EventEnvelope indicator(UUID planId, long sequence, String criterionCode, String ruleType, String fact,
            Instant time) {
        String data = "{\"indicatorId\":\"" + UUID.randomUUID() + "\",\"planId\":\"" + planId
                + "\",\"criterionCode\":\"" + criterionCode + "\",\"unit\":\"LDVL\",\"ruleType\":\"" + ruleType + "\","
                + fact + ",\"points\":0,\"reportedBy\":\"test\",\"reportedAt\":\"" + time + "\"}";
        return send(Topics.PROGRESS, new EventEnvelope(UUID.randomUUID(), "IndicatorReported", "/progress-service", time,
                planId.toString(), sequence, data));
    }

    /** Hands {@code event} to the producer without waiting for the broker (see {@link KafkaProducer#flush()}). */
    public static void sendWithoutWaiting(String topic, EventEnvelope event) {
        producer().send(new ProducerRecord<>(topic, null, event.key(), event.data(), event.headers()));
    }

    /** Sends an event (again, for a redelivery) and waits for the broker's acknowledgement. */
    public static EventEnvelope send(String topic, EventEnvelope event) {
        try {
            producer().send(new ProducerRecord<>(topic, null, event.key(), event.data(), event.headers())).get();
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfra.kafka().bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private static String json(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return SeedPlan.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
