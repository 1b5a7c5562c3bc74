package vn.par.infra.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One event as it travels over Kafka: CloudEvents 1.0 in binary mode. The attributes are Kafka headers
 * ({@code ce_id}, {@code ce_type}, ...), the record key is the ordering key (the plan id) and the record
 * value is the JSON data. An event that continues a trace also carries the CloudEvents distributed-tracing extension,
 * the W3C {@code traceparent} as the header {@code ce_traceparent}: transport context like a Kafka header, so it is
 * not a member of this record (see vn.par.infra.tracing.EventTracing).
 *
 * @param id       unique per event; consumers use it to recognise a redelivery
 * @param type     e.g. {@code ProgressReported}
 * @param source   the service that emitted it, e.g. {@code /progress-service}
 * @param time     when the change happened
 * @param key      the ordering key (also the CloudEvents {@code subject} and {@code partitionkey})
 * @param sequence per key, strictly increasing (1, 2, 3, ...) in the order the changes were committed
 * @param data     the JSON payload
 */
public record EventEnvelope(UUID id, String type, String source, Instant time, String key, long sequence, String data) {

    public static final String SPEC_VERSION = "1.0";
    static final String H_SPEC = "ce_specversion";
    static final String H_ID = "ce_id";
    static final String H_TYPE = "ce_type";
    static final String H_SOURCE = "ce_source";
    static final String H_TIME = "ce_time";
    static final String H_SUBJECT = "ce_subject";
    static final String H_SEQUENCE = "ce_sequence";
    static final String H_PARTITION_KEY = "ce_partitionkey";
    static final String H_TRACEPARENT = "ce_traceparent";
    static final String H_CONTENT_TYPE = "content-type";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
    }

    /** The CloudEvents attributes as Kafka headers. */
    public Headers headers() {
        return headers(id, type, source, time, key, sequence);
    }

    /**
     * The CloudEvents attributes of an event as Kafka headers, for a sender that holds the data as bytes already
     * (the outbox relay reads it from PostgreSQL as UTF-8 and hands it on without a String in between).
     */
    public static Headers headers(UUID id, String type, String source, Instant time, String key, long sequence) {
        return headers(id, type, source, time, key, sequence, null);
    }

    /**
     * As {@link #headers(UUID, String, String, Instant, String, long)}, with the W3C {@code traceparent} of the trace
     * the event continues as {@code ce_traceparent}; none when it is null.
     */
    public static Headers headers(UUID id, String type, String source, Instant time, String key, long sequence,
            String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, H_SPEC, SPEC_VERSION);
        add(headers, H_ID, id.toString());
        add(headers, H_TYPE, type);
        add(headers, H_SOURCE, source);
        add(headers, H_TIME, time.toString());
        add(headers, H_SUBJECT, key);
        add(headers, H_SEQUENCE, Long.toString(sequence));
        add(headers, H_PARTITION_KEY, key);
        add(headers, H_CONTENT_TYPE, "application/json");
        if (traceparent != null) {
            add(headers, H_TRACEPARENT, traceparent);
        }
        return headers;
    }

    /** The {@code ce_traceparent} of a consumed event, as it was sent (unchecked); null when it carries none. */
    public static String traceparentOf(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(H_TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Reads an event back from a consumed record.
     *
     * @throws MalformedEventException when a required attribute is missing or unreadable, so the consumer can
     *                                 log and skip a record it can never apply instead of retrying forever
     */
    public static EventEnvelope from(ConsumerRecord<String, ?> record) {
        Attributes a = attributesOf(record);
        Object value = record.value();
        String data = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
        return new EventEnvelope(a.id(), a.type(), a.source(), a.time(), a.key(), a.sequence(), data);
    }

    /**
     * Reads only the attributes of a consumed event, for a consumer that parses the record's value itself (from
     * its bytes, without a String in between).
     *
     * @throws MalformedEventException as {@link #from}
     */
    public static Attributes attributesOf(ConsumerRecord<String, ?> record) {
        Headers h = record.headers();
        try {
            String key = record.key() != null ? record.key() : required(h, H_SUBJECT);
            return new Attributes(
                    UUID.fromString(required(h, H_ID)),
                    required(h, H_TYPE),
                    required(h, H_SOURCE),
                    EventTime.parse(required(h, H_TIME)),
                    key,
                    Long.parseLong(required(h, H_SEQUENCE)));
        } catch (RuntimeException e) {
            throw new MalformedEventException(
                    "record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e);
        }
    }

    /** An event's attributes without its data; the fields mean what the envelope's do. */
    public record Attributes(UUID id, String type, String source, Instant time, String key, long sequence) {
    }

    private static String required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new IllegalArgumentException("missing header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A record that is not one of our events (or is damaged). */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
