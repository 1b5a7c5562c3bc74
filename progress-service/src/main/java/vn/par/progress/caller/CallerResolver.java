package vn.par.progress.caller;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import vn.par.progress.plan.UnitCodes;

/** Reads the caller of the current request from its verified token. */
@ApplicationScoped
public class CallerResolver {

    public static final String ADMIN = "admin";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CallerResolver(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Caller current() {
        String person = text(token.getClaim("preferred_username"));
        if (person == null || person.isBlank()) {
            person = identity.getPrincipal().getName();
        }
        String unit = UnitCodes.normalize(text(token.getClaim("unit")));
        return new Caller(person, unit == null || unit.isEmpty() ? null : unit, identity.hasRole(ADMIN));
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
