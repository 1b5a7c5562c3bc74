package vn.par.criteria.caller;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import vn.par.criteria.unit.Agency;
import vn.par.criteria.unit.Names;
import vn.par.criteria.unit.Unit;

/**
 * Reads the caller of the current request from its verified token, once per request: the access token of an API
 * call (bearer), the ID token of a page visit (code flow); the realm maps {@code unit} and {@code agency} into
 * both.
 */
@RequestScoped
public class CallerResolver {

    private final SecurityIdentity identity;
    private Caller caller;

    public CallerResolver(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller current() {
        if (caller == null) {
            caller = read();
        }
        return caller;
    }

    private Caller read() {
        Set<String> roles = Set.copyOf(identity.getRoles());
        JsonWebToken token = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        String claimedAgency = blankToNull(text(claim(token, "agency")));
        String unit = blankToNull(text(claim(token, "unit")));
        // Only an administrator's agency claim counts: for every other role the agency is its unit's. The name is
        // shown as this service writes it, however the claim spells it.
        String agency = claimedAgency == null || !roles.contains(Caller.ADMIN) ? null
                : Agency.findByName(claimedAgency).map(a -> a.name).orElseGet(() -> Names.clean(claimedAgency));
        UUID unitAgency = unit == null || !roles.contains(Caller.REPORTER) ? null
                : Unit.findByCode(unit).map(u -> u.agency.id).orElse(null);
        return new Caller(identity.getPrincipal().getName(), roles, agency, unit, unitAgency);
    }

    private static Object claim(JsonWebToken token, String name) {
        if (token == null) {
            return null;
        }
        return token instanceof OidcJwtCallerPrincipal oidc ? oidc.getClaims().getClaimValue(name)
                : token.getClaim(name);
    }

    /** A claim as text: a JSON string, or a list holding exactly one (a multivalued attribute mapper). */
    private static String text(Object claim) {
        if (claim instanceof String s) {
            return s;
        }
        if (claim instanceof JsonString s) {
            return s.getString();
        }
        if (claim instanceof JsonArray array && array.size() == 1) {
            JsonValue only = array.get(0);
            return only instanceof JsonString s ? s.getString() : null;
        }
        if (claim instanceof Collection<?> list && list.size() == 1) {
            return text(list.iterator().next());
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
