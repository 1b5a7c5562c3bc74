package vn.par.infra.tracing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.quarkus.arc.Unremovable;
import io.quarkus.logging.Log;

/**
 * The services' trace sampler (quarkus-opentelemetry takes a {@link Sampler} bean over its own): spans are recorded
 * only when there is a collector to send them to.
 *
 * <p>Tracing runs at all only when a collector is named or the deployment turns the SDK on
 * ({@link TracesNeedACollector}). With the SDK on and no collector (the system tests' stack, the services' tests),
 * nothing is sampled: no span records attributes or reaches the exporter, but each still gets its own id in its
 * parent's trace (flagged "not sampled"), so a {@code traceparent} goes through the requests, the outbox and Kafka
 * exactly as with a collector. Quarkus's own OTLP exporter would otherwise keep trying its default endpoint
 * (localhost:4317), since the exporter and the sampler's type are fixed at build time. A collector is named by
 * {@code quarkus.otel.exporter.otlp.endpoint} or {@code quarkus.otel.exporter.otlp.traces.endpoint} (e.g.
 * {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}; Quarkus's own default does not count); then
 * {@code quarkus.otel.traces.sampler} and its {@code .arg} apply as in any Quarkus application (by default
 * parentbased_traceidratio at 1.0: every trace a caller did not decline).
 */
@Singleton
public class TraceSampler {

    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    static final String TYPE = "quarkus.otel.traces.sampler";
    static final String ARG = "quarkus.otel.traces.sampler.arg";
    /** Where a collector is named, the traces' own endpoint first. */
    static final List<String> ENDPOINTS = List.of(TRACES_ENDPOINT, ENDPOINT);
    /**
     * Quarkus gives the endpoint a default value (localhost:4317) in a source of negative ordinal, like every default;
     * a value a deployment sets comes from a source above it (application.properties 250, environment 300, system
     * properties 400).
     */
    private static final int DEFAULTS = 0;

    /** Unremovable: quarkus-opentelemetry looks samplers up by a list, which does not keep a bean from being removed. */
    @Produces
    @Singleton
    @Unremovable
    Sampler sampler(Config config) {
        Optional<String> endpoint = endpoint(config);
        Sampler sampler = choose(endpoint, config.getOptionalValue(TYPE, String.class),
                config.getOptionalValue(ARG, String.class));
        if (endpoint.isPresent()) {
            Log.infof("Traces go to %s (sampler %s)", endpoint.get(), sampler.getDescription());
        } else {
            Log.info("No OTLP endpoint (QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT): spans are not recorded; the trace context"
                    + " still travels through the outbox and Kafka");
        }
        return sampler;
    }

    /** The OTLP endpoint the configuration names for traces; empty when there is only Quarkus's default. */
    static Optional<String> endpoint(Config config) {
        for (String name : ENDPOINTS) {
            ConfigValue value = config.getConfigValue(name);
            if (setByTheDeployment(value.getValue(), value.getSourceOrdinal())) {
                return Optional.of(value.getValue().trim());
            }
        }
        return Optional.empty();
    }

    /** Whether a value is one the deployment set: not blank, from a source above Quarkus's defaults. */
    static boolean setByTheDeployment(String value, int sourceOrdinal) {
        return value != null && !value.isBlank() && sourceOrdinal > DEFAULTS;
    }

    /**
     * The sampler for an endpoint (present when a collector is named) and Quarkus's sampler settings.
     *
     * @throws IllegalArgumentException for a sampler type Quarkus names but this class does not build (an SPI name)
     */
    static Sampler choose(Optional<String> endpoint, Optional<String> type, Optional<String> arg) {
        if (endpoint.filter(e -> !e.isBlank()).isEmpty()) {
            return Sampler.alwaysOff();
        }
        double ratio = arg.map(String::trim).filter(a -> !a.isEmpty()).map(Double::parseDouble).orElse(1.0);
        String name = type.map(t -> t.trim().toLowerCase(Locale.ROOT)).orElse("parentbased_traceidratio");
        return switch (name) {
            case "always_on" -> Sampler.alwaysOn();
            case "always_off" -> Sampler.alwaysOff();
            case "traceidratio" -> Sampler.traceIdRatioBased(ratio);
            case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
            case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
            case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
            default -> throw new IllegalArgumentException(TYPE + "=" + name + " is not one of the samplers "
                    + TraceSampler.class.getName() + " builds");
        };
    }
}
