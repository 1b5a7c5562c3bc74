package vn.par.infra.tracing;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import vn.par.infra.events.EventEnvelope;

/**
 * Carries the trace of a change through the outbox and Kafka, so that a unit's request, the event it wrote, the
 * record the relay sent, the consumer's apply and the events that apply caused are one trace.
 *
 * <p>The outbox keeps, with each row, the W3C {@code traceparent} of the span that wrote it ({@link #current()}: the
 * request's server span). The relay sends each row in a span of its own, a child of that one ({@link #sending}), and
 * the record carries that span's {@code traceparent} as the CloudEvents distributed-tracing extension
 * ({@code ce_traceparent}). A consumer applies each event in a span that is a child of the record's
 * ({@link #processing}), and writes the rows that event causes with that span's {@code traceparent}.
 *
 * <p>A trace is carried whether or not spans are recorded: an unsampled span still has its own id in its parent's
 * trace (see {@link TraceSampler}).
 */
@ApplicationScoped
public class EventTracing {

    private static final String VERSION = "00";
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.name");
    private static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    private static final AttributeKey<String> GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    private static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    private static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    private static final AttributeKey<Long> BATCH = AttributeKey.longKey("messaging.batch.message_count");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");

    /** Reads a traceparent given as the one value of its carrier. */
    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    /** Spans from the application's OpenTelemetry (quarkus-opentelemetry); without it, none, and no trace is carried. */
    @Inject
    public EventTracing(Instance<OpenTelemetry> openTelemetry) {
        this(openTelemetry.isResolvable() ? openTelemetry.get() : OpenTelemetry.noop());
    }

    public EventTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("vn.par.infra.events");
    }

    /** The W3C {@code traceparent} of the current span (a request's, say), or null outside any trace. */
    public static String current() {
        return traceparent(Span.current());
    }

    /** The W3C {@code traceparent} of {@code span}: {@code 00-<trace id>-<span id>-<flags>}; null for an invalid one. */
    public static String traceparent(Span span) {
        SpanContext context = span.getSpanContext();
        if (!context.isValid()) {
            return null;
        }
        return VERSION + '-' + context.getTraceId() + '-' + context.getSpanId() + '-'
                + context.getTraceFlags().asHex();
    }

    /**
     * The context {@code traceparent} names, as a remote parent; the root context (no trace) when it is null or not a
     * valid traceparent (the W3C propagator's rules: a record from elsewhere may carry anything).
     */
    public static Context parent(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    }

    /**
     * Starts the span of sending an outbox row to Kafka, a child of the span that wrote the row; the record carries its
     * {@link #traceparent}. An invalid span (nothing to end, no traceparent) when the row carries no trace.
     */
    public Span sending(String traceparent, String topic, UUID eventId, String type, String key) {
        Context parent = parent(traceparent);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        Span span = tracer.spanBuilder("send " + topic).setParent(parent).setSpanKind(SpanKind.PRODUCER).startSpan();
        if (span.isRecording()) {
            span.setAttribute(SYSTEM, "kafka");
            span.setAttribute(OPERATION, "send");
            span.setAttribute(OPERATION_TYPE, "send");
            span.setAttribute(DESTINATION, topic);
            span.setAttribute(MESSAGE_ID, eventId.toString());
            span.setAttribute(EVENT_TYPE, type);
            span.setAttribute(KEY, key);
        }
        return span;
    }

    /**
     * Starts the span of applying a consumed event, a child of the span that sent it ({@code ce_traceparent}); the rows
     * the event causes carry its {@link #traceparent}. An invalid span when the record carries no trace.
     *
     * @param group     the consumer group that applies it
     * @param batchSize how many records are applied together with it (in one transaction)
     */
    public Span processing(ConsumerRecord<?, ?> record, String group, int batchSize) {
        Context parent = parent(EventEnvelope.traceparentOf(record));
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        Span span = tracer.spanBuilder("process " + record.topic()).setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .startSpan();
        if (span.isRecording()) {
            span.setAttribute(SYSTEM, "kafka");
            span.setAttribute(OPERATION, "process");
            span.setAttribute(OPERATION_TYPE, "process");
            span.setAttribute(DESTINATION, record.topic());
            span.setAttribute(PARTITION, Integer.toString(record.partition()));
            span.setAttribute(OFFSET, record.offset());
            span.setAttribute(GROUP, group);
            span.setAttribute(BATCH, (long) batchSize);
            if (record.key() != null) {
                span.setAttribute(KEY, String.valueOf(record.key()));
            }
        }
        return span;
    }
}
