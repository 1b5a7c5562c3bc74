package vn.par.infra.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start a service that would take any client's word for the scheme and address of a request.
 *
 * <p>In the production profile the services read {@code X-Forwarded-Proto} and {@code X-Forwarded-For} from the
 * ingress that ends TLS ({@code quarkus.http.proxy.*}): that is how a page knows it was served over HTTPS (its session
 * cookies {@code Secure}, its redirect URIs {@code https}, HSTS). Quarkus trusts those headers from the addresses of
 * {@code quarkus.http.proxy.trusted-proxies} (PAR_TRUSTED_PROXIES), and from every address when that list is empty:
 * an empty list, one that contains every address, or the deployment files' placeholder is refused here, naming what
 * to set.
 */
@ApplicationScoped
public class TrustedProxiesCheck {

    private final boolean forwarding;
    private final Optional<List<String>> trusted;

    public TrustedProxiesCheck(
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean forwarding,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trusted) {
        this.forwarding = forwarding;
        this.trusted = trusted;
    }

    /** Runs before the other start-up observers, so a refused start does not first connect to Kafka. */
    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!forwarding) {
            return;
        }
        refusal(trusted.orElse(List.of())).ifPresent(reason -> {
            throw new IllegalStateException("PAR_TRUSTED_PROXIES " + reason + ". Name the addresses the ingress (the"
                    + " proxy that ends TLS) connects from, as IP addresses or CIDR ranges separated by commas (for"
                    + " example 10.42.0.0/16): only their X-Forwarded-* headers are believed.");
        });
    }

    /** Why this list must not name the trusted proxies, or empty when it may. */
    static Optional<String> refusal(List<String> trusted) {
        List<String> entries = trusted.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (entries.isEmpty()) {
            return Optional.of("is empty, which makes Quarkus trust the forwarded headers of every client");
        }
        for (String entry : entries) {
            String folded = entry.toLowerCase(Locale.ROOT).replace('_', '-');
            if (folded.contains("change-me") || folded.contains("changeme")) {
                return Optional.of("is still a placeholder (" + entry + ")");
            }
            if (matchesEveryAddress(folded)) {
                return Optional.of("contains " + entry + ", which is every address");
            }
        }
        return Optional.empty();
    }

    private static boolean matchesEveryAddress(String entry) {
        return entry.endsWith("/0") || entry.equals("0.0.0.0") || entry.equals("::") || entry.equals("[::]")
                || entry.equals("0:0:0:0:0:0:0:0") || entry.equals("[0:0:0:0:0:0:0:0]");
    }
}
