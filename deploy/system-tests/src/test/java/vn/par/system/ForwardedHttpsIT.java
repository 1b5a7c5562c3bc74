package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Behind the ingress that ends TLS: the packaged services (production profile) believe {@code X-Forwarded-Proto} from
 * the addresses of PAR_TRUSTED_PROXIES only, the loopback 127.0.0.1 by default. The same request for a page, saying it
 * came over HTTPS, is sent from 127.0.0.1 (a trusted proxy) and from 127.0.0.2 (another address of the loopback, as a
 * client reaching the service past the ingress would be): the first gets an https redirect URI, a Secure cookie and
 * HSTS, the second none of them.
 */
@ExtendWith(SystemStack.class)
class ForwardedHttpsIT {

    /** The status line and headers of one answer, names in lower case. */
    record Head(String status, List<String[]> headers) {

        List<String> all(String name) {
            return headers.stream().filter(h -> h[0].equals(name)).map(h -> h[1]).toList();
        }

        String first(String name) {
            List<String> values = all(name);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    @Test
    void forwardedHttpsIsBelievedFromTheTrustedProxyOnly() throws IOException {
        URI service = URI.create(SystemStack.stack().url("scoring-service"));
        String forwarded = "X-Forwarded-Proto: https\r\nX-Forwarded-For: 203.0.113.7\r\n";

        Head viaProxy = get(service, "127.0.0.1", forwarded);
        assertEquals("HTTP/1.1 302 Found", viaProxy.status(), "a page without a session is sent to sign in");
        String location = viaProxy.first("location");
        assertTrue(location.contains("redirect_uri=https%3A%2F%2F" + service.getHost() + "%2F"),
                "the trusted proxy said https: the redirect URI is https " + location);
        String stateCookie = stateCookie(viaProxy);
        assertTrue(attributes(stateCookie).contains("secure"), "the sign-in's cookie is Secure: " + stateCookie);
        assertEquals("max-age=31536000; includeSubDomains", viaProxy.first("strict-transport-security"), "HSTS");

        Head direct = get(service, "127.0.0.2", forwarded);
        assertEquals("HTTP/1.1 302 Found", direct.status());
        String directLocation = direct.first("location");
        assertTrue(directLocation.contains("redirect_uri=http%3A%2F%2F" + service.getHost() + "%3A" + service.getPort() + "%2F"),
                "127.0.0.2 is no trusted proxy: its X-Forwarded-Proto is ignored " + directLocation);
        String directCookie = stateCookie(direct);
        assertFalse(attributes(directCookie).contains("secure"), "not Secure over plain HTTP: " + directCookie);
        assertEquals(null, direct.first("strict-transport-security"), "no HSTS over plain HTTP");
        System.out.printf("forwarded https: from 127.0.0.1 redirect_uri https, Secure cookie, HSTS; from 127.0.0.2"
                + " redirect_uri http, no Secure, no HSTS%n");
    }

    /** The code flow's state cookie (q_auth_...), set with the redirect to Keycloak. */
    private static String stateCookie(Head head) {
        return head.all("set-cookie").stream().filter(c -> c.startsWith("q_auth_")).findFirst()
                .orElseThrow(() -> new AssertionError("no q_auth_ cookie: " + head.all("set-cookie")));
    }

    private static List<String> attributes(String setCookie) {
        List<String> attributes = new ArrayList<>();
        String[] parts = setCookie.split(";");
        for (int i = 1; i < parts.length; i++) {
            attributes.add(parts[i].strip().toLowerCase(Locale.ROOT));
        }
        return attributes;
    }

    /**
     * GET / over a connection from {@code localAddress} to the service on 127.0.0.1 (written by hand: Java's HTTP
     * client cannot choose the address it connects from).
     */
    private static Head get(URI service, String localAddress, String extraHeaders) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), service.getPort(),
                InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + service.getHost() + ":" + service.getPort() + "\r\n" + extraHeaders
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] { lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip() });
                }
            }
            return new Head(lines[0], headers);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}
