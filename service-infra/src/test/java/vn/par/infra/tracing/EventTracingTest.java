package vn.par.infra.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import vn.par.infra.events.EventEnvelope;

/**
 * A request's trace through the outbox row, the Kafka record and the consumer's apply, with a real OpenTelemetry SDK:
 * recording every span (a collector is named), and recording none (no collector), where the trace must still travel.
 */
class EventTracingTest {

    /** What a client sends: a sampled trace of its own. */
    private static final String CLIENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final UUID EVENT = UUID.fromString("5f0c1d2e-3a4b-4c5d-8e6f-708192a3b4c5");
    private static final String PLAN = "9a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3";

    private final List<SpanData> exported = new ArrayList<>();

    @Test
    void aRowWrittenInARequestKeepsTheRequestsSpanAndTheRecordContinuesItInASpanOfItsOwn() {
        SdkTracerProvider provider = provider(Sampler.parentBased(Sampler.alwaysOn()));
        EventTracing tracing = new EventTracing(openTelemetry(provider));
        Span request = provider.get("test").spanBuilder("POST /api/tasks/{id}/reports")
                .setParent(EventTracing.parent(CLIENT)).setSpanKind(SpanKind.SERVER).startSpan();
        String row;
        try (Scope ignored = request.makeCurrent()) {
            row = EventTracing.current();
        } finally {
            request.end();
        }
        assertEquals("00-" + TRACE_ID + "-" + request.getSpanContext().getSpanId() + "-01", row);
        assertNull(EventTracing.current(), "outside the request there is no trace");

        Span send = tracing.sending(row, "par.progress", EVENT, "ProgressReported", PLAN);
        String header = EventTracing.traceparent(send);
        send.end();
        assertEquals(TRACE_ID, traceId(header));
        assertNotEquals(spanId(row), spanId(header), "the record names the relay's span, not the request's");

        Span apply = tracing.processing(record(header), "scoring-service", 3);
        String caused = EventTracing.traceparent(apply);
        apply.end();
        assertEquals(TRACE_ID, traceId(caused));

        SpanData sent = exported("send par.progress");
        assertEquals(SpanKind.PRODUCER, sent.getKind());
        assertEquals(request.getSpanContext().getSpanId(), sent.getParentSpanId());
        assertEquals(EVENT.toString(), sent.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("messaging.message.id")).findFirst().orElseThrow().getValue());
        SpanData applied = exported("process par.progress");
        assertEquals(SpanKind.CONSUMER, applied.getKind());
        assertEquals(sent.getSpanId(), applied.getParentSpanId());
        assertEquals(spanId(caused), applied.getSpanId());
    }

    @Test
    void withoutACollectorNothingIsRecordedAndTheTraceStillTravels() {
        SdkTracerProvider provider = provider(TraceSampler.choose(Optional.empty(), Optional.empty(), Optional.empty()));
        EventTracing tracing = new EventTracing(openTelemetry(provider));
        Span request = provider.get("test").spanBuilder("POST").setParent(EventTracing.parent(CLIENT)).startSpan();
        String row;
        try (Scope ignored = request.makeCurrent()) {
            row = EventTracing.current();
        } finally {
            request.end();
        }
        assertFalse(request.isRecording());
        assertEquals(TRACE_ID, traceId(row));
        assertNotEquals(spanId(CLIENT), spanId(row), "the request's span has an id of its own");
        assertTrue(row.endsWith("-00"), "flagged not sampled: " + row);

        Span send = tracing.sending(row, "par.progress", EVENT, "ProgressReported", PLAN);
        String header = EventTracing.traceparent(send);
        send.end();
        Span apply = tracing.processing(record(header), "scoring-service", 1);
        String caused = EventTracing.traceparent(apply);
        apply.end();
        assertEquals(TRACE_ID, traceId(header));
        assertEquals(TRACE_ID, traceId(caused));
        assertEquals(3, List.of(spanId(row), spanId(header), spanId(caused)).stream().distinct().count());
        assertEquals(List.of(), exported, "nothing reaches the exporter");
    }

    @Test
    void aRowOrRecordWithoutATraceStartsNone() {
        EventTracing tracing = new EventTracing(openTelemetry(provider(Sampler.alwaysOn())));
        Span send = tracing.sending(null, "par.scores", EVENT, "ScoreChanged", PLAN);
        assertFalse(send.getSpanContext().isValid());
        assertNull(EventTracing.traceparent(send));
        Headers headers = EventEnvelope.headers(EVENT, "ScoreChanged", "/scoring-service", Instant.EPOCH, PLAN, 1, null);
        assertNull(headers.lastHeader("ce_traceparent"));
        assertFalse(tracing.processing(record(null), "scoring-service", 1).getSpanContext().isValid());
        for (String malformed : List.of("", "garbage", "00-00000000000000000000000000000000-b7ad6b7169203331-01",
                "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01", "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")) {
            assertFalse(tracing.sending(malformed, "par.scores", EVENT, "ScoreChanged", PLAN).getSpanContext().isValid(),
                    malformed);
        }
        assertEquals(List.of(), exported);
    }

    @Test
    void withoutOpenTelemetryTheRowsTraceIsSentAsItIs() {
        EventTracing tracing = new EventTracing(OpenTelemetry.noop());
        Span send = tracing.sending(CLIENT, "par.progress", EVENT, "ProgressReported", PLAN);
        assertEquals(CLIENT, EventTracing.traceparent(send));
    }

    /** The record the relay sends for the event, as a consumer reads it. */
    private static ConsumerRecord<String, byte[]> record(String traceparent) {
        Headers headers = EventEnvelope.headers(EVENT, "ProgressReported", "/progress-service", Instant.EPOCH, PLAN, 7,
                traceparent);
        assertEquals(traceparent, EventEnvelope.traceparentOf(new ConsumerRecord<>("par.progress", 2, 41L, -1L,
                TimestampType.CREATE_TIME, 0, 0, PLAN, new byte[0], headers, Optional.empty())));
        return new ConsumerRecord<>("par.progress", 2, 41L, -1L, TimestampType.CREATE_TIME, 0, 0, PLAN,
                "{}".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private SpanData exported(String name) {
        return exported.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported));
    }

    private static String traceId(String traceparent) {
        return traceparent.split("-")[1];
    }

    private static String spanId(String traceparent) {
        return traceparent.split("-")[2];
    }

    private SdkTracerProvider provider(Sampler sampler) {
        return SdkTracerProvider.builder().setSampler(sampler).addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                exported.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        })).build();
    }

    private static OpenTelemetry openTelemetry(TracerProvider provider) {
        return new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
                return provider;
            }

            @Override
            public ContextPropagators getPropagators() {
                return ContextPropagators.noop();
            }
        };
    }
}
