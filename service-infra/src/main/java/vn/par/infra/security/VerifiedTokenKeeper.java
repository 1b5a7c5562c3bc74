package vn.par.infra.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Hands every identity that quarkus-oidc has just verified to {@link VerifiedTokens} (which keeps only the API's
 * bearer tokens), unchanged. It runs first of the augmentors, so what is kept is what the verification gave, and a
 * cached identity goes through the other augmentors again like a fresh one.
 */
@ApplicationScoped
public class VerifiedTokenKeeper implements SecurityIdentityAugmentor {

    private final VerifiedTokens tokens;

    public VerifiedTokenKeeper(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getAttribute(VerifiedTokenIdentityProvider.FROM_CACHE) == null) {
            tokens.keep(identity);
        }
        return Uni.createFrom().item(identity);
    }
}
