package vn.par.manifests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds secret values written into files: Secret manifests with data, and password-like keys or settings with a
 * literal value. A value is not a secret when it only refers to one: {@code ${NAME}} (without a default, which would be
 * a committed password), a compose secret file ({@code /run/secrets/...}), a command that reads one ({@code $(...)}),
 * a format placeholder ({@code %s}), the name of one of this project's variables ({@code PAR_...}), or, in an
 * {@code *.example} file only, the placeholder {@code CHANGE_ME}.
 */
final class CommittedSecrets {

    /** The files of text this check reads as YAML or JSON, the others line by line. */
    private static final Set<String> STRUCTURED = Set.of("yaml", "yml", "json");

    /** NAME=value in configuration, shell, SQL, JAAS: the name and the value (quoted or not). */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?<![\\w.-])([A-Za-z][\\w.-]*)\\s*=\\s*(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s;,)\\]}&\"']*)");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$?\\{[A-Za-z_][A-Za-z0-9_.]*(:\\?[^}]*)?\\}");

    private CommittedSecrets() {
    }

    static List<String> in(Path file) {
        String name = file.getFileName().toString();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String where = Repo.ROOT.relativize(file).toString();
        boolean example = name.endsWith(".example");
        String text = Repo.text(file);
        if (STRUCTURED.contains(extension)) {
            return inStructured(where, text, extension.equals("json"), file.equals(Repo.DEV_REALM));
        }
        return inLines(where, text, example);
    }

    /**
     * YAML or JSON: Secret manifests with data; password-like keys with a literal value; Kubernetes env entries
     * (name, value) likewise; Keycloak credentials ({type: password, value}), which only the development realm may
     * carry (its demo users); and the settings inside every text value (scripts, JAAS lines, URLs).
     */
    static List<String> inStructured(String where, String text, boolean json, boolean developmentRealm) {
        List<String> findings = new ArrayList<>();
        List<JsonNode> documents;
        try {
            documents = json ? List.of(Repo.JSON.readTree(text)) : Repo.YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll();
        } catch (java.io.IOException e) {
            throw new AssertionError(where + " does not parse: " + e.getMessage(), e);
        }
        for (JsonNode document : documents) {
            if (document == null) {
                continue;
            }
            if (document.path("kind").asText().equals("Secret")
                    && (!document.path("data").isEmpty() || !document.path("stringData").isEmpty())) {
                findings.add(where + ": Secret " + document.path("metadata").path("name").asText()
                        + " carries values (deploy/k8s/secrets/generate.sh writes Secrets, uncommitted)");
            }
            walk(where, document, developmentRealm, findings);
        }
        return findings;
    }

    private static void walk(String where, JsonNode node, boolean developmentRealm, List<String> findings) {
        if (node.isArray()) {
            node.forEach(n -> walk(where, n, developmentRealm, findings));
            return;
        }
        if (node.isTextual()) {
            findings.addAll(inLines(where, node.asText(), false));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode name = node.path("name");
        JsonNode value = node.path("value");
        if (name.isTextual() && value.isTextual() && passwordLike(name.asText()) && !reference(value.asText(), false)) {
            findings.add(where + ": " + name.asText() + " is given a literal value");
        }
        if (node.path("type").asText().equals("password") && value.isTextual() && !developmentRealm) {
            findings.add(where + ": a Keycloak credential with its password");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("localizationTexts")) {
                continue; // words shown on the login page ("password": "Mật khẩu")
            }
            if (field.getValue().isTextual() && passwordLike(field.getKey())
                    && !reference(field.getValue().asText(), false)) {
                findings.add(where + ": " + field.getKey() + " has a literal value");
            }
            walk(where, field.getValue(), developmentRealm, findings);
        }
    }

    /** Line-oriented text (configuration, scripts, SQL): every NAME=value whose name is password-like. */
    static List<String> inLines(String where, String text, boolean example) {
        List<String> findings = new ArrayList<>();
        Matcher m = ASSIGNMENT.matcher(text);
        while (m.find()) {
            String value = m.group(2);
            if (value.length() >= 2 && (value.startsWith("\"") || value.startsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            if ((passwordLike(m.group(1)) || m.group(1).startsWith("user_")) && !reference(value, example)) {
                findings.add(where + ": " + m.group(1) + "=" + abbreviate(value));
            }
        }
        return findings;
    }

    /**
     * Whether a key names a password or secret value: its last word (camelCase, _, . and - separate words) is password,
     * passwd or pwd, also before _FILE; an UPPER_SNAKE variable with the word SECRET; {@code secret} or
     * {@code clientSecret}. Keys that name a Secret ({@code secretName}, {@code tlsSecret}) or describe a rule
     * ({@code passwordPolicy}) are not.
     */
    static boolean passwordLike(String key) {
        List<String> words = List.of(key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
        int last = words.size() - 1;
        if (last > 0 && words.get(last).equals("file")) {
            last--;
        }
        if (Set.of("password", "passwd", "pwd").contains(words.get(last))) {
            return true;
        }
        if (key.matches("[A-Z0-9_]+") && words.contains("secret")) {
            return true;
        }
        return key.equals("secret") || key.equals("clientSecret");
    }

    static boolean reference(String value, boolean example) {
        String v = value.strip();
        return v.isEmpty()
                || REFERENCE.matcher(v).matches()
                || v.startsWith("/run/secrets/")
                || v.startsWith("$(") || v.startsWith("$$(")
                || v.equals("%s")
                || v.matches("PAR_[A-Z0-9_]+")
                || example && (v.equals("CHANGE_ME") || v.equals("CHANGE-ME"));
    }

    private static String abbreviate(String value) {
        return value.length() <= 4 ? "****" : value.substring(0, 2) + "****";
    }
}
