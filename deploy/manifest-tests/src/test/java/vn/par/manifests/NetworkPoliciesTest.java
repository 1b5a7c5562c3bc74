package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.manifests.Repo.Manifest;

/**
 * Namespace par is closed by default and open to exactly the flows the system needs. The test puts the pods of the
 * system (with the labels their operators give them) and their neighbours (the ingress controller, DNS, the operators
 * outside par, another application, addresses outside the cluster) in a model, evaluates the NetworkPolicies of
 * deploy/k8s as Kubernetes does (a connection passes when the source's Egress and the destination's Ingress both
 * allow it; a namespace without policies allows everything), and compares every connection that passes with the
 * table below. Strimzi's own Ingress policies for the Kafka pods are part of the model, as its documentation describes
 * them: the listener's networkPolicyPeers, and the replication (9091), control-plane (9090) and agent (8443) ports for
 * the Kafka pods, the entity operator and the cluster operator.
 */
class NetworkPoliciesTest {

    private static final String PAR = "par";

    /** A pod (or, with a null namespace, an address outside the cluster) and the ports it listens on. */
    record Endpoint(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts,
            List<String> ports, String ip) {

        boolean inPar() {
            return PAR.equals(namespace);
        }

        boolean external() {
            return namespace == null;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            pod("criteria-service", Map.of("app.kubernetes.io/name", "criteria-service"),
                    Map.of("http", 8081, "management", 9000), "8081/TCP", "9000/TCP"),
            pod("progress-service", Map.of("app.kubernetes.io/name", "progress-service"),
                    Map.of("http", 8082, "management", 9000), "8082/TCP", "9000/TCP"),
            pod("scoring-service", Map.of("app.kubernetes.io/name", "scoring-service"),
                    Map.of("http", 8083, "management", 9000), "8083/TCP", "9000/TCP"),
            pod("keycloak-0", keycloakLabels("keycloak"), Map.of(), "8443/TCP", "7800/TCP", "57800/TCP", "9000/TCP"),
            pod("keycloak-1", keycloakLabels("keycloak"), Map.of(), "8443/TCP", "7800/TCP", "57800/TCP", "9000/TCP"),
            pod("keycloak-realm-import", keycloakLabels("keycloak-realm-import"), Map.of()),
            pod("keycloak-operator", Map.of("app.kubernetes.io/name", "keycloak-operator"), Map.of()),
            pod("par-db-1", Map.of("cnpg.io/cluster", "par-db", "cnpg.io/podRole", "instance"), Map.of(), "5432/TCP", "8000/TCP"),
            pod("par-db-2", Map.of("cnpg.io/cluster", "par-db", "cnpg.io/podRole", "instance"), Map.of(), "5432/TCP", "8000/TCP"),
            pod("kafka-0", kafkaLabels("par-kafka-kafka", "kafka"), Map.of(), "9090/TCP", "9091/TCP", "9093/TCP", "8443/TCP"),
            pod("kafka-1", kafkaLabels("par-kafka-kafka", "kafka"), Map.of(), "9090/TCP", "9091/TCP", "9093/TCP", "8443/TCP"),
            pod("entity-operator", kafkaLabels("par-kafka-entity-operator", "entity-operator"), Map.of()),
            new Endpoint("ingress-nginx", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of(),
                    List.of("443/TCP"), null),
            new Endpoint("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"), Map.of(), List.of("53/UDP", "53/TCP"), null),
            new Endpoint("cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg"), Map.of(),
                    List.of(), null),
            new Endpoint("strimzi-operator", "strimzi", Map.of("strimzi.io/kind", "cluster-operator"), Map.of(), List.of(), null),
            new Endpoint("other-app", "default", Map.of("app", "other"), Map.of(), List.of("8080/TCP"), null),
            new Endpoint("api-server", null, Map.of(), Map.of(), List.of("443/TCP", "6443/TCP"), "203.0.113.10"),
            new Endpoint("internet", null, Map.of(), Map.of(), List.of("443/TCP", "80/TCP", "587/TCP"), "192.0.2.30"));

    /** Every connection that must pass, and no other, as "source -> destination:port/protocol". */
    static Set<String> expected() {
        Set<String> flows = new TreeSet<>();
        List<String> services = List.of("criteria-service", "progress-service", "scoring-service");
        List<String> keycloaks = List.of("keycloak-0", "keycloak-1");
        List<String> databases = List.of("par-db-1", "par-db-2");
        List<String> brokers = List.of("kafka-0", "kafka-1");
        // The public: the ingress controller to the services' HTTP ports and Keycloak's HTTPS port.
        flows.add("ingress-nginx -> criteria-service:8081/TCP");
        flows.add("ingress-nginx -> progress-service:8082/TCP");
        flows.add("ingress-nginx -> scoring-service:8083/TCP");
        add(flows, List.of("ingress-nginx"), keycloaks, "8443/TCP");
        // The services: their database, the brokers' TLS listener, Keycloak's public URL (through the controller).
        add(flows, services, databases, "5432/TCP");
        add(flows, services, brokers, "9093/TCP");
        add(flows, services, List.of("ingress-nginx"), "443/TCP");
        // progress-service's reminders, through the agency's SMTP server (0.0.0.0/0 until narrowed).
        flows.add("progress-service -> internet:587/TCP");
        // Keycloak: its instances with each other (JGroups), its database (the server and the realm import).
        flows.add("keycloak-0 -> keycloak-1:7800/TCP");
        flows.add("keycloak-0 -> keycloak-1:57800/TCP");
        flows.add("keycloak-1 -> keycloak-0:7800/TCP");
        flows.add("keycloak-1 -> keycloak-0:57800/TCP");
        add(flows, List.of("keycloak-0", "keycloak-1", "keycloak-realm-import"), databases, "5432/TCP");
        // Keycloak's instances post the back-channel logout to the services' HTTP ports (never to 9000, the
        // management port: nothing in the cluster reaches it without a policy of its own).
        add(flows, keycloaks, List.of("criteria-service"), "8081/TCP");
        add(flows, keycloaks, List.of("progress-service"), "8082/TCP");
        add(flows, keycloaks, List.of("scoring-service"), "8083/TCP");
        // PostgreSQL: replication and status between instances, the operator to every instance; out to the API server
        // and the object store (0.0.0.0/0 until narrowed: every address outside the cluster).
        add(flows, List.of("par-db-1"), List.of("par-db-2"), "5432/TCP", "8000/TCP");
        add(flows, List.of("par-db-2"), List.of("par-db-1"), "5432/TCP", "8000/TCP");
        add(flows, List.of("cnpg-operator"), databases, "5432/TCP", "8000/TCP");
        add(flows, databases, List.of("api-server"), "443/TCP", "6443/TCP");
        add(flows, databases, List.of("internet"), "443/TCP");
        // Kafka: the brokers with each other, the entity operator and the cluster operator to the brokers.
        add(flows, List.of("kafka-0"), List.of("kafka-1"), "9090/TCP", "9091/TCP");
        add(flows, List.of("kafka-1"), List.of("kafka-0"), "9090/TCP", "9091/TCP");
        add(flows, List.of("entity-operator"), brokers, "9091/TCP");
        add(flows, List.of("strimzi-operator"), brokers, "9091/TCP", "8443/TCP");
        // The operators in par: the Kubernetes API (0.0.0.0/0 until narrowed).
        add(flows, List.of("entity-operator", "keycloak-operator"), List.of("api-server"), "443/TCP", "6443/TCP");
        add(flows, List.of("entity-operator", "keycloak-operator"), List.of("internet"), "443/TCP");
        // Every pod of par resolves names.
        for (Endpoint e : ENDPOINTS) {
            if (e.inPar()) {
                add(flows, List.of(e.name()), List.of("kube-dns"), "53/UDP", "53/TCP");
            }
        }
        return flows;
    }

    @Test
    void everythingInParIsDeniedUnlessAPolicyAllowsIt() {
        Manifest deny = Repo.manifests("NetworkPolicy").stream()
                .filter(p -> p.spec().path("podSelector").isEmpty() && !p.spec().has("ingress") && !p.spec().has("egress"))
                .findFirst().orElseThrow(() -> new AssertionError("no default-deny NetworkPolicy (podSelector {}, no rules)"));
        Set<String> types = new TreeSet<>();
        deny.spec().path("policyTypes").forEach(t -> types.add(t.asText()));
        assertEquals(Set.of("Ingress", "Egress"), types, deny + " must deny both directions");
    }

    @Test
    void exactlyTheFlowsTheSystemNeedsPass() {
        List<JsonNode> policies = new ArrayList<>();
        Repo.manifests("NetworkPolicy").forEach(p -> policies.add(p.spec()));
        policies.addAll(strimziPolicies());
        Set<String> passing = new TreeSet<>();
        for (Endpoint source : ENDPOINTS) {
            for (Endpoint destination : ENDPOINTS) {
                if (source == destination || !(source.inPar() || destination.inPar()) || source.external()) {
                    continue;
                }
                for (String port : destination.ports()) {
                    if (allows(policies, source, destination, port)) {
                        passing.add(source.name() + " -> " + destination.name() + ":" + port);
                    }
                }
            }
        }
        Set<String> missing = new TreeSet<>(expected());
        missing.removeAll(passing);
        Set<String> extra = new TreeSet<>(passing);
        extra.removeAll(expected());
        assertTrue(missing.isEmpty() && extra.isEmpty(), "blocked but needed: " + missing + "\nallowed but not needed: " + extra);
    }

    /** Kubernetes' rule: the source's namespace lets it out, and the destination's lets it in. */
    static boolean allows(List<JsonNode> policies, Endpoint source, Endpoint destination, String port) {
        return direction(policies, source, destination, port, "Egress") && direction(policies, destination, source, port, "Ingress");
    }

    /** Whether the policies selecting {@code subject} let the connection with {@code peer} through in one direction. */
    private static boolean direction(List<JsonNode> policies, Endpoint subject, Endpoint peer, String port, String type) {
        if (!subject.inPar()) {
            return true; // a namespace without policies (this model's other namespaces) allows everything
        }
        boolean selected = false;
        for (JsonNode policy : policies) {
            if (!types(policy).contains(type) || !selects(policy.path("podSelector"), subject.labels())) {
                continue;
            }
            selected = true;
            for (JsonNode rule : policy.path(type.equals("Egress") ? "egress" : "ingress")) {
                JsonNode peers = rule.path(type.equals("Egress") ? "to" : "from");
                boolean peerMatches = peers.isMissingNode() || peers.isEmpty();
                for (JsonNode p : peers) {
                    peerMatches |= matchesPeer(p, peer);
                }
                Endpoint listener = type.equals("Egress") ? peer : subject;
                if (peerMatches && matchesPort(rule.path("ports"), listener, port)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    private static Set<String> types(JsonNode policy) {
        Set<String> types = new TreeSet<>();
        policy.path("policyTypes").forEach(t -> types.add(t.asText()));
        if (types.isEmpty()) {
            types.add("Ingress");
            if (policy.has("egress")) {
                types.add("Egress");
            }
        }
        return types;
    }

    private static boolean matchesPeer(JsonNode peer, Endpoint endpoint) {
        if (peer.has("ipBlock")) {
            JsonNode block = peer.path("ipBlock");
            if (!endpoint.external() || !inCidr(endpoint.ip(), block.path("cidr").asText())) {
                return false;
            }
            for (JsonNode except : block.path("except")) {
                if (inCidr(endpoint.ip(), except.asText())) {
                    return false;
                }
            }
            return true;
        }
        if (endpoint.external()) {
            return false;
        }
        if (peer.has("namespaceSelector")) {
            if (!selects(peer.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", endpoint.namespace()))) {
                return false;
            }
        } else if (!endpoint.inPar()) {
            return false; // a podSelector alone selects pods of the policy's own namespace
        }
        return !peer.has("podSelector") || selects(peer.path("podSelector"), endpoint.labels());
    }

    private static boolean matchesPort(JsonNode ports, Endpoint listener, String port) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        String[] p = port.split("/");
        for (JsonNode rule : ports) {
            if (rule.has("endPort")) {
                throw new AssertionError("this model does not know endPort: " + rule);
            }
            JsonNode value = rule.path("port");
            int number = value.isInt() ? value.asInt() : listener.namedPorts().getOrDefault(value.asText(), -1);
            if (rule.path("protocol").asText("TCP").equals(p[1]) && (value.isMissingNode() || number == Integer.parseInt(p[0]))) {
                return true;
            }
        }
        return false;
    }

    static boolean selects(JsonNode selector, Map<String, String> labels) {
        for (Map.Entry<String, JsonNode> e : iterable(selector.path("matchLabels"))) {
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            Set<String> values = new HashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> values.contains(labels.get(key));
                case "NotIn" -> !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new AssertionError("unknown operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Strimzi's Ingress policies for the Kafka pods (its listener's networkPolicyPeers and its internal ports). */
    private static List<JsonNode> strimziPolicies() {
        Manifest kafka = Repo.manifests("Kafka").get(0);
        String brokers = "{\"strimzi.io/cluster\": \"" + kafka.name() + "\", \"strimzi.io/name\": \"" + kafka.name() + "-kafka\"}";
        List<JsonNode> policies = new ArrayList<>();
        for (JsonNode listener : kafka.spec().path("kafka").path("listeners")) {
            ObjectNode policy = json("{\"podSelector\": {\"matchLabels\": " + brokers + "}, \"policyTypes\": [\"Ingress\"],"
                    + " \"ingress\": [{\"ports\": [{\"port\": " + listener.path("port").asInt() + "}]}]}");
            if (listener.has("networkPolicyPeers")) {
                ((ObjectNode) policy.path("ingress").get(0)).set("from", listener.path("networkPolicyPeers"));
            }
            policies.add(policy);
        }
        String entityOperator = "{\"strimzi.io/cluster\": \"" + kafka.name() + "\", \"strimzi.io/name\": \"" + kafka.name()
                + "-entity-operator\"}";
        String clusterOperator = "{\"namespaceSelector\": {}, \"podSelector\": {\"matchLabels\": {\"strimzi.io/kind\": \"cluster-operator\"}}}";
        policies.add(json("{\"podSelector\": {\"matchLabels\": " + brokers + "}, \"policyTypes\": [\"Ingress\"], \"ingress\": ["
                + "{\"from\": [{\"podSelector\": {\"matchLabels\": " + brokers + "}}], \"ports\": [{\"port\": 9090}]},"
                + "{\"from\": [{\"podSelector\": {\"matchLabels\": " + brokers + "}}, {\"podSelector\": {\"matchLabels\": "
                + entityOperator + "}}, " + clusterOperator + "], \"ports\": [{\"port\": 9091}]},"
                + "{\"from\": [" + clusterOperator + "], \"ports\": [{\"port\": 8443}]}]}"));
        return policies;
    }

    private static Endpoint pod(String name, Map<String, String> labels, Map<String, Integer> namedPorts, String... ports) {
        return new Endpoint(name, PAR, labels, namedPorts, List.of(ports), null);
    }

    private static Map<String, String> keycloakLabels(String app) {
        return Map.of("app", app, "app.kubernetes.io/managed-by", "keycloak-operator", "app.kubernetes.io/instance", "par-keycloak");
    }

    private static Map<String, String> kafkaLabels(String strimziName, String appName) {
        return Map.of("strimzi.io/cluster", "par-kafka", "strimzi.io/kind", "Kafka", "strimzi.io/name", strimziName,
                "app.kubernetes.io/name", appName);
    }

    private static void add(Set<String> flows, List<String> sources, List<String> destinations, String... ports) {
        for (String s : sources) {
            for (String d : destinations) {
                for (String p : ports) {
                    flows.add(s + " -> " + d + ":" + p);
                }
            }
        }
    }

    private static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
        return (toLong(ip) & mask) == (toLong(parts[0]) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Repo.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
