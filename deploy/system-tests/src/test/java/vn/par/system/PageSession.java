package vn.par.system;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does with the pages over HTTP, without a browser: it keeps the cookies of every answer and sends them
 * back, follows redirects (Keycloak's sign-in included) and fills Keycloak's login form. The cookies are kept by name for
 * the one host of the system-test stack (localhost: the three services and Keycloak differ in their ports only, and
 * browsers share cookies across ports); like a browser, it sends {@code Secure} cookies to {@code http://localhost},
 * which Keycloak sets on its session cookies and java.net.CookieManager would hold back.
 */
public final class PageSession {

    /**
     * HTTP/1.1, as a browser speaks to an {@code http://} address: Java's client would otherwise upgrade to HTTP/2
     * (h2c), where the services take 8 KB of headers, and two services' session cookies are more.
     */
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern LOGIN_FORM = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    /** An answer after the redirects were followed: the last URL, its status and body. */
    public record Page(String url, int status, String body) {

        /** Keycloak's login form: the person is asked to sign in. */
        public boolean asksToSignIn() {
            return body.contains("id=\"kc-form-login\"");
        }

        /** A page of ours with the header of a signed-in person (its sign-out form). */
        public boolean isSignedIn() {
            return body.contains("class=\"par-logout\"");
        }

        /** The sign-out form's CSRF token (the hidden field of the header's form). */
        public String signOutToken() {
            Matcher m = Pattern.compile("<form class=\"par-logout\" method=\"post\" action=\"/ui/logout\">"
                    + "<input type=\"hidden\" name=\"csrf-token\" value=\"([^\"]+)\">").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no sign-out form with a CSRF token on " + url + ": " + start());
            }
            return m.group(1);
        }

        public String start() {
            return body.substring(0, Math.min(600, body.length()));
        }
    }

    /** A single answer, redirects not followed. */
    public record Answer(int status, String location, String setCookies) {
    }

    /** The cookies kept, by name: each one's value and path (a cookie goes only to the paths under its own). */
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();

    private record Cookie(String value, String path) {
    }

    /** Opens the page, signing in as {@code user} (password = user name) if Keycloak asks. */
    public Page open(String url, String user) {
        Page page = get(url);
        if (!page.asksToSignIn()) {
            return page;
        }
        Matcher m = LOGIN_FORM.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("Keycloak's login form has no action: " + page.start());
        }
        String action = m.group(1).replace("&amp;", "&");
        Answer posted = post(action, "application/x-www-form-urlencoded",
                "username=" + encode(user) + "&password=" + encode(user) + "&credentialId=");
        if (posted.location() == null) {
            throw new AssertionError("Keycloak did not accept " + user + "'s password: HTTP " + posted.status());
        }
        return get(URI.create(action).resolve(posted.location()).toString());
    }

    /** A GET, following redirects as a browser does. */
    public Page get(String url) {
        String current = url;
        for (int hop = 0; hop < 20; hop++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(current)).GET());
            String location = r.headers().firstValue("Location").orElse(null);
            if (r.statusCode() / 100 != 3 || location == null) {
                return new Page(current, r.statusCode(), r.body());
            }
            current = URI.create(current).resolve(location).toString();
        }
        throw new AssertionError("more than 20 redirects from " + url);
    }

    /** A POST of that body and type (none when null), its redirect not followed. */
    public Answer post(String url, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> r = send(request);
        return new Answer(r.statusCode(), r.headers().firstValue("Location").orElse(null),
                String.join("\n", r.headers().allValues("Set-Cookie")));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        String path = built.uri().getPath() == null || built.uri().getPath().isEmpty() ? "/" : built.uri().getPath();
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, cookie) -> {
            // Like a browser: Keycloak's cookies (Path=/realms/par/) are not sent to the services, whose request
            // headers they would push over the HTTP server's limit.
            if (path.startsWith(cookie.path())) {
                header.append(header.length() == 0 ? "" : "; ").append(name).append('=').append(cookie.value());
            }
        });
        if (header.length() > 0) {
            built = HttpRequest.newBuilder(built, (name, value) -> true).header("Cookie", header.toString()).build();
        }
        try {
            HttpResponse<String> r = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            for (String setCookie : r.headers().allValues("Set-Cookie")) {
                for (HttpCookie cookie : HttpCookie.parse(setCookie)) {
                    if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                        cookies.remove(cookie.getName());
                    } else {
                        cookies.put(cookie.getName(), new Cookie(cookie.getValue(),
                                cookie.getPath() == null || cookie.getPath().isEmpty() ? "/" : cookie.getPath()));
                    }
                }
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
