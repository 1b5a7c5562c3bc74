package vn.par.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.manifests.Repo.Manifest;

class YamlFilesTest {

    @Test
    void everyYamlFileUnderK8sAndComposeParses() {
        List<Path> files = new ArrayList<>(Repo.yamlFiles(Repo.K8S));
        files.addAll(Repo.yamlFiles(Repo.COMPOSE_DIR));
        assertTrue(files.size() > 10, "expected the manifests and the compose file, found " + files);
        for (Path file : files) {
            assertFalse(Repo.documents(file).isEmpty(), Repo.ROOT.relativize(file) + " holds no document");
        }
    }

    @Test
    void everyKubernetesDocumentHasApiVersionKindAndName() {
        List<Manifest> manifests = Repo.manifests();
        assertTrue(manifests.size() > 20, "expected the whole system, found " + manifests.size() + " documents");
        for (Manifest m : manifests) {
            String where = Repo.ROOT.relativize(m.file()).toString();
            assertFalse(m.doc().path("apiVersion").asText().isBlank(), where + ": a document without apiVersion");
            assertFalse(m.kind().isBlank(), where + ": a document without kind");
            assertFalse(m.name().isBlank(), where + ": a " + m.kind() + " without metadata.name");
        }
    }

    @Test
    void noTwoObjectsOfOneKindShareAName() {
        Map<String, Manifest> seen = new HashMap<>();
        for (Manifest m : Repo.manifests()) {
            Manifest before = seen.put(m.kind() + "/" + m.name(), m);
            assertTrue(before == null, m + " repeats " + before);
        }
    }

    @Test
    void theRootKustomizationReachesEveryManifestAndEveryListedResourceExists() {
        Set<Path> reached = new LinkedHashSet<>();
        collect(Repo.K8S, reached);
        for (Path file : Repo.yamlFiles(Repo.K8S)) {
            if (!Repo.isKustomization(file)) {
                assertTrue(reached.contains(file), Repo.ROOT.relativize(file) + " is in no kustomization.yaml: kubectl apply -k would leave it out");
            }
        }
    }

    @Test
    void theNamespaceIsPar() {
        JsonNode root = Repo.documents(Repo.K8S.resolve("kustomization.yaml")).get(0);
        assertEquals("par", root.path("namespace").asText());
        Repo.required("Namespace", "par");
    }

    private static void collect(Path dir, Set<Path> reached) {
        Path kustomization = dir.resolve("kustomization.yaml");
        assertTrue(Files.isRegularFile(kustomization), "no kustomization.yaml in " + Repo.ROOT.relativize(dir));
        for (JsonNode resource : Repo.documents(kustomization).get(0).path("resources")) {
            Path target = dir.resolve(resource.asText()).normalize();
            assertTrue(Files.exists(target), Repo.ROOT.relativize(kustomization) + " lists " + resource.asText() + ", which does not exist");
            if (Files.isDirectory(target)) {
                collect(target, reached);
            } else {
                reached.add(target);
            }
        }
    }
}
