package vn.par.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where Maven put the engines: the Kafka broker's jars and the Keycloak distribution. The paths were written
 * by the {@code deploy/engines} module at build time (so the first build is where they are downloaded).
 */
public final class Engines {

    private Engines() {
    }

    public static List<Path> kafkaClasspath() {
        List<Path> paths = new ArrayList<>();
        for (String entry : resource("kafka.classpath").trim().split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.isRegularFile(path)) {
                throw new StackException("Kafka jar " + path + " is missing: run the build again (./mvnw package)");
            }
            paths.add(path);
        }
        return paths;
    }

    public static Path keycloakZip() {
        Path zip = Path.of(resource("keycloak.zip.path").trim());
        if (!Files.isRegularFile(zip)) {
            throw new StackException("Keycloak distribution " + zip + " is missing: run the build again (./mvnw package)");
        }
        return zip;
    }

    public static String keycloakVersion() {
        return versions().getProperty("keycloak.version");
    }

    public static String kafkaVersion() {
        return versions().getProperty("kafka.version");
    }

    private static Properties versions() {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(resource("versions.properties")));
        } catch (IOException e) {
            throw new StackException("cannot read engine versions", e);
        }
        return p;
    }

    private static String resource(String name) {
        try (InputStream in = Engines.class.getResourceAsStream("/par-engines/" + name)) {
            if (in == null) {
                throw new StackException("par-engines/" + name + " is not on the classpath: build deploy/engines first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot read par-engines/" + name, e);
        }
    }
}
