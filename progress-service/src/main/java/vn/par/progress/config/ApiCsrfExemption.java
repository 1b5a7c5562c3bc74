package vn.par.progress.config;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets the API's form-like requests past the pages' CSRF check. quarkus-rest-csrf checks every
 * {@code multipart/form-data} and form-encoded request (an upload to {@code POST /api/evidence};
 * {@code POST /api/admin/reminders/run} as some clients send it, with an empty form) for a token cookie and a matching
 * form field, which an API client calling with a bearer token has no reason to hold. A forged cross-site request has
 * nothing to ride on there: {@code /api/*} takes bearer tokens only (the OIDC tenant of the pages covers {@code /} and
 * {@code /ui/*}), never the session cookie a browser would send by itself, so without the caller's own token it is a
 * 401 whatever its CSRF token. Such a request to {@code /api/*} (form-encoded, multipart, or without a body type)
 * therefore gets a fresh token as both the CSRF cookie and the CSRF header, which the check then compares (its own
 * cookies are of no use on the API); a page form is checked as before, and a JSON request is not checked at all.
 */
@Singleton
public class ApiCsrfExemption {

    /** Runs before the REST layer's filters. */
    private static final int PRIORITY = 100;
    private static final int TOKEN_BYTES = 16;

    private final SecureRandom random = new SecureRandom();
    private final String cookieName;

    public ApiCsrfExemption(@ConfigProperty(name = "quarkus.rest-csrf.cookie-name") String cookieName) {
        this.cookieName = cookieName;
    }

    void register(@Observes Filters filters) {
        filters.register(this::exempt, PRIORITY);
    }

    private void exempt(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (context.normalizedPath().startsWith("/api/") && (type == null
                || type.regionMatches(true, 0, "multipart/form-data", 0, 19)
                || type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33))) {
            byte[] bytes = new byte[TOKEN_BYTES];
            random.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            context.request().headers().set(HttpHeaders.COOKIE, cookieName + "=" + token);
            context.request().headers().set("X-CSRF-TOKEN", token);
        }
        context.next();
    }
}
