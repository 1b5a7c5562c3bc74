package vn.par.manifests;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.manifests.Repo.Manifest;

/** How each service is run: its Deployment and the environment it gets in Kubernetes, its service in compose. */
final class Workloads {

    private Workloads() {
    }

    static Manifest deployment(String service) {
        return Repo.required("Deployment", service);
    }

    static JsonNode podSpec(String service) {
        return deployment(service).spec().path("template").path("spec");
    }

    /** The service's container in its Deployment (named after the service). */
    static JsonNode container(String service) {
        for (JsonNode c : podSpec(service).path("containers")) {
            if (c.path("name").asText().equals(service)) {
                return c;
            }
        }
        throw new AssertionError("Deployment " + service + " has no container named " + service);
    }

    /**
     * Every variable the container's environment gets, by name: literal values as they are, values from a ConfigMap
     * (envFrom or configMapKeyRef) resolved, and placeholders for what comes from a Secret or the downward API. Fails
     * when a referenced ConfigMap or Secret (or one of its keys) is not in deploy/k8s.
     */
    static Map<String, String> kubernetesEnvironment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode container = container(service);
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                configMapData(from.path("configMapRef").path("name").asText(), service)
                        .forEach(env::put);
            } else if (from.has("secretRef")) {
                String secret = from.path("secretRef").path("name").asText();
                for (String key : secretKeys(secret, service)) {
                    env.put(key, "<secret " + secret + ">");
                }
            } else {
                throw new AssertionError(service + ": unknown envFrom " + from);
            }
        }
        for (JsonNode var : container.path("env")) {
            String name = var.path("name").asText();
            if (var.has("value")) {
                env.put(name, var.path("value").asText());
            } else if (var.path("valueFrom").has("secretKeyRef")) {
                JsonNode ref = var.path("valueFrom").path("secretKeyRef");
                String secret = ref.path("name").asText();
                String key = ref.path("key").asText();
                if (!secretKeys(secret, service).contains(key)) {
                    throw new AssertionError(service + ": " + name + " reads key " + key + " of Secret " + secret + ", which has no such key");
                }
                env.put(name, "<secret " + secret + "/" + key + ">");
            } else if (var.path("valueFrom").has("configMapKeyRef")) {
                JsonNode ref = var.path("valueFrom").path("configMapKeyRef");
                Map<String, String> data = configMapData(ref.path("name").asText(), service);
                String key = ref.path("key").asText();
                if (!data.containsKey(key)) {
                    throw new AssertionError(service + ": " + name + " reads key " + key + " of ConfigMap " + ref.path("name").asText() + ", which has no such key");
                }
                env.put(name, data.get(key));
            } else if (var.path("valueFrom").has("fieldRef")) {
                env.put(name, "<field " + var.path("valueFrom").path("fieldRef").path("fieldPath").asText() + ">");
            } else {
                throw new AssertionError(service + ": variable " + name + " has neither value nor a known valueFrom");
            }
        }
        return env;
    }

    static Map<String, String> configMapData(String name, String user) {
        Manifest cm = Repo.manifest("ConfigMap", name)
                .orElseThrow(() -> new AssertionError(user + " reads ConfigMap " + name + ", which is not in deploy/k8s"));
        Map<String, String> data = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = cm.doc().path("data").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            data.put(e.getKey(), e.getValue().asText());
        }
        return data;
    }

    /**
     * The keys of a Secret the manifests refer to. None is committed: it is written by deploy/k8s/secrets/generate.sh
     * (in {@link Repo#manifests()}), or by an operator from a resource of deploy/k8s (Strimzi: a KafkaUser's
     * credentials, the Kafka cluster's CA; CloudNativePG: the cluster's CA).
     */
    static List<String> secretKeys(String name, String user) {
        Manifest generated = Repo.manifest("Secret", name).orElse(null);
        if (generated != null) {
            List<String> keys = new ArrayList<>();
            generated.doc().path("stringData").fieldNames().forEachRemaining(keys::add);
            generated.doc().path("data").fieldNames().forEachRemaining(keys::add);
            return keys;
        }
        if (Repo.manifest("KafkaUser", name).isPresent()) {
            return List.of("password", "sasl.jaas.config");
        }
        for (Manifest kafka : Repo.manifests("Kafka")) {
            if (name.equals(kafka.name() + "-cluster-ca-cert")) {
                return List.of("ca.crt", "ca.p12", "ca.password");
            }
        }
        for (Manifest cluster : Repo.manifests("Cluster")) {
            if (name.equals(cluster.name() + "-ca")) {
                return List.of("ca.crt", "ca.key");
            }
        }
        throw new AssertionError(user + " reads Secret " + name + ", which neither deploy/k8s/secrets/generate.sh nor an"
                + " operator of deploy/k8s writes");
    }

    static JsonNode composeService(String service) {
        JsonNode s = Repo.compose().path("services").path(service);
        if (s.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + service);
        }
        return s;
    }

    /** The entrypoint wrapper that turns each NAME_FILE=/run/secrets/... into NAME (deploy/compose/secret-env.sh). */
    static final String SECRET_ENV = "/opt/par/secret-env.sh";

    /**
     * The environment the compose service's process gets, in either of compose's two forms (a map, or a list of
     * NAME=value): {@code $$} as compose hands it over ({@code $}), and, when the service starts through
     * {@link #SECRET_ENV}, each {@code NAME_FILE=/run/secrets/x} as {@code NAME=<secret x>}.
     */
    static Map<String, String> composeEnvironment(JsonNode composeService) {
        Map<String, String> given = new LinkedHashMap<>();
        JsonNode environment = composeService.path("environment");
        if (environment.isArray()) {
            for (JsonNode item : environment) {
                String[] pair = item.asText().split("=", 2);
                given.put(pair[0], pair.length > 1 ? pair[1] : null);
            }
        } else {
            environment.fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().asText()));
        }
        boolean wrapped = Repo.list(composeService.path("entrypoint")).stream().map(JsonNode::asText)
                .anyMatch(SECRET_ENV::equals);
        Map<String, String> env = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (wrapped && name.endsWith("_FILE") && value != null && value.startsWith("/run/secrets/")) {
                env.put(name.substring(0, name.length() - "_FILE".length()),
                        "<secret " + value.substring("/run/secrets/".length()) + ">");
            } else {
                env.put(name, value == null ? null : value.replace("$$", "$"));
            }
        });
        return env;
    }
}
