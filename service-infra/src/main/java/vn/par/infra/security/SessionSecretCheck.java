package vn.par.infra.security;

import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a production deployment whose page sessions would be encrypted with a key anyone can read.
 *
 * <p>Each service's {@code application.properties} falls back to a {@code development-only-...} key when
 * {@code PAR_WEB_SESSION_SECRET} is not set, so that the local stack and the tests run without one; a deployment that
 * forgot it would then accept session cookies forged with that key. Production is named explicitly
 * ({@code PAR_DEPLOYMENT=production}, set by deploy/compose and deploy/k8s) rather than inferred from Quarkus's
 * {@code prod} profile, which the local stack and the system tests run too.
 */
@ApplicationScoped
public class SessionSecretCheck {

    /** The value of {@code par.deployment} that asks for the check. */
    public static final String PRODUCTION = "production";

    /** AES-256 wants 32 bytes; quarkus-oidc hashes a longer key down to them, a shorter one is easy to guess. */
    static final int MIN_LENGTH = 32;

    private final Optional<String> deployment;
    private final Optional<String> secret;

    public SessionSecretCheck(@ConfigProperty(name = "par.deployment") Optional<String> deployment,
            @ConfigProperty(name = "quarkus.oidc.web.token-state-manager.encryption-secret") Optional<String> secret) {
        this.deployment = deployment;
        this.secret = secret;
    }

    /** Runs before the other start-up observers, so a refused start does not first connect to Kafka. */
    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!isProduction(deployment.orElse(""))) {
            return;
        }
        refusal(secret.orElse("")).ifPresent(reason -> {
            throw new IllegalStateException("PAR_WEB_SESSION_SECRET " + reason + ". With PAR_DEPLOYMENT=" + PRODUCTION
                    + " the service needs at least " + MIN_LENGTH + " random characters there (for example the output of"
                    + " `openssl rand -base64 48`), different for each service: it encrypts the pages' session cookies.");
        });
    }

    static boolean isProduction(String deployment) {
        return PRODUCTION.equalsIgnoreCase(deployment.strip());
    }

    /**
     * Why this key must not encrypt sessions in production, or empty when it may: it is empty, shorter than
     * {@value #MIN_LENGTH} characters, the development default ({@code development-only...}), or still a placeholder of
     * the deployment files ({@code CHANGE-ME}, {@code change_me}).
     */
    static Optional<String> refusal(String secret) {
        String s = secret.strip();
        if (s.isEmpty()) {
            return Optional.of("is empty");
        }
        if (s.startsWith("development-only")) {
            return Optional.of("is the development default of application.properties");
        }
        String folded = s.toLowerCase(Locale.ROOT).replace('_', '-');
        if (folded.contains("change-me") || folded.contains("changeme")) {
            return Optional.of("is still a placeholder (CHANGE-ME)");
        }
        if (s.length() < MIN_LENGTH) {
            return Optional.of("has " + s.length() + " characters, fewer than " + MIN_LENGTH);
        }
        return Optional.empty();
    }
}
