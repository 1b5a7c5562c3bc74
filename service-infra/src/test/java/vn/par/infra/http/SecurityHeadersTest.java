package vn.par.infra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

/** The policy the pages get, and the count that stops a chunked JSON body at the limit. */
class SecurityHeadersTest {

    @Test
    void thePolicyAllowsNoInlineScriptNoFramingAndFormsToKeycloak() {
        String policy = SecurityHeaders.policy(SecurityHeaders.origin("http://localhost:8180/realms/par"));
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertTrue(!policy.contains("script-src 'self' 'unsafe-inline'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.endsWith("form-action 'self' http://localhost:8180"), policy);
        assertEquals("https://sso.example.gov.vn", SecurityHeaders.origin("https://sso.example.gov.vn/realms/par"));
        assertNull(SecurityHeaders.origin("not a url"));
        assertTrue(SecurityHeaders.policy(null).endsWith("form-action 'self'"));
    }

    @Test
    void aChunkedBodyIsRefusedOnceMoreThanTheLimitHasBeenRead() throws IOException {
        byte[] body = new byte[1025];
        try (InputStream within = new JsonBodyLimit.Limited(new ByteArrayInputStream(body, 0, 1024), 1024)) {
            assertEquals(1024, within.readAllBytes().length);
        }
        try (InputStream over = new JsonBodyLimit.Limited(new ByteArrayInputStream(body), 1024)) {
            JsonBodyLimit.BodyTooLargeException e = assertThrows(JsonBodyLimit.BodyTooLargeException.class,
                    over::readAllBytes);
            assertEquals(1024, e.limit());
        }
    }
}
