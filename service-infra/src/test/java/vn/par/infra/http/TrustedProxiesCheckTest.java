package vn.par.infra.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TrustedProxiesCheckTest {

    @Test
    void theIngressAddressesAreAccepted() {
        assertEquals(Optional.empty(), TrustedProxiesCheck.refusal(List.of("127.0.0.1")));
        assertEquals(Optional.empty(), TrustedProxiesCheck.refusal(List.of("10.42.0.0/16", " 192.168.7.3 ", "fd00::/8")));
    }

    @Test
    void anEmptyListIsRefusedBecauseQuarkusWouldTrustEveryone() {
        assertTrue(TrustedProxiesCheck.refusal(List.of()).orElseThrow().startsWith("is empty"));
        assertTrue(TrustedProxiesCheck.refusal(List.of(" ", "")).orElseThrow().startsWith("is empty"));
    }

    @Test
    void aListThatContainsEveryAddressIsRefused() {
        for (String everyone : List.of("0.0.0.0/0", "::/0", "0.0.0.0", "[::]", "::")) {
            assertEquals(Optional.of("contains " + everyone + ", which is every address"),
                    TrustedProxiesCheck.refusal(List.of("10.42.0.0/16", everyone)), everyone);
        }
    }

    @Test
    void thePlaceholderOfTheDeploymentFilesIsRefused() {
        assertEquals(Optional.of("is still a placeholder (CHANGE-ME)"), TrustedProxiesCheck.refusal(List.of("CHANGE-ME")));
    }

    @Test
    void theStartIsRefusedOnlyWhenForwardedHeadersAreRead() {
        TrustedProxiesCheck off = new TrustedProxiesCheck(false, Optional.empty());
        assertDoesNotThrow(() -> off.check(null));
        TrustedProxiesCheck open = new TrustedProxiesCheck(true, Optional.empty());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> open.check(null));
        assertTrue(refused.getMessage().startsWith("PAR_TRUSTED_PROXIES is empty"), refused.getMessage());
        assertDoesNotThrow(() -> new TrustedProxiesCheck(true, Optional.of(List.of("127.0.0.1"))).check(null));
    }
}
