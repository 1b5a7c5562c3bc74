package vn.par.infra.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer tokens the service has already verified, with the identity the verification gave. A unit portal sends
 * the same access token with every request until it expires (five minutes in the par realm); verifying its
 * signature and claims again each time was about a third of progress-service's CPU per report (JFR profile).
 * <p>
 * An entry lives until the token's own {@code exp} or {@code max-age} after it was verified, whichever is first,
 * so a cached token is never accepted past its expiry. The service checks tokens against Keycloak's keys only
 * (no introspection), so a revoked session's token was accepted until {@code exp} already; the one difference is
 * a key Keycloak withdraws: a token signed with it stays accepted for at most {@code max-age} after its last full
 * check. Only the default tenant's bearer tokens (the API) are kept, never the pages' session tokens; a token is
 * looked up by its whole text, so a token changed in any character is verified in full.
 */
@ApplicationScoped
public class VerifiedTokens {

    /** The default OIDC tenant's id, which quarkus-oidc puts on the request and the identity as "tenant-id". */
    static final String API_TENANT = "Default";
    static final String TENANT_ATTRIBUTE = "tenant-id";
    /** {@link TokenCredential#getType()} of a bearer access token. */
    static final String BEARER = "bearer";

    private final boolean enabled;
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;

    private record Entry(SecurityIdentity identity, Instant expiresAt) {
    }

    @Inject
    public VerifiedTokens(@ConfigProperty(name = "par.auth.token-cache.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "par.auth.token-cache.max-entries", defaultValue = "10000") int maxEntries,
            @ConfigProperty(name = "par.auth.token-cache.max-age", defaultValue = "60s") Duration maxAge,
            MeterRegistry meters) {
        this(enabled, maxEntries, maxAge, Clock.systemUTC(), meters);
    }

    VerifiedTokens(boolean enabled, int maxEntries, Duration maxAge, Clock clock, MeterRegistry meters) {
        this.enabled = enabled;
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
        this.hits = lookups(meters, "hit");
        this.misses = lookups(meters, "miss");
    }

    /** The identity {@code token} was verified as, if it was and neither it nor its entry has expired. */
    public SecurityIdentity find(String token) {
        if (!enabled || token == null) {
            return null;
        }
        Entry entry = entries.get(token);
        if (entry == null || !clock.instant().isBefore(entry.expiresAt())) {
            if (entry != null) {
                entries.remove(token, entry);
            }
            misses.increment();
            return null;
        }
        hits.increment();
        return entry.identity();
    }

    /**
     * Keeps {@code identity}, just verified from a bearer token of the API tenant; identities of other tenants
     * or credentials, and tokens without an expiry, are not kept.
     */
    public void keep(SecurityIdentity identity) {
        if (!enabled || identity.isAnonymous() || !API_TENANT.equals(identity.getAttribute(TENANT_ATTRIBUTE))
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || !(jwt.getClaim("exp") instanceof Number exp)
                || exp.longValue() <= 0) {
            return;
        }
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        if (credential == null || !BEARER.equals(credential.getType()) || credential.getToken() == null) {
            return;
        }
        Instant now = clock.instant();
        Instant expiresAt = Instant.ofEpochSecond(exp.longValue());
        if (expiresAt.isAfter(now.plus(maxAge))) {
            expiresAt = now.plus(maxAge);
        }
        if (!now.isBefore(expiresAt)) {
            return;
        }
        if (entries.size() >= maxEntries) {
            makeRoom(now);
        }
        entries.put(credential.getToken(), new Entry(detached(identity), expiresAt));
    }

    /**
     * The identity without what ties it to the request it was verified in (its RoutingContext and the
     * authentication context), so that an entry does not keep a finished request alive.
     */
    private static SecurityIdentity detached(SecurityIdentity identity) {
        Map<String, Object> attributes = new HashMap<>(identity.getAttributes());
        attributes.remove(RoutingContext.class.getName());
        attributes.remove(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE);
        attributes.remove(AuthenticationRequestContext.class.getName());
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials())
                .addAttributes(attributes);
        // quarkus-oidc grants a bearer token's scopes as permissions; the original's checker is not copied, as it
        // would keep the original (and its request) alive.
        Object scope = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("scope") : null;
        if (scope != null) {
            Set<String> scopes = new HashSet<>(Arrays.asList(scope.toString().trim().split("\\s+")));
            scopes.remove("");
            if (!scopes.isEmpty()) {
                copy.addPermissionsAsString(scopes);
            }
        }
        return copy.build();
    }

    int size() {
        return entries.size();
    }

    /** Drops the expired entries; if that is not enough, all of them (they are verified again when they come). */
    private void makeRoom(Instant now) {
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
    }

    private static Counter lookups(MeterRegistry meters, String result) {
        return Counter.builder("par.auth.token.cache.lookups")
                .description("Bearer tokens looked up among those already verified, by result")
                .tag("result", result).register(meters);
    }
}
