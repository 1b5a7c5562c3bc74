package vn.par.progress.caller;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import vn.par.progress.plan.UnitCodes;

/** Reads the caller of the current request from its verified token, for the API and the pages alike. */
@ApplicationScoped
public class CallerResolver {

    public static final String ADMIN = "admin";
    public static final String APPRAISER = "appraiser";
    public static final String VIEWER = "viewer";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CallerResolver(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller current() {
        JsonWebToken claims = verifiedToken();
        String person = text(claim(claims, "preferred_username"));
        if (person == null || person.isBlank()) {
            person = identity.getPrincipal().getName();
        }
        String unit = UnitCodes.normalize(text(claim(claims, "unit")));
        boolean admin = identity.hasRole(ADMIN);
        // Only an administrator's agency matters: a reporter's agency is the agency of its unit.
        String agency = admin ? AgencyNames.clean(text(claim(claims, "agency"))) : null;
        return new Caller(person, unit == null || unit.isEmpty() ? null : unit, admin, agency, identity.hasRole(APPRAISER),
                identity.hasRole(VIEWER));
    }

    /**
     * The token the identity was verified from: the access token of an API call (bearer), the ID token of a page
     * visit (code flow; both carry {@code unit}, {@code agency} and {@code preferred_username}). The injected token is the access
     * token in both cases, which in the code flow is parsed without being verified, and is only read when the
     * principal is not a token at all.
     */
    private JsonWebToken verifiedToken() {
        return identity.getPrincipal() instanceof JsonWebToken principal ? principal : token;
    }

    /**
     * A claim of the token. {@link JsonWebToken#getClaim} first looks the name up among the standard claims (an enum)
     * and, for a claim of our own such as {@code unit}, creates and catches an exception on every call (about 3 % of
     * progress-service's CPU at the reporting peak, in a profile); a token verified by quarkus-oidc answers from its
     * parsed claims directly.
     */
    private static Object claim(JsonWebToken token, String name) {
        return token instanceof OidcJwtCallerPrincipal oidc ? oidc.getClaims().getClaimValue(name) : token.getClaim(name);
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
}
