package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceProcessTest {

    @Test
    void criteriaAndScoringServiceRunC1OnlyAfterTheSharedOptions() {
        for (String module : List.of("criteria-service", "scoring-service")) {
            assertEquals(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    ServiceProcess.withOwnOptions(List.of("-Xmx256m", "-XX:+UseSerialGC"), module), module);
        }
    }

    @Test
    void progressServiceKeepsTheSharedOptions() {
        List<String> shared = ServiceProcess.DEFAULT_JVM_OPTIONS;
        assertEquals(shared, ServiceProcess.withOwnOptions(shared, "progress-service"));
    }

    @Test
    void aGivenOptionOfTheSameNameWins() {
        List<String> given = List.of("-Xmx256m", "-XX:TieredStopAtLevel=4");
        assertEquals(given, ServiceProcess.withOwnOptions(given, "criteria-service"));
    }
}
