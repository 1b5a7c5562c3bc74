package vn.par.progress.web;

import java.util.function.Supplier;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import vn.par.infra.problem.ProblemMappers;

/**
 * Sends a browser whose page session is missing, expired or unreadable to the Keycloak login (the code-flow
 * challenge of the {@code web} tenant) instead of the API's {@code 401 Bearer} problem, which the shared
 * {@link ProblemMappers} answer to every authentication failure. API paths keep exactly that answer.
 * Without this, a person who leaves a page open longer than the session lasts gets a JSON error on the next
 * click rather than a new sign-in (which Keycloak's own session usually makes silent).
 */
public class PageSignIn {

    private final ProblemMappers api = new ProblemMappers();

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext context, UriInfo uri) {
        return isPage(context) ? challenge(context, () -> api.authenticationFailed(e, uri))
                : Uni.createFrom().item(api.authenticationFailed(e, uri));
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext context, UriInfo uri) {
        return isPage(context) ? challenge(context, () -> api.unauthorized(e, uri))
                : Uni.createFrom().item(api.unauthorized(e, uri));
    }

    /** The paths of the {@code web} tenant ({@code quarkus.oidc.web.tenant-paths}). */
    static boolean isPage(RoutingContext context) {
        String path = context.normalizedPath();
        return "/".equals(path) || path.startsWith("/ui/");
    }

    private static Uni<Response> challenge(RoutingContext context, Supplier<Response> otherwise) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return Uni.createFrom().item(otherwise);
        }
        return authenticator.getChallenge(context)
                .map(challenge -> {
                    Response.ResponseBuilder response = Response.status(challenge.status);
                    challenge.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
                    return response.build();
                })
                .onFailure().recoverWithItem(otherwise);
    }
}
