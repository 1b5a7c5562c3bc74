package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.manifests.Repo.Manifest;

/** Ports, probes, selectors and images agree with each service's quarkus.http.port and with one another. */
class PortsAndProbesTest {

    static final List<String> SERVICES = Repo.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theContainerListensOnTheServicesPortAndIsProbedOnItsManagementInterface(String service) {
        int port = Repo.httpPort(service);
        int management = Repo.managementPort(service);
        assertEquals(Repo.MANAGEMENT_PORT, management, service + ": the production profile serves /q/* on the management"
                + " interface (%prod.quarkus.management.enabled=true), not on the public port");
        JsonNode container = Workloads.container(service);

        JsonNode ports = container.path("ports");
        assertEquals(2, ports.size(), service + ": the HTTP port and the management port");
        assertEquals("http", ports.get(0).path("name").asText());
        assertEquals(port, ports.get(0).path("containerPort").asInt(), service + ": containerPort vs quarkus.http.port");
        assertEquals("management", ports.get(1).path("name").asText());
        assertEquals(management, ports.get(1).path("containerPort").asInt(), service + ": the management port");

        String envPort = Workloads.kubernetesEnvironment(service).get("QUARKUS_HTTP_PORT");
        assertTrue(envPort == null || envPort.equals(Integer.toString(port)), service + ": QUARKUS_HTTP_PORT " + envPort);

        assertProbe(service, container, "livenessProbe", "/q/health/live", management);
        assertProbe(service, container, "readinessProbe", "/q/health/ready", management);
        if (container.has("startupProbe")) {
            assertProbe(service, container, "startupProbe", "/q/health/live", management);
        }

        JsonNode annotations = Workloads.deployment(service).spec().path("template").path("metadata").path("annotations");
        if (annotations.has("prometheus.io/port")) {
            assertEquals(Integer.toString(management), annotations.path("prometheus.io/port").asText(), service + ": metrics port");
            assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
        }
    }

    /** The probe asks the management interface: by the port's name or its number. */
    private static void assertProbe(String service, JsonNode container, String probe, String path, int port) {
        JsonNode get = container.path(probe).path("httpGet");
        assertFalse(get.isMissingNode(), service + ": no " + probe + " (httpGet)");
        assertEquals(path, get.path("path").asText(), service + ": " + probe + " path");
        JsonNode p = get.path("port");
        assertTrue(p.asText().equals("management") || p.asInt() == port, service + ": " + probe + " port " + p);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theServiceExposesThePortAndSelectsThePods(String service) {
        int port = Repo.httpPort(service);
        Manifest svc = Repo.required("Service", service);
        assertEquals("ClusterIP", svc.spec().path("type").asText("ClusterIP"));
        JsonNode ports = svc.spec().path("ports");
        // The HTTP port only: what reaches the pods through the Service (the Ingress) never reaches /q/*.
        assertEquals(1, ports.size(), service + ": the Service exposes the HTTP port only");
        assertEquals("http", ports.get(0).path("name").asText());
        assertEquals(port, ports.get(0).path("port").asInt(), service + ": Service port vs quarkus.http.port");
        JsonNode target = ports.get(0).path("targetPort");
        assertTrue(target.asText().equals("http") || target.asInt() == port, service + ": targetPort " + target);

        JsonNode podLabels = Workloads.deployment(service).spec().path("template").path("metadata").path("labels");
        assertSelects(service + " Service", svc.spec().path("selector"), podLabels);
        assertSelects(service + " Deployment", Workloads.deployment(service).spec().path("selector").path("matchLabels"), podLabels);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void eachServiceRunsTwoReplicasProtectedByADisruptionBudget(String service) {
        Manifest deployment = Workloads.deployment(service);
        assertEquals(2, deployment.spec().path("replicas").asInt(), service + ": replicas");
        JsonNode podLabels = deployment.spec().path("template").path("metadata").path("labels");
        Manifest pdb = Repo.required("PodDisruptionBudget", service);
        assertEquals(1, pdb.spec().path("minAvailable").asInt());
        assertSelects(service + " PodDisruptionBudget", pdb.spec().path("selector").path("matchLabels"), podLabels);

        JsonNode resources = Workloads.container(service).path("resources");
        for (String field : List.of("requests", "limits")) {
            assertFalse(resources.path(field).path("cpu").asText().isBlank(), service + ": " + field + ".cpu");
            assertFalse(resources.path(field).path("memory").asText().isBlank(), service + ": " + field + ".memory");
        }
        JsonNode security = Workloads.container(service).path("securityContext");
        assertTrue(Workloads.podSpec(service).path("securityContext").path("runAsNonRoot").asBoolean(), service + ": runAsNonRoot");
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), service + ": allowPrivilegeEscalation");
        if (security.path("readOnlyRootFilesystem").asBoolean()) {
            boolean tmp = false;
            for (JsonNode mount : Workloads.container(service).path("volumeMounts")) {
                tmp |= mount.path("mountPath").asText().equals("/tmp");
            }
            assertTrue(tmp, service + ": a read-only root file system needs a writable /tmp");
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void autoscalingTargetsTheDeploymentOnCpu(String service) {
        Manifest hpa = Repo.manifest("HorizontalPodAutoscaler", service).orElse(null);
        if (hpa == null) {
            return; // allowed for scoring-service, see KafkaTopicsTest
        }
        assertEquals("autoscaling/v2", hpa.doc().path("apiVersion").asText());
        assertEquals("Deployment", hpa.spec().path("scaleTargetRef").path("kind").asText());
        assertEquals(service, hpa.spec().path("scaleTargetRef").path("name").asText());
        assertTrue(hpa.spec().path("minReplicas").asInt() >= 2, service + ": minReplicas");
        JsonNode resource = hpa.spec().path("metrics").get(0).path("resource");
        assertEquals("cpu", resource.path("name").asText());
        assertEquals(70, resource.path("target").path("averageUtilization").asInt());
    }

    @Test
    void theStatelessServicesAutoscale() {
        Repo.required("HorizontalPodAutoscaler", "criteria-service");
        Repo.required("HorizontalPodAutoscaler", "progress-service");
    }

    @Test
    void theIngressRoutesToExistingServicePorts() {
        Set<String> backends = new HashSet<>();
        for (Manifest ingress : List.of(Repo.required("Ingress", "par"))) {
            for (JsonNode rule : ingress.spec().path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    JsonNode backend = path.path("backend").path("service");
                    String name = backend.path("name").asText();
                    Manifest svc = Repo.required("Service", name);
                    boolean found = false;
                    for (JsonNode p : svc.spec().path("ports")) {
                        found |= p.path("name").asText().equals(backend.path("port").path("name").asText())
                                || p.path("port").asInt() == backend.path("port").path("number").asInt(-1);
                    }
                    assertTrue(found, ingress + " routes to a port " + backend.path("port") + " that Service " + name + " does not have");
                    backends.add(name);
                }
            }
        }
        assertEquals(Set.copyOf(Repo.SERVICES), backends, "the Ingress must route to each service");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theDockerfileExposesTheServicesPort(String service) {
        int port = Repo.httpPort(service);
        Path dockerfile = Repo.dockerfile(service);
        assertTrue(Files.isRegularFile(dockerfile), "missing " + Repo.ROOT.relativize(dockerfile));
        List<String> lines = Repo.text(dockerfile).lines().map(String::strip).toList();
        assertTrue(lines.contains("EXPOSE " + port), service + "'s Dockerfile must EXPOSE " + port);
        assertTrue(lines.contains("ENV QUARKUS_HTTP_PORT=" + port), service + "'s Dockerfile must set QUARKUS_HTTP_PORT=" + port);
        assertTrue(lines.contains("USER 185"), service + "'s Dockerfile must run as user 185, as the manifests expect");
        assertTrue(lines.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), service + ": JAVA_APP_JAR");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY") && l.contains("target/quarkus-app/lib/")), service + ": the package's layers");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("#") && l.contains("docker build -f " + service + "/src/main/docker/Dockerfile.jvm -t par/" + service + " " + service)),
                service + "'s Dockerfile must say how to build it");
        // The Kubernetes manifests run the same user the image declares.
        assertEquals(185, Workloads.podSpec(service).path("securityContext").path("runAsUser").asInt(185));
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void composeBuildsTheServiceFromItsDockerfileAndPublishesItsPort(String service) {
        int port = Repo.httpPort(service);
        JsonNode svc = Workloads.composeService(service);
        JsonNode build = svc.path("build");
        Path context = Repo.COMPOSE_DIR.resolve(build.path("context").asText()).normalize();
        assertEquals(Repo.ROOT.resolve(service), context, service + ": build context");
        Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
        assertTrue(Files.isRegularFile(dockerfile), service + ": compose builds from " + dockerfile + ", which does not exist");
        assertEquals(Repo.dockerfile(service), dockerfile);
        assertEquals("par/" + service, svc.path("image").asText(), "the image name the Dockerfile comment and the k8s manifests use");
        assertEquals("par/" + service, Workloads.container(service).path("image").asText());

        // The public port only: the management interface (/q/*) stays inside the container.
        List<String> published = Repo.list(svc.path("ports")).stream().map(JsonNode::asText).toList();
        assertEquals(List.of(ComposeClosedByDefaultTest.BIND_ADDRESS + ":" + port + ":" + port), published,
                service + ": published ports");
        assertTrue(svc.path("expose").isMissingNode(), service + ": expose");
        Map<String, String> env = Workloads.composeEnvironment(svc);
        assertEquals(Integer.toString(port), env.get("QUARKUS_HTTP_PORT"));

        String health = String.join(" ", Repo.list(svc.path("healthcheck").path("test")).stream().map(JsonNode::asText).toList());
        assertTrue(health.contains("/" + Repo.managementPort(service)) && health.contains("/q/health/ready"),
                service + ": healthcheck on the management port " + health);
    }

    private static void assertSelects(String what, JsonNode selector, JsonNode labels) {
        assertFalse(selector.isMissingNode() || selector.isEmpty(), what + ": empty selector");
        selector.fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(null),
                what + " selects " + e.getKey() + "=" + e.getValue().asText() + ", which the pods do not carry"));
    }
}
