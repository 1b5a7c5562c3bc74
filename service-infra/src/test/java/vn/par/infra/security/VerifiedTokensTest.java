package vn.par.infra.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.security.StringPermission;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;

class VerifiedTokensTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final VerifiedTokens tokens = new VerifiedTokens(true, 3, Duration.ofSeconds(60), clock, meters);

    @Test
    void aVerifiedBearerTokenIsFoundWithItsIdentityWithoutTheRequestItCameIn() {
        tokens.keep(identity("token-a", "Default", "bearer", T0.plusSeconds(300)));

        SecurityIdentity found = tokens.find("token-a");

        assertNotNull(found);
        assertEquals("ldvl", found.getPrincipal().getName());
        assertEquals(Set.of("reporter"), found.getRoles());
        assertEquals("token-a", found.getCredential(TokenCredential.class).getToken());
        assertEquals("Default", found.getAttribute("tenant-id"));
        assertNull(found.getAttribute(RoutingContext.class.getName()), "the first request is not kept");
        assertTrue(found.checkPermissionBlocking(new StringPermission("profile")), "scopes stay permissions");
        assertFalse(found.checkPermissionBlocking(new StringPermission("admin")));
        assertEquals(1.0, meters.counter("par.auth.token.cache.lookups", "result", "hit").count());
    }

    @Test
    void anotherTextIsNotTheSameToken() {
        tokens.keep(identity("token-a", "Default", "bearer", T0.plusSeconds(300)));

        assertNull(tokens.find("token-A"));
        assertNull(tokens.find("token-a "));
        assertNull(tokens.find(null));
        assertEquals(2.0, meters.counter("par.auth.token.cache.lookups", "result", "miss").count());
    }

    @Test
    void aTokenIsNeverFoundFromItsExpiryOn() {
        tokens.keep(identity("short", "Default", "bearer", T0.plusSeconds(20)));

        clock.now = T0.plusSeconds(19);
        assertNotNull(tokens.find("short"));
        clock.now = T0.plusSeconds(20);
        assertNull(tokens.find("short"));
        assertEquals(0, tokens.size(), "the expired entry is dropped");
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        tokens.keep(identity("long", "Default", "bearer", T0.plusSeconds(3600)));

        clock.now = T0.plusSeconds(59);
        assertNotNull(tokens.find("long"));
        clock.now = T0.plusSeconds(60);
        assertNull(tokens.find("long"));
    }

    @Test
    void onlyTheApisBearerTokensAreKept() {
        tokens.keep(identity("page", "web", "bearer", T0.plusSeconds(300)));
        tokens.keep(identity("id-token", "Default", "id_token", T0.plusSeconds(300)));
        tokens.keep(identity("expired", "Default", "bearer", T0.minusSeconds(1)));
        tokens.keep(identity("no-expiry", "Default", "bearer", null));
        tokens.keep(QuarkusSecurityIdentity.builder().setAnonymous(true).build());

        assertEquals(0, tokens.size());
    }

    @Test
    void aFullCacheDropsItsExpiredEntriesFirstAndOtherwiseStartsOver() {
        tokens.keep(identity("a", "Default", "bearer", T0.plusSeconds(10)));
        tokens.keep(identity("b", "Default", "bearer", T0.plusSeconds(300)));
        tokens.keep(identity("c", "Default", "bearer", T0.plusSeconds(300)));
        clock.now = T0.plusSeconds(10);

        tokens.keep(identity("d", "Default", "bearer", T0.plusSeconds(300)));
        assertEquals(3, tokens.size());
        assertNotNull(tokens.find("b"));

        tokens.keep(identity("e", "Default", "bearer", T0.plusSeconds(300)));
        assertEquals(1, tokens.size());
        assertNotNull(tokens.find("e"));
        assertNull(tokens.find("b"));
    }

    @Test
    void whenTurnedOffNothingIsKept() {
        VerifiedTokens off = new VerifiedTokens(false, 3, Duration.ofSeconds(60), clock, meters);
        off.keep(identity("token-a", "Default", "bearer", T0.plusSeconds(300)));

        assertEquals(0, off.size());
        assertNull(off.find("token-a"));
    }

    private static SecurityIdentity identity(String token, String tenant, String type, Instant expiry) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new Jwt("ldvl", expiry == null ? Map.of("scope", "openid profile")
                        : Map.of("exp", expiry.getEpochSecond(), "scope", "openid profile")))
                .addRole("reporter")
                .addCredential(new TokenCredential(token, type))
                .addAttribute("tenant-id", tenant)
                .addAttribute(RoutingContext.class.getName(), "the request it was verified in")
                .addPermissionsAsString(Set.of("openid", "profile"))
                .build();
    }

    /** The claims a verified token's principal answers with. */
    private record Jwt(String name, Map<String, Object> claims) implements JsonWebToken {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public Set<String> getClaimNames() {
            return claims.keySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String claimName) {
            Object value = claims.get(claimName);
            if (value == null && "exp".equals(claimName)) {
                return (T) Long.valueOf(0);
            }
            return (T) value;
        }
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
