package vn.par.infra.tracing;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Tracing is off unless the deployment names an OTLP collector: {@code quarkus.otel.sdk.disabled} reads {@code true}
 * when no configuration source sets it and no OTLP endpoint is named ({@link TraceSampler#endpoint}'s rule: Quarkus's
 * own default endpoint does not count). A deployment that names an endpoint gets spans (through {@link TraceSampler});
 * one that sets {@code QUARKUS_OTEL_SDK_DISABLED=false} without an endpoint gets the trace context carried through the
 * requests, the outbox and Kafka with nothing recorded (the system tests' stack, the services' tests).
 *
 * <p>Why off: with the SDK on, every request goes through the OpenTelemetry HTTP instrumentation (which extracts the
 * span's attributes whether or not the span is sampled) and the trace context's storage on every hop between threads;
 * that is a measurable part of progress-service's CPU at the reporting peak, where the benchmark's throughput is
 * bound by it (deploy/benchmark/MEASUREMENTS.md). Without a collector nobody would see those spans.
 *
 * <p>Registered for the services' configuration in {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}.
 */
@Priority(Priorities.APPLICATION)
public class TracesNeedACollector implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";

    private static final long serialVersionUID = 1L;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || setByTheDeployment(value)) {
            return value;
        }
        boolean collector = TraceSampler.ENDPOINTS.stream().map(context::proceed)
                .anyMatch(TracesNeedACollector::setByTheDeployment);
        // Decided here either way: a value below the deployment's may be one the build recorded from this very rule.
        return ConfigValue.builder().withName(SDK_DISABLED).withValue(collector ? "false" : "true")
                .withConfigSourceName(TracesNeedACollector.class.getSimpleName()).build();
    }

    private static boolean setByTheDeployment(ConfigValue value) {
        return value != null && TraceSampler.setByTheDeployment(value.getValue(), value.getConfigSourceOrdinal());
    }
}
