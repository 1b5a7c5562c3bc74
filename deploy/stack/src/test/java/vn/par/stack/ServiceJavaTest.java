package vn.par.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJavaTest {

    @TempDir
    Path home;

    @Test
    void readsTheVersionFromTheJdksReleaseFile() throws IOException {
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n");

        ServiceJava java = ServiceJava.of(home);

        assertEquals("25.0.3", java.version());
        assertEquals(25, java.feature());
        assertTrue(java.hasAotCache());
        assertEquals(home.resolve("bin").resolve("java").toString(), java.executable());
    }

    @Test
    void aJdkBefore25OrOfUnknownVersionRecordsADynamicArchive() throws IOException {
        assertFalse(ServiceJava.of(home).hasAotCache()); // no release file
        assertEquals("unknown", ServiceJava.of(home).version());

        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        assertEquals(ClassArchive.Kind.DYNAMIC_CDS, ClassArchive.Kind.of(ServiceJava.of(home)));
    }

    @Test
    void featureReleaseOfTheVersionSchemes() {
        assertEquals(17, ServiceJava.feature("17"));
        assertEquals(21, ServiceJava.feature("21.0.1+12"));
        assertEquals(8, ServiceJava.feature("1.8.0_402"));
        assertEquals(0, ServiceJava.feature("unknown"));
    }

    @Test
    void withoutTheVariableTheServicesRunOnTheLaunchersJava() {
        for (String unset : new String[] { null, "", "  " }) {
            ServiceJava java = ServiceJava.configured(unset);
            assertEquals(Path.of(System.getProperty("java.home")).toAbsolutePath(), java.home());
            assertEquals(Runtime.version().feature(), java.feature());
        }
    }

    @Test
    void aFolderWithoutJavaIsRefusedWithTheVariablesName() {
        StackException e = assertThrows(StackException.class, () -> ServiceJava.configured(home.toString()));
        assertTrue(e.getMessage().startsWith("PAR_SERVICE_JAVA_HOME=" + home), e.getMessage());
    }
}
