package vn.par.infra.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SessionSecretCheckTest {

    private static final String RANDOM = "q3J8vK2mX9pL4tR7wZ1nB6cF0hD5sG8e"; // 32 characters

    @Test
    void aRandomKeyOfThirtyTwoCharactersOrMoreIsAccepted() {
        assertEquals(32, RANDOM.length());
        assertEquals(Optional.empty(), SessionSecretCheck.refusal(RANDOM));
        assertEquals(Optional.empty(), SessionSecretCheck.refusal("k1HZx8S0t2bQ/4Tqz+e6Yw9r3LmNpVcA0dFgHjKlMnB="));
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertEquals(Optional.of("is empty"), SessionSecretCheck.refusal(""));
        assertEquals(Optional.of("is empty"), SessionSecretCheck.refusal("   "));
    }

    @Test
    void aKeyShorterThanThirtyTwoCharactersIsRefused() {
        assertEquals(Optional.of("has 31 characters, fewer than 32"), SessionSecretCheck.refusal(RANDOM.substring(1)));
    }

    @Test
    void theDevelopmentDefaultsOfTheServicesAreRefused() {
        for (String service : new String[] {"criteria", "progress", "scoring"}) {
            String reason = SessionSecretCheck.refusal("development-only-secret-change-me-" + service).orElseThrow();
            assertEquals("is the development default of application.properties", reason);
        }
    }

    @Test
    void thePlaceholdersOfTheDeploymentFilesAreRefusedHoweverLong() {
        assertTrue(SessionSecretCheck.refusal("CHANGE-ME-at-least-32-random-characters-criteria").isPresent());
        assertTrue(SessionSecretCheck.refusal("change-me-at-least-32-characters-progress").isPresent());
        assertTrue(SessionSecretCheck.refusal("CHANGE_ME_" + RANDOM).isPresent());
    }

    @Test
    void onlyAnExplicitProductionDeploymentIsChecked() {
        assertTrue(SessionSecretCheck.isProduction("production"));
        assertTrue(SessionSecretCheck.isProduction(" Production "));
        assertFalse(SessionSecretCheck.isProduction(""));
        assertFalse(SessionSecretCheck.isProduction("prod"));
        assertFalse(SessionSecretCheck.isProduction("development"));
    }

    @Test
    void aProductionStartWithTheDevelopmentDefaultFailsNamingTheVariable() {
        SessionSecretCheck check = new SessionSecretCheck(Optional.of("production"),
                Optional.of("development-only-secret-change-me-criteria"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> check.check(null));

        assertTrue(e.getMessage().startsWith("PAR_WEB_SESSION_SECRET is the development default"), e.getMessage());
        assertTrue(e.getMessage().contains("PAR_DEPLOYMENT=production"), e.getMessage());
    }

    @Test
    void aProductionStartWithoutAnyKeyFails() {
        SessionSecretCheck check = new SessionSecretCheck(Optional.of("production"), Optional.empty());

        assertThrows(IllegalStateException.class, () -> check.check(null));
    }

    @Test
    void aStartThatIsNotProductionKeepsTheDevelopmentDefault() {
        new SessionSecretCheck(Optional.empty(), Optional.of("development-only-secret-change-me-criteria")).check(null);
        new SessionSecretCheck(Optional.of("development"), Optional.empty()).check(null);
    }

    @Test
    void aProductionStartWithARandomKeyGoesOn() {
        new SessionSecretCheck(Optional.of("production"), Optional.of(RANDOM)).check(null);
    }
}
