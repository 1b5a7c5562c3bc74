package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.manifests.Repo.Manifest;

/**
 * In Kubernetes each service reaches PostgreSQL as a CloudNativePG managed role of its own, over TLS with the
 * server's certificate checked against the cluster's CA (sslmode=verify-full), and the server lets each role open its
 * own database only, over TLS only.
 */
class DatabaseAccessTest {

    static final List<String> SERVICES = Repo.SERVICES;

    @Test
    void everyDatabaseRoleIsAManagedRoleWithAGeneratedPasswordSecret() {
        Manifest cluster = Repo.manifests("Cluster").get(0);
        Map<String, String> managed = new LinkedHashMap<>();
        for (JsonNode role : cluster.spec().path("managed").path("roles")) {
            assertEquals("present", role.path("ensure").asText(), role.toString());
            assertTrue(role.path("login").asBoolean(), role.toString());
            assertTrue(!role.path("superuser").asBoolean() && !role.path("createdb").asBoolean()
                    && !role.path("createrole").asBoolean(), "a service role has no power beyond its database: " + role);
            managed.put(role.path("name").asText(), role.path("passwordSecret").path("name").asText());
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String service : SERVICES) {
            expected.put(Repo.database(service), "par-db-" + Repo.database(service));
        }
        expected.put("keycloak", "par-db-keycloak");
        assertEquals(expected, managed);
        for (String secret : managed.values()) {
            assertTrue(GeneratedSecrets.databaseSecrets().contains(secret), secret + " must be written by generate.sh");
        }
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void theJdbcUrlVerifiesTheServerAgainstTheClustersCa(String service) {
        String url = Workloads.kubernetesEnvironment(service).get("QUARKUS_DATASOURCE_JDBC_URL");
        assertTrue(url.contains("?"), service + " connects without TLS settings: " + url);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            parameters.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertEquals("verify-full", parameters.get("sslmode"), service + ": " + url);
        String ca = Repo.manifests("Cluster").get(0).name() + "-ca";
        assertEquals(ca + "/ca.crt", mountedSecretFile(service, parameters.get("sslrootcert")),
                service + ": sslrootcert must be the CloudNativePG cluster's CA");
    }

    @Test
    void theServerAdmitsEachServiceRoleToItsOwnDatabaseOverTlsOnly() {
        List<String> hba = Repo.list(Repo.manifests("Cluster").get(0).spec().path("postgresql").path("pg_hba")).stream()
                .map(l -> l.asText().strip().replaceAll("\\s+", " ")).toList();
        List<String> expected = new ArrayList<>();
        Set<String> roles = new TreeSet<>();
        for (String service : SERVICES) {
            String db = Repo.database(service);
            expected.add("hostssl " + db + " " + db + " all scram-sha-256");
            roles.add(db);
        }
        assertTrue(hba.size() > expected.size(), "pg_hba: " + hba);
        assertEquals(expected, hba.subList(0, expected.size()), "each service role: its database, over TLS");
        String reject = hba.get(hba.size() - 1);
        assertTrue(reject.startsWith("host all ") && reject.endsWith(" all reject"), "then everything else refused: " + reject);
        assertTrue(Set.of(reject.split(" ")[2].split(",")).containsAll(roles), reject + " must name every service role");
    }

    /**
     * The Secret key a file of the service's container comes from, as "secret/key": the volume mounted at the file's
     * folder and the item that puts the key at the file's name.
     */
    static String mountedSecretFile(String service, String file) {
        JsonNode container = Workloads.container(service);
        for (JsonNode mount : container.path("volumeMounts")) {
            String dir = mount.path("mountPath").asText();
            if (file.startsWith(dir + "/")) {
                String name = file.substring(dir.length() + 1);
                assertTrue(mount.path("readOnly").asBoolean(), service + ": mount " + dir + " must be read-only");
                for (JsonNode volume : Workloads.podSpec(service).path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())) {
                        JsonNode secret = volume.path("secret");
                        for (JsonNode item : secret.path("items")) {
                            if (item.path("path").asText().equals(name)) {
                                String secretName = secret.path("secretName").asText();
                                assertTrue(Workloads.secretKeys(secretName, service).contains(item.path("key").asText()),
                                        secretName + " has no key " + item.path("key").asText());
                                return secretName + "/" + item.path("key").asText();
                            }
                        }
                    }
                }
            }
        }
        throw new AssertionError(service + ": no Secret volume puts " + file + " in the container");
    }
}
