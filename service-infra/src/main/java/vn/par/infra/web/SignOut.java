package vn.par.infra.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/**
 * Signing out of the pages: the header's form ({@link PageChrome}) posts here with its CSRF token, which
 * quarkus-rest-csrf checks as it checks every page form. This service's page session ends, and the browser goes on to
 * Keycloak's end-session endpoint (OpenID Connect RP-initiated logout) with the session's ID token: Keycloak ends its
 * own session, tells the other services' page clients by back-channel logout (each service's
 * {@code quarkus.oidc.web.logout.backchannel.path}), and sends the browser back to this service's pages, which ask
 * it to sign in again.
 *
 * <p>Quarkus's own {@code logout.path} is not used: it signs out on any request to its path, a GET included, so a
 * link or an image on another site could sign a person out. Here only a POST of the form signs out; a GET of the path
 * shows a page with the form (the header links there when it has no CSRF token to put in its own form: on a refusal
 * met before the CSRF filter ran, such as a 403 page). quarkus-rest-csrf checks the token of every form-encoded or
 * multipart POST, but lets a POST of any other type, or of none, through unchecked
 * ({@code quarkus.rest-csrf.require-form-url-encoded=false}, for the API's JSON): so anything but a form is refused
 * here (415), before the session is touched.
 */
@Path("/ui/logout")
public class SignOut {

    private final Template confirm;
    private final OidcSession session;
    private final OidcConfigurationMetadata provider;
    private final Links links;
    private final String application;
    private final String clientId;

    public SignOut(@Location("SignOut/confirm.html") Template confirm, OidcSession session,
            OidcConfigurationMetadata provider, Links links,
            @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "quarkus.oidc.web.client-id") String clientId) {
        this.confirm = confirm;
        this.session = session;
        this.provider = provider;
        this.links = links;
        this.application = application;
        this.clientId = clientId;
    }

    /** The sign-out form on a page of its own; signs nobody out. */
    @GET
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance form() {
        return confirm.instance();
    }

    @POST
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> signOut(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (!isForm(contentType)) {
            // JAX-RS matches a request without a Content-Type to this method too.
            return Uni.createFrom().item(Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).build());
        }
        URI keycloak = endSession(provider.getEndSessionUri(), session.getIdToken().getRawToken(), ownPages(), clientId);
        return session.logout().replaceWith(() -> Response.seeOther(keycloak).build());
    }

    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return "application".equalsIgnoreCase(type.getType()) && "x-www-form-urlencoded".equalsIgnoreCase(type.getSubtype());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Where Keycloak sends the browser back: this service's pages at the address people use ({@code par.links.*}), which
     * the page client's {@code post.logout.redirect.uris} allow; never an address taken from the request.
     */
    String ownPages() {
        String base = switch (application) {
            case "criteria-service" -> links.criteria();
            case "progress-service" -> links.progress();
            case "scoring-service" -> links.scoring();
            default -> throw new IllegalStateException("no page link for " + application);
        };
        return base.endsWith("/") ? base : base + "/";
    }

    /** The end-session request: the ID token names the Keycloak session to end, the client where to come back. */
    static URI endSession(String endSessionEndpoint, String idToken, String postLogoutRedirect, String clientId) {
        if (endSessionEndpoint == null) {
            // A provider without RP-initiated logout: only this service's session could be ended, and that would look
            // like a sign-out while the provider's session still signs the person straight back in.
            throw new IllegalStateException("the OpenID provider names no end_session_endpoint");
        }
        return URI.create(endSessionEndpoint + (endSessionEndpoint.contains("?") ? "&" : "?")
                + "id_token_hint=" + encode(idToken)
                + "&post_logout_redirect_uri=" + encode(postLogoutRedirect)
                + "&client_id=" + encode(clientId));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
