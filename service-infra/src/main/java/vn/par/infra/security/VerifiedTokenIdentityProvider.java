package vn.par.infra.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers an API bearer token that {@link VerifiedTokens} holds with its identity, before quarkus-oidc's own
 * provider (a higher priority) would verify it again; answers nothing otherwise, and quarkus-oidc verifies the
 * token as usual ({@link VerifiedTokenKeeper} then keeps the result).
 */
@ApplicationScoped
public class VerifiedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Marks an identity answered from the cache, so that the keeper does not store it again. */
    static final String FROM_CACHE = VerifiedTokens.class.getName();

    private final VerifiedTokens tokens;

    public VerifiedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before quarkus-oidc's provider, which keeps the interface's default priority (1001). */
    @Override
    public int priority() {
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (http == null || !VerifiedTokens.BEARER.equals(request.getToken().getType())
                || !VerifiedTokens.API_TENANT.equals(http.get(VerifiedTokens.TENANT_ATTRIBUTE))) {
            return Uni.createFrom().nullItem();
        }
        SecurityIdentity verified = tokens.find(request.getToken().getToken());
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        // The same identity, tied to this request instead of the one it was verified in.
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(verified)
                .addAttribute(RoutingContext.class.getName(), http)
                .addAttribute(AuthenticationRequestContext.class.getName(), context)
                .addAttribute(FROM_CACHE, Boolean.TRUE)
                .build());
    }
}
