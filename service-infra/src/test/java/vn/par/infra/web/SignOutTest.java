package vn.par.infra.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignOutTest {

    @Test
    void theEndSessionRequestNamesTheSessionTheWayBackAndTheClient() {
        assertEquals("http://localhost:8180/realms/par/protocol/openid-connect/logout?id_token_hint=a.b.c"
                + "&post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A8081%2F&client_id=par-web-criteria",
                SignOut.endSession("http://localhost:8180/realms/par/protocol/openid-connect/logout", "a.b.c",
                        "http://localhost:8081/", "par-web-criteria").toString());
        // An endpoint that carries a query of its own keeps it.
        assertTrue(SignOut.endSession("https://sso.example/logout?x=1", "t", "https://p.example/", "c").toString()
                .startsWith("https://sso.example/logout?x=1&id_token_hint=t&"));
    }

    @Test
    void aProviderWithoutAnEndSessionEndpointIsNotPretendedAway() {
        assertThrows(IllegalStateException.class, () -> SignOut.endSession(null, "t", "http://localhost:8081/", "c"));
    }

    @Test
    void onlyAFormIsAcceptedBecauseOnlyAFormHasItsCsrfTokenChecked() {
        assertTrue(SignOut.isForm("application/x-www-form-urlencoded"));
        assertTrue(SignOut.isForm("application/x-www-form-urlencoded; charset=UTF-8"));
        assertFalse(SignOut.isForm(null));
        assertFalse(SignOut.isForm(""));
        assertFalse(SignOut.isForm("text/plain"));
        assertFalse(SignOut.isForm("application/json"));
        // quarkus-rest-csrf checks multipart bodies too, but the sign-out form is never one.
        assertFalse(SignOut.isForm("multipart/form-data; boundary=x"));
    }
}
