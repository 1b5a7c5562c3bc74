package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import vn.par.stack.Stack;

/**
 * Signing out of one service's pages signs the person out of all three: the header's form posts to /ui/logout with
 * its CSRF token, the service ends its page session and sends the browser to Keycloak's end-session endpoint
 * (RP-initiated logout), Keycloak ends its session and tells the other services' page clients by back-channel logout.
 * A GET of /ui/logout, and a POST without the form's token or of another body type, sign nobody out.
 */
@ExtendWith(SystemStack.class)
class SignOutIT {

    @Test
    void signingOutOfOneServicesPagesSignsOutOfTheOthers() {
        Stack stack = SystemStack.stack();
        String criteria = stack.url("criteria-service");
        String progress = stack.url("progress-service");
        String scoring = stack.url("scoring-service");
        PageSession browser = new PageSession();
        PageSession.Page plans = browser.open(criteria + "/", "admin");
        assertTrue(plans.isSignedIn(), "signed in to criteria-service's pages: " + plans.start());
        // The other services' pages through the same Keycloak session: no login form.
        for (String pages : new String[] { progress, scoring }) {
            PageSession.Page page = browser.get(pages + "/");
            assertTrue(page.isSignedIn() && !page.asksToSignIn(), pages + ": HTTP " + page.status() + " " + page.url() + " "
                    + page.start());
        }

        PageSession.Answer signedOut = browser.post(criteria + "/ui/logout", "application/x-www-form-urlencoded",
                "csrf-token=" + browser.get(criteria + "/").signOutToken());
        assertEquals(303, signedOut.status(), "the sign-out form's POST");
        String keycloak = stack.issuer() + "/protocol/openid-connect/logout?";
        assertNotNull(signedOut.location());
        assertTrue(signedOut.location().startsWith(keycloak), "on to Keycloak's end-session endpoint: " + signedOut.location());
        assertTrue(signedOut.location().contains("id_token_hint="), signedOut.location());
        assertTrue(signedOut.location().contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(criteria + "/",
                java.nio.charset.StandardCharsets.UTF_8)), signedOut.location());
        assertTrue(signedOut.setCookies().contains("q_session_web_criteria") && signedOut.setCookies().contains("Max-Age=0"),
                "criteria-service's page session ends: " + signedOut.setCookies());

        // Keycloak ends its session and sends the browser back to criteria-service's pages, which ask to sign in.
        PageSession.Page back = browser.get(signedOut.location());
        assertTrue(back.asksToSignIn(), "back on criteria-service after signing out: " + back.url() + " " + back.start());
        // progress-service's page session, still in the browser, was ended by Keycloak's back-channel logout.
        PageSession.Page portalAfter = browser.get(progress + "/");
        assertTrue(portalAfter.asksToSignIn(), "progress-service's page after signing out of criteria-service's: "
                + portalAfter.url() + " " + portalAfter.start());
        PageSession.Page dashboardAfter = browser.get(scoring + "/");
        assertTrue(dashboardAfter.asksToSignIn(), "scoring-service's page: " + dashboardAfter.url() + " " + dashboardAfter.start());
        System.out.printf("sign-out: POST /ui/logout 303 to Keycloak; criteria-service, progress-service and"
                + " scoring-service then ask to sign in%n");
    }

    @Test
    void aGetOrAPostWithoutTheFormsTokenSignsNobodyOut() {
        Stack stack = SystemStack.stack();
        String criteria = stack.url("criteria-service");
        String progress = stack.url("progress-service");
        PageSession browser = new PageSession();
        assertTrue(browser.open(progress + "/", "admin").isSignedIn(), "signed in to progress-service's pages");
        PageSession.Page plans = browser.get(criteria + "/");
        assertTrue(plans.isSignedIn(), "and to criteria-service's: HTTP " + plans.status() + " " + plans.start());
        String token = browser.get(progress + "/").signOutToken();

        // What another site could make a browser send: a link or an image (GET), a form without the token, a form
        // with a made-up token, a text/plain "form" (which needs no preflight), a POST without a body type.
        // A GET only shows the page with the sign-out button (where a 403 page's header links): nobody is signed out.
        PageSession.Page confirm = browser.get(progress + "/ui/logout");
        assertEquals(200, confirm.status(), "GET /ui/logout");
        assertTrue(confirm.body().contains("method=\"post\" action=\"/ui/logout\"") && confirm.isSignedIn(),
                "the sign-out page, still signed in: " + confirm.start());
        assertEquals(400, browser.post(progress + "/ui/logout", "application/x-www-form-urlencoded", "").status(),
                "a form without the token");
        assertEquals(400, browser.post(progress + "/ui/logout", "application/x-www-form-urlencoded",
                "csrf-token=AAAAAAAAAAAAAAAAAAAAAA").status(), "a form with another token");
        assertEquals(415, browser.post(progress + "/ui/logout", "text/plain", "csrf-token=" + token).status(),
                "text/plain");
        assertEquals(415, browser.post(progress + "/ui/logout", null, null).status(), "no body type");

        PageSession.Page portal = browser.get(progress + "/");
        assertTrue(portal.isSignedIn(), "still signed in to progress-service's pages: " + portal.url() + " " + portal.start());
        assertTrue(browser.get(criteria + "/").isSignedIn(), "and to criteria-service's");
    }

    /** In Chromium: the header's button, under the pages' Content-Security-Policy (form-action), signs out of both. */
    @Test
    void theHeadersButtonSignsOutInABrowser() {
        Stack stack = SystemStack.stack();
        WebDriver browser = Browsers.open();
        try {
            // One person on two services' pages: an administrator may open both (the portal would refuse a viewer,
            // and the Keycloak session signs the second one in without asking).
            browser.get(stack.url("scoring-service") + "/");
            Browsers.signInIfAsked(browser, "admin", "admin");
            Browsers.await(browser, ExpectedConditions.presenceOfElementLocated(By.cssSelector(".par-logout button")),
                    "the dashboard's header");
            browser.get(stack.url("progress-service") + "/");
            Browsers.signInIfAsked(browser, "admin", "admin");
            Browsers.await(browser, ExpectedConditions.presenceOfElementLocated(By.cssSelector(".par-logout button")),
                    "the unit portal's header");
            browser.findElement(By.cssSelector(".par-logout button")).click();
            Browsers.await(browser, ExpectedConditions.presenceOfElementLocated(By.id("kc-login")),
                    "Keycloak's sign-in after signing out");
            Browsers.screenshot(browser, "signed-out");
            browser.get(stack.url("scoring-service") + "/");
            Browsers.await(browser, ExpectedConditions.presenceOfElementLocated(By.id("kc-login")),
                    "the dashboard asking to sign in again");
        } finally {
            browser.quit();
        }
    }
}
