package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoversTest {

    private static final String DATA = "/home/op/par/.local";

    @Test
    void aKafkaBrokerOnTheFolderIsKafka() {
        List<String> kafka = List.of("/usr/lib/jvm/java-17/bin/java", "-Xms512m", "-Xmx512m",
                "-Dlog4j2.configurationFile=" + DATA + "/kafka/log4j2.properties",
                "-cp", "/root/.m2/kafka_2.13-4.4.0.jar:" + DATA + "/kafka/watchdog", "vn.par.stack.ParentWatchdog",
                "kafka.Kafka", DATA + "/kafka/server.properties");
        assertEquals(Optional.of("Kafka"), Leftovers.engineOf(kafka, DATA));
        assertEquals(Optional.empty(), Leftovers.engineOf(kafka, "/home/op/other/.local"));
    }

    @Test
    void aPostgresServerOnAClusterInTheFolderIsPostgreSQL() {
        List<String> postgres = List.of(DATA + "/pg-binaries/ab12/bin/postgres", "-D", DATA + "/postgres",
                "-p", "15432", "-c", "listen_addresses=127.0.0.1");
        assertEquals(Optional.of("PostgreSQL"), Leftovers.engineOf(postgres, DATA));
        List<String> elsewhere = List.of(DATA + "/pg-binaries/ab12/bin/postgres", "-D", "/tmp/other-cluster");
        assertEquals(Optional.empty(), Leftovers.engineOf(elsewhere, DATA));
    }

    @Test
    void keycloakWithItsHomeInTheFolderIsKeycloak() {
        List<String> keycloak = List.of("/usr/lib/jvm/java-17/bin/java", "-Xms64m",
                "-Dkc.home.dir=" + DATA + "/keycloak-26.5.6/bin/..", "-cp", "lib/quarkus-run.jar",
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint", "start-dev", "--http-port", "8180");
        assertEquals(Optional.of("Keycloak"), Leftovers.engineOf(keycloak, DATA));
    }

    @Test
    void aServiceIsKnownByItsLogInTheFolder() {
        List<String> service = List.of("/usr/lib/jvm/java-17/bin/java", "-Xmx256m",
                ServiceProcess.LOG_PROPERTY + DATA + "/logs/criteria-service.log", "-jar", "quarkus-run.jar");
        assertEquals(Optional.of("criteria-service"), Leftovers.engineOf(service, DATA));
    }

    @Test
    void aFolderWhoseNameMerelyBeginsTheSameIsAnotherFolder() {
        List<String> kafka = List.of("java", "-cp", "kafka.jar", "kafka.Kafka", DATA + "2/kafka/server.properties");
        assertEquals(Optional.empty(), Leftovers.engineOf(kafka, DATA));
        List<String> service = List.of("java", ServiceProcess.LOG_PROPERTY + DATA + "-old/logs/criteria-service.log",
                "-jar", "quarkus-run.jar");
        assertEquals(Optional.empty(), Leftovers.engineOf(service, DATA));
    }

    @Test
    void otherProcessesThatNameTheFolderAreLeftAlone() {
        for (List<String> other : List.<List<String>>of(
                List.of("tail", "-f", DATA + "/logs/kafka.log"),
                List.of("vim", DATA + "/keycloak-26.5.6/bin/kc.sh"),
                List.of("/bin/bash", DATA + "/keycloak-26.5.6/bin/kc.sh", "start-dev"),
                List.of("java", "-jar", "deploy/stack/target/par-stack.jar", "--data=" + DATA),
                List.of("java", "-Xmx256m", "-cp", "par-stack.jar", "vn.par.stack.ParStack", "--data=" + DATA),
                List.of("rm", "-rf", DATA + "/postgres"),
                List.of())) {
            assertEquals(Optional.empty(), Leftovers.engineOf(other, DATA), other.toString());
        }
    }

    @Test
    void aLeftoverProcessOfTheFolderIsFoundAndStopped(@TempDir Path folder) throws Exception {
        assumeTrue(ProcFs.available(), "Linux only: /proc");
        Process leftover = ChildJvm.start(List.of(ServiceProcess.LOG_PROPERTY + folder.resolve("logs/fake-service.log")));
        Process unrelated = ChildJvm.start(List.of(ServiceProcess.LOG_PROPERTY + folder.resolveSibling(
                folder.getFileName() + "-other").resolve("logs/fake-service.log")));
        try {
            List<String> said = new ArrayList<>();
            List<Leftovers.Found> found = Leftovers.stopAll(folder, Duration.ofSeconds(10), said::add);
            assertEquals(List.of(leftover.pid()), found.stream().map(Leftovers.Found::pid).toList());
            assertEquals("fake-service", found.get(0).engine());
            assertTrue(leftover.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "stopped");
            assertTrue(unrelated.isAlive(), "another folder's process runs on");
            assertEquals(1, said.size(), said.toString());
            assertTrue(said.get(0).contains("stopped leftover fake-service (pid " + leftover.pid() + ")"), said.get(0));
        } finally {
            leftover.destroyForcibly();
            unrelated.destroyForcibly();
        }
    }
}
