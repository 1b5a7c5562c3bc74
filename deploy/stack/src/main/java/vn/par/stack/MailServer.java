package vn.par.stack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real SMTP server for the local stack, which keeps every message it receives: GreenMail standalone from Maven
 * Central, run in its own JVM like the other engines (the jar the build copied next to the launcher). It accepts mail
 * for any address on {@link #smtpPort()} and answers, on its HTTP API ({@link #apiUrl()}), what each address received:
 * {@code GET /api/user/<address>/messages/INBOX}. Nothing is written to disk: a restart starts with empty mailboxes.
 */
public final class MailServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message as a person reads it: the decoded subject and text. */
    public record Message(String subject, String text) {
    }

    private final int smtpPort;
    private final int apiPort;
    private final ManagedProcess process;

    /**
     * @param dir      holds the one class of ours it runs with (the watchdog that stops it with the stack)
     * @param smtpPort 0 picks a free port, as does {@code apiPort}
     */
    public MailServer(Path dir, int smtpPort, int apiPort, Path logFile) {
        this.smtpPort = smtpPort == 0 ? Ports.free() : smtpPort;
        this.apiPort = apiPort == 0 ? Ports.free() : apiPort;
        Path home = dir.toAbsolutePath();
        // A few messages a day: an engine that works little (JvmMemory), in a heap of at most 48 MB
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable()));
        command.addAll(JvmMemory.engineOptions("48m", true));
        command.addAll(List.of("-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + this.smtpPort,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + this.apiPort,
                // Any sender, any recipient: a mailbox is made for each address the first time mail arrives for it.
                "-Dgreenmail.auth.disabled",
                "-cp", jar() + java.io.File.pathSeparator + KafkaBroker.watchdogClasses(home.resolve("watchdog")),
                ParentWatchdog.class.getName(), "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner"));
        this.process = new ManagedProcess("GreenMail", command, JvmMemory.ENVIRONMENT, home, logFile,
                List.of(this.smtpPort, this.apiPort));
    }

    public void start(Duration timeout) {
        try {
            Files.createDirectories(process.logFile().getParent());
        } catch (IOException e) {
            throw new StackException("GreenMail: cannot create " + process.logFile().getParent() + ": " + e.getMessage(), e);
        }
        process.start();
        process.await("GreenMail to accept mail on 127.0.0.1:" + smtpPort, timeout, this::ready);
    }

    public void stop() {
        process.stop(Duration.ofSeconds(10));
    }

    public ManagedProcess process() {
        return process;
    }

    public String smtpHost() {
        return "127.0.0.1";
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** GreenMail's own HTTP API: {@code /api/user/<address>/messages/INBOX}, {@code /api/user}, {@code /api/mail/purge}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** Where a person reads what {@code address} received, as JSON with each raw message. */
    public String inboxUrl(String address) {
        return apiUrl() + "/api/user/" + address + "/messages/INBOX";
    }

    /** What {@code address} received, oldest first; none before its first message. */
    public List<Message> messages(String address) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(inboxUrl(address)))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 400 && r.body().contains("not found")) {
                return List.of();
            }
            if (r.statusCode() != 200) {
                throw new StackException("GreenMail answered " + r.statusCode() + " for " + address + ": " + r.body());
            }
            List<Message> messages = new ArrayList<>();
            for (JsonNode m : JSON.readTree(r.body())) {
                messages.add(new Message(m.path("subject").asText(), text(m.path("mimeMessage").asText())));
            }
            return messages;
        } catch (IOException e) {
            throw new StackException("cannot read the mailbox of " + address + " from GreenMail: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }

    /** Our server's own start line first: another GreenMail on the same port answers too. */
    private boolean ready() {
        if (!process.hasLogged("Starting GreenMail API server")) {
            return false;
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/service/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";\\s]+)\"?", Pattern.CASE_INSENSITIVE);

    /**
     * The text of a raw message: its text/plain body (the first text/plain part of a multipart one), decoded from
     * base64 or quoted-printable in its charset.
     */
    static String text(String raw) {
        int split = raw.indexOf("\r\n\r\n");
        String headers = split < 0 ? raw : raw.substring(0, split);
        String body = split < 0 ? "" : raw.substring(split + 4);
        String type = header(headers, "Content-Type");
        if (type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            Matcher boundary = BOUNDARY.matcher(type);
            if (boundary.find()) {
                for (String part : body.split("--" + Pattern.quote(boundary.group(1)))) {
                    String p = part.startsWith("\r\n") ? part.substring(2) : part;
                    if (header(p.split("\r\n\r\n", 2)[0], "Content-Type").toLowerCase(Locale.ROOT).startsWith("text/plain")) {
                        return text(p);
                    }
                }
            }
            return "";
        }
        Matcher charset = CHARSET.matcher(type);
        Charset cs = charset.find() ? Charset.forName(charset.group(1)) : StandardCharsets.US_ASCII;
        String encoding = header(headers, "Content-Transfer-Encoding").toLowerCase(Locale.ROOT);
        byte[] bytes = switch (encoding) {
            case "base64" -> Base64.getMimeDecoder().decode(body);
            case "quoted-printable" -> quotedPrintable(body);
            default -> body.getBytes(StandardCharsets.ISO_8859_1);
        };
        return new String(bytes, cs).replace("\r\n", "\n");
    }

    /** A header's value, unfolded; empty when absent. */
    private static String header(String headers, String name) {
        String unfolded = headers.replace("\r\n ", " ").replace("\r\n\t", " ");
        for (String line : unfolded.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "";
    }

    private static byte[] quotedPrintable(String body) {
        String joined = body.replace("=\r\n", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length()) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** The jar the build copied (see the stack module's pom). */
    private static String jar() {
        try (InputStream in = MailServer.class.getResourceAsStream("/par-stack/mail-server.path")) {
            if (in == null) {
                throw new StackException("par-stack/mail-server.path is not on the classpath: build deploy/stack first");
            }
            Path jar = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            if (!Files.isRegularFile(jar)) {
                throw new StackException("GreenMail " + jar + " is missing: run the build again (./mvnw package)");
            }
            return jar.toString();
        } catch (IOException e) {
            throw new StackException("cannot read par-stack/mail-server.path", e);
        }
    }
}
