package vn.par.system.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a JWT's parts, and forges one: the same header and claims signed with another key, or a claim changed
 * under the original signature.
 */
final class Jwt {

    private Jwt() {
    }

    static JsonNode header(String token) {
        return part(token, 0);
    }

    static JsonNode claims(String token) {
        return part(token, 1);
    }

    /**
     * The token's header and payload, unchanged (same {@code kid}, same {@code alg} RS256), signed with a freshly
     * generated 2048-bit RSA key that Keycloak never saw.
     */
    static String resignedWithAnotherKey(String token) {
        String[] parts = token.split("\\.");
        if (!"RS256".equals(header(token).path("alg").asText())) {
            throw new AssertionError("expected an RS256 token, got " + header(token));
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair key = generator.generateKeyPair();
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The token with one claim changed in its payload, and its original signature (no longer matching). */
    static String withClaim(String token, String name, String value) {
        String[] parts = token.split("\\.");
        com.fasterxml.jackson.databind.node.ObjectNode claims = (com.fasterxml.jackson.databind.node.ObjectNode) claims(token);
        claims.put(name, value);
        try {
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(Api.JSON.writeValueAsBytes(claims));
            return parts[0] + "." + payload + "." + parts[2];
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode part(String token, int index) {
        try {
            return Api.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
        } catch (IOException e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }
}
