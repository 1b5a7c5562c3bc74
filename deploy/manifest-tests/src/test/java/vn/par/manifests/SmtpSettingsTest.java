package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * progress-service's reminders go through the agency's SMTP server, whose settings both deployments take from a secret
 * the generators write (never committed), with STARTTLS required; no other service is given them.
 */
class SmtpSettingsTest {

    /** Each setting of quarkus-mailer that is the mail provider's, and its name in secrets.env / a compose secret. */
    private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

    static {
        SETTINGS.put("QUARKUS_MAILER_HOST", "host");
        SETTINGS.put("QUARKUS_MAILER_PORT", "port");
        SETTINGS.put("QUARKUS_MAILER_USERNAME", "username");
        SETTINGS.put("QUARKUS_MAILER_PASSWORD", "password");
        SETTINGS.put("QUARKUS_MAILER_FROM", "from");
    }

    /** The compose secrets generate-secrets.sh writes from PAR_SMTP_* (its smtp=( ... ) list). */
    static List<String> composeSmtpSecrets() {
        Matcher smtp = Pattern.compile("(?s)\\nsmtp=\\((.*?)\\)").matcher(Repo.text(Repo.COMPOSE_SECRETS_SCRIPT));
        assertTrue(smtp.find(), "generate-secrets.sh lists the SMTP secrets in smtp=( ... )");
        return List.of(smtp.group(1).strip().split("\\s+"));
    }

    @Test
    void composeGivesProgressServiceEverySmtpSettingFromASecretWrittenFromParSmtpVariables() {
        Map<String, String> env = Workloads.composeEnvironment(Workloads.composeService("progress-service"));
        SETTINGS.forEach((variable, key) -> assertEquals("<secret smtp-" + key + ">", env.get(variable), variable));
        assertEquals("REQUIRED", env.get("QUARKUS_MAILER_START_TLS"));
        assertEquals(SETTINGS.values().stream().map(k -> "smtp-" + k).toList(), composeSmtpSecrets());
        String script = Repo.text(Repo.COMPOSE_SECRETS_SCRIPT);
        assertTrue(script.contains("variable=\"PAR_$(printf '%s' \"${name//-/_}\" | tr '[:lower:]' '[:upper:]')\""),
                "smtp-host is written from PAR_SMTP_HOST, and so on: the provider's values, not random ones");
    }

    @Test
    void kubernetesGivesProgressServiceEverySmtpSettingFromTheGeneratedSecretParSmtp() {
        Map<String, String> env = Workloads.kubernetesEnvironment("progress-service");
        SETTINGS.forEach((variable, key) -> assertEquals("<secret par-smtp/" + key + ">", env.get(variable), variable));
        assertEquals("REQUIRED", env.get("QUARKUS_MAILER_START_TLS"));
        GeneratedSecrets.Secret smtp = GeneratedSecrets.all().get("par-smtp");
        assertTrue(smtp != null, "secrets/generate.sh writes the Secret par-smtp");
        SETTINGS.values().forEach(key -> assertEquals("PAR_SMTP_" + key.toUpperCase(java.util.Locale.ROOT),
                smtp.variables().get(key), "par-smtp/" + key));
    }

    @Test
    void noOtherServiceIsGivenTheSmtpAccount() {
        for (String service : List.of("criteria-service", "scoring-service")) {
            Map<String, String> k8s = Workloads.kubernetesEnvironment(service);
            Map<String, String> compose = Workloads.composeEnvironment(Workloads.composeService(service));
            for (String variable : SETTINGS.keySet()) {
                assertTrue(!k8s.containsKey(variable) && !compose.containsKey(variable), service + " is given " + variable);
            }
        }
    }
}
