package vn.par.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak server from the distribution on Maven Central, in development mode (its own H2 database
 * under its folder), importing the {@code par} realm on first start.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "par";
    /** The client for tokens by password (development realm only): trying the API, the tests. */
    public static final String WEB_CLIENT = "par-web";
    /** Where Keycloak tells a service's pages that the session ended (each service's backchannel logout path). */
    public static final String BACK_CHANNEL_LOGOUT_PATH = "/back-channel-logout";

    /** What kc.sh sets when JAVA_OPTS is not given (Keycloak 26.5), but its collector and heap. */
    private static final List<String> KC_SCRIPT_OPTIONS = List.of("-XX:MetaspaceSize=96M", "-XX:MaxMetaspaceSize=256m",
            "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.err.encoding=UTF-8",
            "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.security.egd=file:/dev/urandom", "-Djdk.tls.rejectClientInitiatedRenegotiation=true");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path home;
    private final int port;
    private final Path realmFile;
    private final Map<String, Integer> pagePorts;
    private final int managementPort;
    private final ManagedProcess process;

    /**
     * @param home       the unpacked distribution (unpacked from the Maven artifact if missing)
     * @param port       HTTP port; the issuer is {@code http://localhost:<port>/realms/par}
     * @param realmFile  the realm JSON to import
     * @param pagePorts  the HTTP port of each page client's service, by client id ({@code par-web-criteria} ...)
     */
    public KeycloakServer(Path home, int port, Path realmFile, Map<String, Integer> pagePorts, Path logFile) {
        this.home = home.toAbsolutePath();
        this.port = port == 0 ? Ports.free() : port;
        this.realmFile = realmFile;
        this.pagePorts = Map.copyOf(pagePorts);
        // Its management interface (health, metrics) would take port 9000 on every instance: give it a free one, so
        // several stacks (tests, the benchmark, a developer's own) can run side by side.
        this.managementPort = Ports.free();
        boolean windows = ManagedProcess.isWindows();
        List<String> command = List.of(
                this.home.resolve("bin").resolve(windows ? "kc.bat" : "kc.sh").toString(),
                "start-dev", "--http-port", Integer.toString(this.port), "--http-host", "127.0.0.1",
                "--hostname", "http://localhost:" + this.port, "--import-realm",
                "--http-management-port", Integer.toString(managementPort));
        Map<String, String> env = new HashMap<>(JvmMemory.ENVIRONMENT);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // kc.sh's own options without its G1 (which takes the whole maximum heap), with the stack's engine settings: the
        // development server issues a few tokens a minute, so a small heap and C1 alone serve it
        env.put("JAVA_OPTS", String.join(" ", KC_SCRIPT_OPTIONS) + " "
                + String.join(" ", JvmMemory.engineOptions("192m", true)));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        this.process = new ManagedProcess("Keycloak", command, env, this.home, logFile, List.of(this.port, managementPort));
    }

    public int port() {
        return port;
    }

    public String issuer() {
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public ManagedProcess process() {
        return process;
    }

    public void start(Duration timeout) {
        unpackIfNeeded();
        writeRealm();
        process.start();
        process.await("Keycloak realm '" + REALM + "' to answer at " + issuer(), timeout, this::answers);
    }

    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }

    /** An access token for a user of the realm, by password grant on the web client (development realm only). */
    public String token(String username, String password) {
        return token(issuer(), username, password);
    }

    /** An access token from any Keycloak realm given its issuer URL. */
    public static String token(String issuer, String username, String password) {
        String form = "grant_type=password&client_id=" + WEB_CLIENT + "&scope=openid"
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackException("Keycloak refused a token for " + username + ": HTTP " + response.statusCode()
                        + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new StackException("cannot get a token for " + username + " from " + issuer + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }

    /** Our server's own start line first: someone else's Keycloak on the same port answers the realm's URL too. */
    private boolean answers() {
        if (!process.hasLogged("Listening on: ")) {
            return false;
        }
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/realms/" + REALM + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The realm as imported: the committed file, with each page client's addresses set to where its service runs: the
     * redirect URIs and origins of its pages, and the back-channel logout URL Keycloak calls when the session ends.
     */
    private void writeRealm() {
        try {
            ObjectNode realm = (ObjectNode) JSON.readTree(realmFile.toFile());
            for (JsonNode node : realm.withArray("clients")) {
                Integer pagePort = pagePorts.get(node.path("clientId").asText());
                if (pagePort == null) {
                    continue;
                }
                ObjectNode client = (ObjectNode) node;
                ArrayNode redirects = client.putArray("redirectUris");
                ArrayNode origins = client.putArray("webOrigins");
                for (String origin : List.of("http://localhost:" + pagePort, "http://127.0.0.1:" + pagePort)) {
                    redirects.add(origin + "/*");
                    origins.add(origin);
                }
                ObjectNode attributes = client.has("attributes") ? (ObjectNode) client.get("attributes")
                        : client.putObject("attributes");
                attributes.put("backchannel.logout.url", "http://localhost:" + pagePort + BACK_CHANNEL_LOGOUT_PATH);
            }
            Path target = home.resolve("data").resolve("import").resolve(REALM + "-realm.json");
            Files.createDirectories(target.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), realm);
        } catch (IOException e) {
            throw new StackException("Keycloak: cannot prepare the realm from " + realmFile + ": " + e.getMessage(), e);
        }
    }

    private void unpackIfNeeded() {
        if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
            return;
        }
        Path zip = Engines.keycloakZip();
        System.out.println("Unpacking Keycloak " + Engines.keycloakVersion() + " from " + zip + " into " + home + " ...");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            Files.createDirectories(home);
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                // The zip holds one top folder (keycloak-<version>/); drop it.
                String name = e.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path target = home.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(home)) {
                    throw new StackException("unsafe path in Keycloak zip: " + name);
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                    if (name.endsWith(".sh")) {
                        makeExecutable(target);
                    }
                }
            }
        } catch (IOException e) {
            throw new StackException("cannot unpack Keycloak from " + zip + " into " + home + ": " + e.getMessage(), e);
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            var perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            perms.addAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException windows) {
            // no POSIX permissions to set
        }
    }
}
