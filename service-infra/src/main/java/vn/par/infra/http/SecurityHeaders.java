package vn.par.infra.http;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser-side defences every response of the three services carries, pages and their sign-in redirects
 * included (a filter runs before authentication, so the redirect to Keycloak has them too): a Content-Security-Policy
 * that allows no inline script and no framing, {@code X-Content-Type-Options: nosniff}, a {@code Referrer-Policy}, and
 * HSTS when the request came over TLS (directly, or through a trusted proxy that says so). The pages load their
 * scripts and styles from their own origin only; inline {@code style} attributes stay allowed (the bars are drawn with
 * them), inline scripts and event-handler attributes do not.
 *
 * <p>{@code /q/*} (health, metrics, OpenAPI, Swagger UI) is left alone: Swagger UI runs inline scripts, and in a
 * deployment those paths are not on the public ingress.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String REFERRER_POLICY = "strict-origin-when-cross-origin";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final String contentSecurityPolicy;

    public SecurityHeaders(@ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServer) {
        this.contentSecurityPolicy = policy(authServer.map(SecurityHeaders::origin).orElse(null));
    }

    void register(@Observes Filters filters) {
        filters.register(this::apply, 200);
    }

    void apply(RoutingContext rc) {
        if (!rc.normalizedPath().startsWith("/q/")) {
            MultiMap headers = rc.response().headers();
            headers.set("Content-Security-Policy", contentSecurityPolicy);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", REFERRER_POLICY);
            if ("https".equals(rc.request().scheme())) {
                headers.set("Strict-Transport-Security", HSTS);
            }
        }
        rc.next();
    }

    /**
     * The policy: everything from the page's own origin, no plugin, no framing; forms may post to this origin and to
     * Keycloak (a sign-out posts here and is redirected there, and browsers apply form-action to that redirect).
     */
    static String policy(String keycloakOrigin) {
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                + "form-action 'self'" + (keycloakOrigin == null ? "" : " " + keycloakOrigin);
    }

    /** {@code http://localhost:8180/realms/par} → {@code http://localhost:8180}; null for something else. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
