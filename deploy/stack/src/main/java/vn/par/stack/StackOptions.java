package vn.par.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to run the stack.
 *
 * @param root                   the project's root folder (holds the service modules and deploy/)
 * @param dataDir                where data, unpacked engines and logs live
 * @param freePorts              pick free ports (tests) instead of the documented fixed ones (8081..8083, 8180, 9092)
 * @param postgresPort           the embedded PostgreSQL's port when ports are fixed
 * @param externalPostgresUrl    JDBC URL of an existing server's admin database; null runs the embedded one
 * @param externalKafka          bootstrap servers of an existing Kafka; null runs our broker
 * @param externalKeycloakIssuer issuer URL of an existing realm; null runs our Keycloak
 * @param serviceJvmOptions      extra JVM options for the services
 * @param serviceEnvironment     extra environment for the services
 * @param out                    where progress lines go
 */
public record StackOptions(Path root, Path dataDir, boolean freePorts, int postgresPort, String externalPostgresUrl,
        String postgresUser, String postgresPassword, String externalKafka, String externalKeycloakIssuer,
        List<String> serviceJvmOptions, Map<String, String> serviceEnvironment, Consumer<String> out) {

    /**
     * Free ports, fresh data under {@code dataDir}, everything embedded: what system tests use. progress-service's
     * daily reminders run only when a test asks ({@code POST /api/admin/reminders/run}): a run at 07:30 would send mail
     * in the middle of a test. The services carry the trace context with no collector named (tracing is otherwise off
     * without one, see service-infra's TracesNeedACollector), so that a test can follow a request's trace through Kafka.
     */
    public static StackOptions forTests(Path root, Path dataDir, Consumer<String> out) {
        return new StackOptions(root, dataDir, true, 0, null, null, null, null, null,
                ServiceProcess.DEFAULT_JVM_OPTIONS,
                Map.of("PAR_REMINDERS_ENABLED", "false", "QUARKUS_OTEL_SDK_DISABLED", "false"), out);
    }
}
