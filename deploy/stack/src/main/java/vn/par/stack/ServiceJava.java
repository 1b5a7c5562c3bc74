package vn.par.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Java the services run on: {@code $PAR_SERVICE_JAVA_HOME} when it is set, else the one running the launcher
 * (or the tests, or the benchmark). The services are compiled for Java 17 and run on any later JVM; a JDK 25 or later
 * starts them with an AOT cache instead of a class-data archive (see {@link ClassArchive}).
 *
 * @param home    the JDK's (or JRE's) folder
 * @param version its version as its {@code release} file gives it ({@code 25.0.3}), or "unknown"
 * @param feature the feature release (25), 0 when unknown
 */
public record ServiceJava(Path home, String version, int feature) {

    static final String HOME_VARIABLE = "PAR_SERVICE_JAVA_HOME";

    /** The services' Java, from the environment. */
    public static ServiceJava fromEnvironment() {
        return configured(System.getenv(HOME_VARIABLE));
    }

    /** The Java in {@code configured} (a JDK's folder), or the launcher's when it is null or blank. */
    static ServiceJava configured(String configured) {
        if (configured == null || configured.isBlank()) {
            return of(Path.of(System.getProperty("java.home")));
        }
        Path home = Path.of(configured.strip());
        ServiceJava java = of(home);
        if (!Files.isExecutable(Path.of(java.executable()))) {
            throw new StackException(HOME_VARIABLE + "=" + configured + " has no " + java.executable());
        }
        return java;
    }

    static ServiceJava of(Path home) {
        String version = releaseVersion(home).orElse("unknown");
        return new ServiceJava(home.toAbsolutePath(), version, feature(version));
    }

    public String executable() {
        return ManagedProcess.javaIn(home);
    }

    /** Whether it takes {@code -XX:AOTCacheOutput} (JEP 514, JDK 25). */
    boolean hasAotCache() {
        return feature >= 25;
    }

    /** {@code JAVA_VERSION="25.0.3"} in the JDK's release file. */
    static Optional<String> releaseVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return Optional.of(line.substring("JAVA_VERSION=".length()).replace("\"", "").strip());
                }
            }
        } catch (IOException e) {
            // no release file: the version stays unknown
        }
        return Optional.empty();
    }

    /** 25 of "25.0.3", 17 of "17", 8 of "1.8.0_402"; 0 if it is not a version. */
    static int feature(String version) {
        String[] parts = version.split("[._+-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
