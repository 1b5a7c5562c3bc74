package vn.par.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.manifests.Repo.Manifest;

/**
 * The Secrets deploy/k8s/secrets/generate.sh writes (never committed; Repo.manifests() holds them as the objects it
 * applies), read from its calls: {@code db_secret ROLE
 * VARIABLE} (Secret par-db-ROLE, keys username = ROLE and password) and {@code secret NAME TYPE KEY=VARIABLE...}.
 */
final class GeneratedSecrets {

    /** A generated Secret: each key and the secrets.env variable its value comes from (null: a fixed value). */
    record Secret(String name, Map<String, String> variables) {
    }

    private GeneratedSecrets() {
    }

    static Map<String, Secret> all() {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        Pattern db = Pattern.compile("^db_secret (\\w+) (\\w+)$");
        Pattern other = Pattern.compile("^secret (\\S+) (\\S+)((?: [\\w.-]+=\\w+)+)$");
        for (String line : Repo.text(Repo.K8S_SECRETS_SCRIPT).lines().toList()) {
            Matcher m = db.matcher(line);
            if (m.matches()) {
                Map<String, String> keys = new LinkedHashMap<>();
                keys.put("username", null);
                keys.put("password", m.group(2));
                secrets.put("par-db-" + m.group(1), new Secret("par-db-" + m.group(1), keys));
                continue;
            }
            m = other.matcher(line);
            if (m.matches()) {
                Map<String, String> keys = new LinkedHashMap<>();
                for (String pair : m.group(3).strip().split(" ")) {
                    keys.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
                secrets.put(m.group(1), new Secret(m.group(1), keys));
            }
        }
        if (secrets.isEmpty()) {
            throw new AssertionError("found no db_secret or secret call in " + Repo.ROOT.relativize(Repo.K8S_SECRETS_SCRIPT));
        }
        return secrets;
    }

    /**
     * The Secrets as the objects kubectl applies from generated/, each key's value standing for its variable
     * ({@code <secrets.env: NAME>}) and a database Secret's username being its role, as generate.sh writes it.
     */
    static List<Manifest> manifests() {
        List<Manifest> manifests = new ArrayList<>();
        for (Secret secret : all().values()) {
            ObjectNode doc = Repo.JSON.createObjectNode();
            doc.put("apiVersion", "v1");
            doc.put("kind", "Secret");
            ObjectNode metadata = doc.putObject("metadata");
            metadata.put("name", secret.name());
            ObjectNode labels = metadata.putObject("labels");
            labels.put("app.kubernetes.io/part-of", "par");
            boolean database = secret.variables().containsKey("username");
            if (database) {
                labels.put("cnpg.io/reload", "true");
            }
            doc.put("type", database ? "kubernetes.io/basic-auth" : "Opaque");
            ObjectNode data = doc.putObject("stringData");
            secret.variables().forEach((key, variable) -> data.put(key,
                    variable == null ? role(secret.name()) : "<secrets.env: " + variable + ">"));
            manifests.add(new Manifest(Repo.K8S_SECRETS_SCRIPT, doc));
        }
        return manifests;
    }

    /** The variables secrets.env.example names, each with its placeholder value. */
    static Map<String, String> exampleVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Repo.text(Repo.K8S_SECRETS_EXAMPLE).lines().toList()) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                variables.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return variables;
    }

    /** The role a database Secret is for: its username, which generate.sh sets to the role (db_secret ROLE ...). */
    static String role(String secret) {
        return secret.substring("par-db-".length());
    }

    /** The Secrets of database roles (db_secret calls). */
    static List<String> databaseSecrets() {
        return all().values().stream().filter(s -> s.variables().containsKey("username")).map(Secret::name).toList();
    }
}
