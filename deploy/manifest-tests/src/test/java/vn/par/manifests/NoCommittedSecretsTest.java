package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * No secret value is committed under deploy/: no Secret manifest with data, no password-like key or setting with a
 * literal value (CommittedSecrets says what counts). The values live in the git-ignored files the generators write.
 */
class NoCommittedSecretsTest {

    @Test
    void noFileUnderDeployHoldsASecretValue() {
        List<Path> files = Repo.files(Repo.ROOT.resolve("deploy"));
        assertTrue(files.size() > 100, "expected the whole deploy folder, found " + files.size() + " files");
        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".java") || name.endsWith(".md")) {
                continue; // code and prose: their examples name the development realm's demo users
            }
            findings.addAll(CommittedSecrets.in(file));
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void whereTheGeneratorsWriteIsGitIgnored() {
        List<String> ignored = ComposeClosedByDefaultTest.gitIgnored();
        for (Path path : Repo.SECRET_VALUES) {
            String entry = Repo.ROOT.relativize(path) + (path.equals(Repo.K8S_SECRETS_ENV) ? "" : "/");
            assertTrue(ignored.contains(entry), ".gitignore must list " + entry);
        }
        assertTrue(Repo.text(Repo.K8S_SECRETS_SCRIPT).contains("out=\"$here/generated\""), "generate.sh writes to generated/");
        assertTrue(Repo.text(Repo.K8S_SECRETS_SCRIPT).contains("env_file=\"${1:-$here/secrets.env}\""),
                "generate.sh reads secrets.env");
        assertTrue(Repo.text(Repo.COMPOSE_SECRETS_SCRIPT).contains("dir=\"$(cd \"$(dirname \"$0\")\" && pwd)/secrets\""),
                "generate-secrets.sh writes to deploy/compose/secrets/");
    }

    @Test
    void everyGeneratedSecretTakesItsValuesFromAPlaceholderOfTheExample() {
        var example = GeneratedSecrets.exampleVariables();
        for (GeneratedSecrets.Secret secret : GeneratedSecrets.all().values()) {
            secret.variables().values().stream().filter(v -> v != null).forEach(variable -> assertEquals("CHANGE_ME",
                    example.get(variable), secret.name() + " takes " + variable + ", which secrets.env.example must name"));
        }
    }

    @Test
    void theCheckFindsAPasswordInEachFormItCovers() {
        assertEquals(1, CommittedSecrets.inStructured("secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: par-db-criteria}
                stringData: {password: CHANGE-ME-criteria-db-password}
                """, false, false).stream().filter(f -> f.contains("carries values")).count());
        assertEquals(1, CommittedSecrets.inStructured("compose.yml", """
                services:
                  postgres:
                    environment:
                      POSTGRES_PASSWORD: ${PAR_DB_PASSWORD:-postgres}
                """, false, false).size(), "a default in ${...:-...} is a committed password");
        assertEquals(1, CommittedSecrets.inStructured("deployment.yaml", """
                env:
                  - name: QUARKUS_DATASOURCE_PASSWORD
                    value: hunter2hunter2
                """, false, false).size());
        assertEquals(1, CommittedSecrets.inStructured("compose.yml", """
                environment:
                  PAR_WEB_SESSION_SECRET: change-me-at-least-32-characters-criteria
                """, false, false).size());
        assertEquals(1, CommittedSecrets.inStructured("compose.yml", """
                environment:
                  KAFKA_SASL_JAAS_CONFIG: ScramLoginModule required username="criteria-service" password="s3cr3t-pw";
                """, false, false).size());
        assertEquals(1, CommittedSecrets.inStructured("realm.json", """
                {"users": [{"username": "a", "credentials": [{"type": "password", "value": "a"}]}]}
                """, true, false).size(), "a user with a password outside the development realm");
        assertEquals(1, CommittedSecrets.inLines("secrets.env", "PAR_DB_CRITERIA_PASSWORD=Xk29dkQ0\n", false).size());
        assertEquals(1, CommittedSecrets.inLines("secrets.env", "PAR_DB_CRITERIA_PASSWORD=CHANGE_ME\n", false).size(),
                "a placeholder outside an example file is a value");
    }

    @Test
    void referencesToSecretsAreNotValues() {
        assertEquals(List.of(), CommittedSecrets.inStructured("compose.yml", """
                environment:
                  POSTGRES_PASSWORD_FILE: /run/secrets/postgres-superuser
                  KAFKA_SASL_JAAS_CONFIG: ScramLoginModule required username="x" password="$${PAR_KAFKA_PASSWORD}";
                  PAR_WEB_SESSION_SECRET: ${PAR_WEB_SESSION_SECRET:?set it}
                http:
                  tlsSecret: par-sso-tls
                passwordPolicy: length(12)
                localizationTexts: {vi: {password: Mật khẩu}}
                """, false, false));
        assertEquals(List.of(), CommittedSecrets.inLines("secrets.env.example", "PAR_DB_CRITERIA_PASSWORD=CHANGE_ME\n", true));
        assertEquals(List.of(), CommittedSecrets.inLines("init.sh", "-v password=\"$(< /run/secrets/db-$role)\"\n", false));
    }
}
