package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Behind the ingress that ends TLS: the packaged services read the forwarded headers from the addresses of
 * PAR_TRUSTED_PROXIES only, and both deployments say which addresses those are; where every public address is HTTPS
 * (Kubernetes: the Ingress has TLS), the page cookies are Secure and the redirect URIs https whatever a request says.
 * The behaviour itself, over HTTP, is checked by the system test ForwardedHttpsIT.
 */
class BehindTlsTest {

    static final List<String> SERVICES = Repo.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theProductionProfileTrustsTheForwardedHeadersOfTheNamedProxiesOnly(String service) {
        Properties p = Repo.applicationProperties(service);
        assertEquals("true", p.getProperty("%prod.quarkus.http.proxy.proxy-address-forwarding"), service);
        String trusted = p.getProperty("%prod.quarkus.http.proxy.trusted-proxies", "");
        // Quarkus trusts every address when the list is empty: the default must name one.
        assertEquals("${PAR_TRUSTED_PROXIES:127.0.0.1}", trusted, service + ": trusted proxies");
        for (String cookie : List.of("quarkus.oidc.web.authentication.cookie-force-secure",
                "quarkus.oidc.web.authentication.force-redirect-https-scheme", "quarkus.rest-csrf.cookie-force-secure")) {
            assertEquals("${PAR_HTTPS_ONLY:false}", p.getProperty(cookie), service + ": " + cookie);
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void kubernetesNamesTheIngressAddressesAndIsHttpsOnly(String service) {
        Map<String, String> env = Workloads.kubernetesEnvironment(service);
        assertTrue(env.containsKey("PAR_TRUSTED_PROXIES"), "deploy/k8s does not give " + service + " PAR_TRUSTED_PROXIES");
        assertNarrow(env.get("PAR_TRUSTED_PROXIES"), "deploy/k8s, " + service);
        assertEquals("true", env.get("PAR_HTTPS_ONLY"), "deploy/k8s, " + service + ": the Ingress ends TLS for every host");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void composeTrustsTheLoopbackUntilAProxyIsNamed(String service) {
        Map<String, String> env = Workloads.composeEnvironment(Workloads.composeService(service));
        assertEquals("${PAR_TRUSTED_PROXIES:-127.0.0.1}", env.get("PAR_TRUSTED_PROXIES"), "compose, " + service);
        assertEquals("${PAR_HTTPS_ONLY:-false}", env.get("PAR_HTTPS_ONLY"), "compose, " + service
                + ": plain HTTP on localhost until a TLS proxy is put in front (README)");
    }

    /** Not empty, and no entry that is every address (the placeholder is refused by the service at start). */
    private static void assertNarrow(String value, String where) {
        assertFalse(value == null || value.isBlank(), where + ": PAR_TRUSTED_PROXIES is empty, which trusts everyone");
        for (String entry : value.split(",")) {
            String e = entry.strip();
            assertFalse(e.endsWith("/0") || e.equals("0.0.0.0") || e.equals("::") || e.equals("[::]"),
                    where + ": PAR_TRUSTED_PROXIES contains " + e + ", every address");
        }
    }
}
