package vn.par.infra.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Tracing is off unless a collector is named or the deployment turns it on itself. */
class TracesNeedACollectorTest {

    @Test
    void withoutACollectorTracingIsOff() {
        assertEquals(true, disabled(Map.of()));
        assertEquals(true, disabled(Map.of(TraceSampler.ENDPOINT, " ")), "a blank endpoint names no collector");
    }

    @Test
    void aCollectorTheDeploymentNamesTurnsItOn() {
        assertEquals(false, disabled(Map.of(TraceSampler.ENDPOINT, "http://collector:4317")));
        assertEquals(false, disabled(Map.of(TraceSampler.TRACES_ENDPOINT, "http://collector:4318/v1/traces")));
        assertEquals(false, disabled(Map.of(TraceSampler.ENDPOINT, "http://localhost:4317/")),
                "Quarkus's default address, named by the deployment, is a collector");
    }

    @Test
    void aDefaultBelowTheDeploymentsDoesNotHideACollector() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withInterceptors(new TracesNeedACollector())
                .withDefaultValue(TracesNeedACollector.SDK_DISABLED, "true")
                .withSources(new PropertiesConfigSource(Map.of(TraceSampler.ENDPOINT, "http://collector:4317"),
                        "environment", 300)).build();
        assertEquals(false, config.getValue(TracesNeedACollector.SDK_DISABLED, Boolean.class));
    }

    @Test
    void whatTheDeploymentSetsWins() {
        assertEquals(false, disabled(Map.of(TracesNeedACollector.SDK_DISABLED, "false")), "context without spans");
        assertEquals(true, disabled(Map.of(TracesNeedACollector.SDK_DISABLED, "true",
                TraceSampler.ENDPOINT, "http://collector:4317")), "turned off although a collector is named");
    }

    @Test
    void theServicesConfigurationFindsIt() {
        assertTrue(ServiceLoader.load(ConfigSourceInterceptor.class).stream()
                .anyMatch(p -> p.type() == TracesNeedACollector.class));
    }

    /**
     * {@code quarkus.otel.sdk.disabled} in a configuration as Quarkus builds it: its defaults (the SDK on, an endpoint on
     * localhost) and {@code environment} (ordinal 300) over them.
     */
    private static boolean disabled(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withInterceptors(new TracesNeedACollector())
                .withDefaultValue(TracesNeedACollector.SDK_DISABLED, "false")
                .withDefaultValue(TraceSampler.ENDPOINT, "http://localhost:4317/")
                .withSources(new PropertiesConfigSource(environment, "environment", 300)).build();
        return config.getValue(TracesNeedACollector.SDK_DISABLED, Boolean.class);
    }
}
