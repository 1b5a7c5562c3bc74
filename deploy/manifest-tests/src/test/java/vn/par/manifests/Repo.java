package vn.par.manifests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The files under test, read from the working tree: manifests, compose file, Dockerfiles, service configuration. */
final class Repo {

    static final List<String> SERVICES = List.of("criteria-service", "progress-service", "scoring-service");

    static final Path ROOT = Path.of(System.getProperty("par.root", "../..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final Path COMPOSE_DIR = ROOT.resolve("deploy/compose");
    static final Path COMPOSE_FILE = COMPOSE_DIR.resolve("docker-compose.yml");
    static final Path DEV_REALM = ROOT.resolve("deploy/keycloak/par-realm.json");
    static final Path PRODUCTION_REALM = K8S.resolve("engines/keycloak/par-realm-production.json");
    static final Path TOPIC_SPEC = ROOT.resolve("deploy/stack/src/main/java/vn/par/stack/TopicSpec.java");
    static final Path COMPOSE_SECRETS = COMPOSE_DIR.resolve("secrets");
    static final Path COMPOSE_SECRETS_SCRIPT = COMPOSE_DIR.resolve("generate-secrets.sh");
    static final Path K8S_SECRETS_SCRIPT = K8S.resolve("secrets/generate.sh");
    static final Path K8S_SECRETS_ENV = K8S.resolve("secrets/secrets.env");
    static final Path K8S_SECRETS_EXAMPLE = K8S.resolve("secrets/secrets.env.example");
    static final Path K8S_GENERATED_SECRETS = K8S.resolve("secrets/generated");
    /** Where the generators write secret values: git-ignored, never read as part of the committed deployment. */
    static final List<Path> SECRET_VALUES = List.of(COMPOSE_SECRETS, K8S_SECRETS_ENV, K8S_GENERATED_SECRETS);

    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    private Repo() {
    }

    /** A document of a Kubernetes manifest and the file it came from. */
    record Manifest(Path file, JsonNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        JsonNode spec() {
            return doc.path("spec");
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + ROOT.relativize(file) + ")";
        }
    }

    /** Every .yaml/.yml file under a folder, in a stable order, the generated secret values left out. */
    static List<Path> yamlFiles(Path dir) {
        return files(dir).stream()
                .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                .collect(Collectors.toList());
    }

    /**
     * Every file under a folder, in a stable order, without build output (target/) and without what the secret
     * generators wrote ({@link #SECRET_VALUES}): only what the repository holds.
     */
    static List<Path> files(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> SECRET_VALUES.stream().noneMatch(f::startsWith))
                    .filter(f -> !ROOT.relativize(f).toString().matches("(.*/)?target/.*"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of a (possibly multi-document) YAML file, empty documents left out. */
    static List<JsonNode> documents(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(reader)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot parse " + ROOT.relativize(file) + ": " + e.getMessage(), e);
        }
        return docs;
    }

    static boolean isKustomization(Path file) {
        return file.getFileName().toString().equals("kustomization.yaml");
    }

    /**
     * Every Kubernetes object of deploy/k8s: the documents of its YAML files (the Kustomization files themselves
     * excluded) and the Secrets secrets/generate.sh writes, which are never committed.
     */
    static List<Manifest> manifests() {
        List<Manifest> all = new ArrayList<>();
        for (Path file : yamlFiles(K8S)) {
            if (!isKustomization(file)) {
                documents(file).forEach(doc -> all.add(new Manifest(file, doc)));
            }
        }
        all.addAll(GeneratedSecrets.manifests());
        return all;
    }

    static List<Manifest> manifests(String kind) {
        return manifests().stream().filter(m -> m.kind().equals(kind)).collect(Collectors.toList());
    }

    static Optional<Manifest> manifest(String kind, String name) {
        return manifests(kind).stream().filter(m -> m.name().equals(name)).findFirst();
    }

    static Manifest required(String kind, String name) {
        return manifest(kind, name).orElseThrow(() -> new AssertionError("No " + kind + " named " + name + " in deploy/k8s"));
    }

    static JsonNode compose() {
        return documents(COMPOSE_FILE).get(0);
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path dockerfile(String service) {
        return ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
    }

    /** The service's application.properties, as Quarkus reads it. */
    static Properties applicationProperties(String service) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    static int httpPort(String service) {
        return Integer.parseInt(applicationProperties(service).getProperty("quarkus.http.port").trim());
    }

    /** Quarkus's default port of the management interface, which no service changes. */
    static final int MANAGEMENT_PORT = 9000;

    /**
     * The port of the packaged service's management interface ({@code /q/*}), or -1 when the production profile does not
     * enable it (then {@code /q/*} is on the public port).
     */
    static int managementPort(String service) {
        Properties p = applicationProperties(service);
        if (!Boolean.parseBoolean(p.getProperty("%prod.quarkus.management.enabled",
                p.getProperty("quarkus.management.enabled", "false")).trim())) {
            return -1;
        }
        return Integer.parseInt(p.getProperty("%prod.quarkus.management.port",
                p.getProperty("quarkus.management.port", Integer.toString(MANAGEMENT_PORT))).trim());
    }

    /** The service's own database: the last path segment of its default JDBC URL. */
    static String database(String service) {
        String url = applicationProperties(service).getProperty("quarkus.datasource.jdbc.url").trim();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /**
     * The environment variables through which a service's properties can be set: Quarkus (SmallRye Config) maps
     * property {@code a.b-c} to {@code A_B_C} (every character that is not a letter or digit becomes {@code _}).
     * Keys of the production profile ({@code %prod.x}) count as {@code x}: the deployments run the packaged service,
     * which runs that profile. Other profiles' keys ({@code %test.x}) are left out: no deployment runs them.
     */
    static Set<String> environmentOfProperties(String service) {
        Properties properties = applicationProperties(service);
        Set<String> names = properties.stringPropertyNames().stream()
                .filter(Repo::deployed)
                .map(key -> environmentName(key.startsWith(PROD) ? key.substring(PROD.length()) : key))
                .collect(Collectors.toCollection(TreeSet::new));
        // Variables a value names itself, e.g. ${PAR_WEB_SESSION_SECRET:...}.
        Matcher reference = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher("");
        for (String key : properties.stringPropertyNames()) {
            if (deployed(key)) {
                reference.reset(properties.getProperty(key));
                while (reference.find()) {
                    names.add(reference.group(1));
                }
            }
        }
        return names;
    }

    private static final String PROD = "%prod.";

    /** A key the deployments read: one of every profile, or of the production profile. */
    private static boolean deployed(String key) {
        return !key.startsWith("%") || key.startsWith(PROD);
    }

    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A topic the local stack creates, as declared in TopicSpec.java. */
    record Topic(String name, int partitions, boolean compacted) {
    }

    /** The topics of {@code TopicSpec.SYSTEM}, read from the source so that the two cannot drift apart. */
    static List<Topic> stackTopics() {
        Matcher m = Pattern.compile("new\\s+TopicSpec\\(\\s*\"([^\"]+)\"\\s*,\\s*(\\d+)\\s*,\\s*(true|false)\\s*\\)")
                .matcher(text(TOPIC_SPEC));
        List<Topic> topics = new ArrayList<>();
        while (m.find()) {
            topics.add(new Topic(m.group(1), Integer.parseInt(m.group(2)), Boolean.parseBoolean(m.group(3))));
        }
        if (topics.isEmpty()) {
            throw new AssertionError("Found no 'new TopicSpec(\"name\", partitions, compacted)' in " + ROOT.relativize(TOPIC_SPEC));
        }
        return topics;
    }

    /** Where two JSON trees first differ (a JSON-pointer-like path and both values), or null when they are equal. */
    static String firstDifference(JsonNode expected, JsonNode actual, String path) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String d = firstDifference(expected.path(name), actual.path(name), path + "/" + name);
                if (d != null) {
                    return d;
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                String d = firstDifference(expected.get(i), actual.get(i), path + "/" + i);
                if (d != null) {
                    return d;
                }
            }
        }
        return (path.isEmpty() ? "/" : path) + ": " + abbreviate(expected) + " vs " + abbreviate(actual);
    }

    private static String abbreviate(JsonNode node) {
        String s = node.isMissingNode() ? "(absent)" : node.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
