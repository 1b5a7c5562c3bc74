package vn.par.infra.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Spans are sampled only when a collector is named; then as Quarkus's sampler settings say. */
class TraceSamplerTest {

    private static final Optional<String> COLLECTOR = Optional.of("http://collector:4317");

    @Test
    void withoutAnEndpointNothingIsSampledWhateverTheSettings() {
        assertEquals(Sampler.alwaysOff(), TraceSampler.choose(Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(Sampler.alwaysOff(), TraceSampler.choose(Optional.of("  "), Optional.of("always_on"), Optional.empty()));
    }

    @Test
    void withAnEndpointQuarkusDefaultSamplesEveryTraceItsCallerDidNotDecline() {
        assertEquals(Sampler.parentBased(Sampler.traceIdRatioBased(1.0)).getDescription(),
                TraceSampler.choose(COLLECTOR, Optional.empty(), Optional.empty()).getDescription());
        assertEquals(Sampler.parentBased(Sampler.traceIdRatioBased(1.0)).getDescription(),
                TraceSampler.choose(COLLECTOR, Optional.of("parentbased_traceidratio"), Optional.of("1.0d")).getDescription());
    }

    @Test
    void withAnEndpointTheConfiguredSamplerApplies() {
        assertEquals(Sampler.alwaysOn(), TraceSampler.choose(COLLECTOR, Optional.of("always_on"), Optional.empty()));
        assertEquals(Sampler.traceIdRatioBased(0.25).getDescription(),
                TraceSampler.choose(COLLECTOR, Optional.of("traceidratio"), Optional.of("0.25")).getDescription());
        assertEquals(Sampler.parentBased(Sampler.alwaysOff()).getDescription(),
                TraceSampler.choose(COLLECTOR, Optional.of("parentbased_always_off"), Optional.empty()).getDescription());
        assertThrows(IllegalArgumentException.class,
                () -> TraceSampler.choose(COLLECTOR, Optional.of("jaeger_remote"), Optional.empty()));
    }

    @Test
    void quarkusDefaultEndpointIsNotACollectorButOneTheDeploymentNamesIs() {
        assertEquals(Optional.empty(), TraceSampler.endpoint(config(Map.of())));
        assertEquals(Optional.of("http://localhost:4317/"),
                TraceSampler.endpoint(config(Map.of(TraceSampler.ENDPOINT, "http://localhost:4317/"))),
                "the same address, named by the environment");
        assertEquals(Optional.of("http://collector:4318"),
                TraceSampler.endpoint(config(Map.of(TraceSampler.TRACES_ENDPOINT, "http://collector:4318"))));
    }

    /** A configuration as Quarkus builds it: its default endpoint, and {@code environment} (ordinal 300) over it. */
    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder().withDefaultValue(TraceSampler.ENDPOINT, "http://localhost:4317/")
                .withSources(new PropertiesConfigSource(environment, "environment", 300)).build();
    }
}
