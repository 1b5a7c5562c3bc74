package vn.par.progress.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The caller as read from a token verified by quarkus-oidc (its parsed claims, not the JsonWebToken lookup). */
class CallerResolverTest {

    private static Caller callerOf(JwtClaims claims, String... roles) {
        OidcJwtCallerPrincipal principal = new OidcJwtCallerPrincipal(claims, new TokenCredential("t", "bearer"));
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(principal);
        for (String role : roles) {
            identity.addRole(role);
        }
        return new CallerResolver(identity.build(), principal).current();
    }

    @Test
    void readsThePersonAndTheUnitOfAReporter() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("preferred_username", "khtc");
        claims.setClaim("unit", " KHTC ");
        Caller caller = callerOf(claims, "reporter");
        assertEquals("khtc", caller.person());
        assertEquals("KHTC", caller.unit());
        assertFalse(caller.admin());
    }

    @Test
    void readsAUnitGivenAsAOneElementList() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("preferred_username", "vp");
        claims.setClaim("unit", List.of("VP"));
        assertEquals("VP", callerOf(claims, "reporter").unit());
    }

    @Test
    void aTokenWithoutAUnitHasNone() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("preferred_username", "admin");
        Caller caller = callerOf(claims, CallerResolver.ADMIN);
        assertNull(caller.unit());
        assertTrue(caller.admin());
    }

    @Test
    void twoUnitsAreNoUnit() {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("preferred_username", "x");
        claims.setClaim("unit", List.of("VP", "KHTC"));
        assertNull(callerOf(claims, "reporter").unit());
    }
}
