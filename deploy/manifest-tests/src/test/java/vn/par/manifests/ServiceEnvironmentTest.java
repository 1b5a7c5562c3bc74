package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.manifests.Repo.Manifest;

/** Every variable a deployment gives a service is one the service reads; the connections are all given. */
class ServiceEnvironmentTest {

    static final List<String> SERVICES = Repo.SERVICES;

    /**
     * Variables that are not properties in application.properties but that the services rely on. Keep it short:
     * anything else must be a property of the service (Quarkus maps {@code a.b-c} to {@code A_B_C}).
     */
    static final Set<String> STANDARD = Set.of(
            // read by run-java.sh of the base image (ubi9/openjdk-17-runtime), not by Quarkus
            "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "JAVA_APP_JAR",
            // Quarkus' own HTTP port (every application.properties sets it too)
            "QUARKUS_HTTP_PORT",
            // only an input to $(POD_NAME) in another variable of the same container (progress-service's group id)
            "POD_NAME",
            // read by service-infra's SessionSecretCheck (par.deployment), not named in application.properties
            "PAR_DEPLOYMENT",
            // quarkus-mailer's account at the agency's SMTP server (progress-service): secrets, never a property
            "QUARKUS_MAILER_USERNAME", "QUARKUS_MAILER_PASSWORD");

    /**
     * The Kafka clients' own settings, which the services take from any KAFKA_* variable: Quarkus passes every kafka.*
     * property (KAFKA_SECURITY_PROTOCOL is security.protocol) to its Kafka clients and to the plain ones the services
     * build from the same map (service-infra OutboxRelay, scoring-service KafkaClients). Only names the clients know.
     */
    static final Set<String> KAFKA_CLIENT = kafkaClientVariables();

    private static Set<String> kafkaClientVariables() {
        Set<String> names = new TreeSet<>();
        for (Set<String> configs : List.of(ProducerConfig.configNames(), ConsumerConfig.configNames(),
                AdminClientConfig.configNames())) {
            configs.forEach(c -> names.add("KAFKA_" + c.toUpperCase(Locale.ROOT).replace('.', '_')));
        }
        return names;
    }

    /** What every deployment must give each service: where its database, broker and token issuer are. */
    static final List<String> CONNECTIONS = List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_OIDC_AUTH_SERVER_URL",
            // the pages: the key of their session cookies (never the development default) and the header's links
            "PAR_WEB_SESSION_SECRET", "PAR_LINKS_CRITERIA", "PAR_LINKS_PROGRESS", "PAR_LINKS_SCORING",
            // a production deployment: the start is refused with a development or placeholder session key
            "PAR_DEPLOYMENT",
            // the service's own Kafka user
            "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG");

    /**
     * What a service reads of an environment: its properties, the standard variables, the Kafka clients' settings, and
     * variables the environment's own values name (${NAME}, which Quarkus expands).
     */
    static Set<String> accepted(String service, Map<String, String> env) {
        Set<String> names = new TreeSet<>(Repo.environmentOfProperties(service));
        names.addAll(STANDARD);
        names.addAll(KAFKA_CLIENT);
        Matcher reference = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher("");
        for (String value : env.values()) {
            reference.reset(value == null ? "" : value);
            while (reference.find()) {
                names.add(reference.group(1));
            }
        }
        return names;
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void kubernetesGivesOnlyVariablesTheServiceReads(String service) {
        Map<String, String> env = Workloads.kubernetesEnvironment(service);
        Set<String> unknown = new TreeSet<>(env.keySet());
        unknown.removeAll(accepted(service, env));
        assertTrue(unknown.isEmpty(), "deploy/k8s gives " + service + " variables it does not read: " + unknown
                + " (not a property of its application.properties, nor in ServiceEnvironmentTest.STANDARD)");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void composeGivesOnlyVariablesTheServiceReads(String service) {
        Map<String, String> env = Workloads.composeEnvironment(Workloads.composeService(service));
        Set<String> unknown = new TreeSet<>(env.keySet());
        unknown.removeAll(accepted(service, env));
        assertTrue(unknown.isEmpty(), "docker-compose.yml gives " + service + " variables it does not read: " + unknown);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void bothDeploymentsGiveEveryConnection(String service) {
        Map<String, String> k8s = Workloads.kubernetesEnvironment(service);
        Map<String, String> compose = Workloads.composeEnvironment(Workloads.composeService(service));
        for (String name : CONNECTIONS) {
            assertTrue(k8s.containsKey(name), "deploy/k8s does not give " + service + " " + name);
            assertTrue(compose.containsKey(name), "docker-compose.yml does not give " + service + " " + name);
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void bothDeploymentsDeclareProduction(String service) {
        assertEquals("production", Workloads.kubernetesEnvironment(service).get("PAR_DEPLOYMENT"), "deploy/k8s, " + service);
        assertEquals("production", Workloads.composeEnvironment(Workloads.composeService(service)).get("PAR_DEPLOYMENT"),
                "docker-compose.yml, " + service);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void kubernetesPointsEachServiceAtItsOwnDatabaseWithItsOwnRole(String service) {
        Map<String, String> env = Workloads.kubernetesEnvironment(service);
        String database = Repo.database(service);
        String cluster = Repo.manifests("Cluster").get(0).name();
        assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://" + cluster + "-rw:5432/" + database + "?"),
                service + " must reach the primary of the CloudNativePG cluster (<cluster>-rw) and its own database: "
                        + env.get("QUARKUS_DATASOURCE_JDBC_URL"));

        // The username and password come from one Secret, the one CloudNativePG sets the role's password from.
        String userSecret = env.get("QUARKUS_DATASOURCE_USERNAME");
        String passwordSecret = env.get("QUARKUS_DATASOURCE_PASSWORD");
        assertTrue(userSecret.startsWith("<secret ") && userSecret.endsWith("/username>"), userSecret);
        assertTrue(passwordSecret.startsWith("<secret ") && passwordSecret.endsWith("/password>"), passwordSecret);
        String secretName = userSecret.substring("<secret ".length(), userSecret.indexOf('/'));
        assertEquals(secretName, passwordSecret.substring("<secret ".length(), passwordSecret.indexOf('/')));

        Manifest secret = Repo.required("Secret", secretName);
        String role = secret.doc().path("stringData").path("username").asText();
        Manifest db = Repo.manifests("Database").stream()
                .filter(d -> d.spec().path("name").asText().equals(database)).findFirst()
                .orElseThrow(() -> new AssertionError("No CloudNativePG Database creates " + database));
        assertEquals(cluster, db.spec().path("cluster").path("name").asText());
        assertEquals(role, db.spec().path("owner").asText(), "database " + database + " must belong to " + service + "'s role");
        boolean managed = false;
        for (JsonNode r : Repo.required("Cluster", cluster).spec().path("managed").path("roles")) {
            if (r.path("name").asText().equals(role)) {
                managed = true;
                assertEquals(secretName, r.path("passwordSecret").path("name").asText(),
                        "role " + role + " must take its password from the Secret the service reads");
                assertTrue(r.path("login").asBoolean(), "role " + role + " must be able to log in");
            }
        }
        assertTrue(managed, "role " + role + " is not in the Cluster's managed.roles");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void composePointsEachServiceAtItsOwnDatabaseAsItsOwnRole(String service) {
        Map<String, String> env = Workloads.composeEnvironment(Workloads.composeService(service));
        String database = Repo.database(service);
        assertEquals("jdbc:postgresql://postgres:5432/" + database, env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals(database, env.get("QUARKUS_DATASOURCE_USERNAME"), "the role named after its database");
        assertEquals("<secret db-" + database + ">", env.get("QUARKUS_DATASOURCE_PASSWORD"), "the role's password, a compose secret");
        assertEquals("kafka:19092", env.get("KAFKA_BOOTSTRAP_SERVERS"), "the broker's listener for containers");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void aReplacedJavaOptsAppendKeepsTheImagesOptions(String service) {
        // Setting JAVA_OPTS_APPEND replaces the Dockerfile's value, which carries the JBoss log manager.
        String fromImage = Repo.text(Repo.dockerfile(service)).lines()
                .filter(l -> l.startsWith("ENV JAVA_OPTS_APPEND=")).findFirst()
                .orElseThrow(() -> new AssertionError(service + "'s Dockerfile sets no JAVA_OPTS_APPEND"));
        String k8s = Workloads.kubernetesEnvironment(service).get("JAVA_OPTS_APPEND");
        String compose = Workloads.composeEnvironment(Workloads.composeService(service)).get("JAVA_OPTS_APPEND");
        for (String option : List.of("-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-Dquarkus.http.host=0.0.0.0")) {
            assertTrue(fromImage.contains(option), service + "'s Dockerfile: " + option);
            assertTrue(k8s == null || k8s.contains(option), "deploy/k8s replaces JAVA_OPTS_APPEND of " + service + " without " + option);
            assertTrue(compose == null || compose.contains(option), "compose replaces JAVA_OPTS_APPEND of " + service + " without " + option);
        }
    }
}
