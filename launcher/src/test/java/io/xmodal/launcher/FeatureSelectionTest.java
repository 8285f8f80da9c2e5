package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.runtime.DescriptorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A descriptor's {@code requires.features}: read with its place in the file, resolved against the
 * distribution's features, and (in a real framework with SCR and the fake engine) only the chosen
 * features installed; an unknown feature or one whose bundle does not resolve stops the command with
 * exit status 2, naming the feature and what it lacks. The fake distribution's feature {@code test}
 * plays the part of core (it holds the engine).
 */
class FeatureSelectionTest {
    @TempDir
    Path tmp;
    private Path home;

    @BeforeEach
    void distribution() throws IOException {
        home = TestBundles.distribution(tmp.resolve("dist"));
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        TestBundles.jar(home.resolve("bundles/needs-nowhere.jar"), Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "needs.nowhere", "Bundle-Version", "1.2.0", "Import-Package", "org.nowhere;version=\"[1,2)\""),
                Map.of());
        TestBundles.jar(home.resolve("bundles/plain-lib.jar"), Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "plain.lib", "Bundle-Version", "1.0.0"), Map.of());
        Files.writeString(home.resolve("features/extra.xml"), """
                <feature name="extra" version="2.1.0">
                  <requires feature="test" version="[1,2)"/>
                  <bundle name="plain.lib" version="[1,2)"/>
                </feature>
                """);
        Files.writeString(home.resolve("features/broken.xml"), """
                <feature name="broken" version="1.0.0">
                  <requires feature="test" version="[1,2)"/>
                  <bundle name="needs.nowhere" version="[1.2,2)"/>
                </feature>
                """);
        System.setProperty(Distribution.HOME_PROPERTY, home.toString());
        System.setProperty(Launch.ENGINE_TIMEOUT, "5");
    }

    @AfterEach
    void clear() {
        System.clearProperty(Distribution.HOME_PROPERTY);
        System.clearProperty(Launch.ENGINE_TIMEOUT);
    }

    private Path descriptor(String requires) throws IOException {
        return Files.writeString(tmp.resolve("x.yaml"), requires + "experiment: x\nmodel: {encoder: vgg}\n");
    }

    @Test
    void readsListAndMapFormsWithTheirPlaceAndSetReplacesTheList() throws Exception {
        Path list = descriptor("requires:\n  io.xmodal.vision: \"[0.1,1)\"\n  features: [extra, \"test@[1,2)\"]\n");
        FeatureRequest r = FeatureRequest.read(list, List.of()).orElseThrow();
        assertEquals(List.of("extra", "test@[1.0.0,2.0.0)"), r.names());
        assertEquals(3, r.items().get(0).line());
        assertEquals(14, r.items().get(0).column());
        Path map = descriptor("requires:\n  features: {extra: any, test: \"[1,2)\"}\n");
        assertEquals(List.of("extra", "test@[1.0.0,2.0.0)"), FeatureRequest.read(map, List.of()).orElseThrow().names());
        FeatureRequest set = FeatureRequest.read(map, List.of("train.epochs=2", "requires.features=[broken]")).orElseThrow();
        assertEquals(List.of("broken"), set.names());
        assertEquals("--set requires.features=[broken]", set.file());
        assertTrue(FeatureRequest.read(descriptor("requires: {io.xmodal.vision: \"[0.1,1)\"}\n"), List.of()).isEmpty());
        assertTrue(FeatureRequest.read(descriptor(""), List.of()).isEmpty());
    }

    @Test
    void malformedRequestsNameThePlaceAndTheFix() throws Exception {
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> FeatureRequest.read(descriptor("requires:\n  features: [extra, {a: 1}, \"test@[2,1\"]\n"), List.of()));
        assertEquals(2, e.problems().size(), e.problems()::toString);
        assertTrue(e.problems().get(0).toString().matches(".*x\\.yaml:2:21: requires\\.features: each entry is a feature name.*"),
                e.problems()::toString);
        assertTrue(e.problems().get(1).toString().contains("x.yaml:2:29: requires.features: '[2,1' is not a version range"),
                e.problems()::toString);
        DescriptorException scalar = assertThrows(DescriptorException.class,
                () -> FeatureRequest.read(descriptor("requires:\n  features: extra\n"), List.of()));
        assertTrue(scalar.problems().get(0).message().startsWith("requires.features must be a list of feature names"),
                scalar.problems()::toString);
    }

    @Test
    void installsOnlyTheChosenFeaturesAndWhatTheyRequire() throws Exception {
        // default: every feature, so the broken one is installed and reported (and the command still works)
        Run all = Run.of("validate", descriptor("").toString());
        assertEquals(0, all.status(), all::toString);
        assertTrue(all.err().contains("bundle needs.nowhere 1.2.0 did not start: missing package org.nowhere"), all::toString);

        // extra (and test, which it requires): the broken feature is not installed, so nothing is reported
        Run chosen = Run.of("validate", descriptor("requires:\n  features: [extra]\n").toString(), "--verbose");
        assertEquals(0, chosen.status(), chosen::toString);
        assertFalse(chosen.err().contains("needs.nowhere"), chosen::toString);
        assertTrue(chosen.err().contains("features chosen by "), chosen::toString);
        assertTrue(chosen.err().matches("(?s).*\\| 6 bundles .*"), "SCR's four, the fake engine and plain.lib: " + chosen);
    }

    @Test
    void anUnknownFeatureOrOneThatDoesNotResolveStopsWithStatus2() throws Exception {
        Run unknown = Run.of("validate", descriptor("requires:\n  features: [extra, nowhere, \"extra@[3,4)\"]\n").toString());
        assertEquals(2, unknown.status(), unknown::toString);
        assertTrue(unknown.err().contains("x.yaml:2:21: requires.features: unknown feature 'nowhere' (features: broken 1.0.0, "
                + "extra 2.1.0, test 1.0.0; xmodal features lists them)"), unknown::toString);
        assertTrue(unknown.err().contains("x.yaml:2:30: requires.features: no version of feature 'extra' is in [3.0.0,4.0.0) "
                + "(found: 2.1.0)"), unknown::toString);

        Run broken = Run.of("run", descriptor("requires:\n  features: [broken]\n").toString());
        assertEquals(2, broken.status(), broken::toString);
        assertTrue(broken.err().contains("x.yaml:2:14: requires.features: feature broken 1.0.0 (broken.xml) cannot be used: "
                + "bundle needs.nowhere [1.2.0,2.0.0): missing package org.nowhere [1.0.0,2.0.0)"), broken::toString);
        assertFalse(broken.out().contains("epoch"), "nothing trained: " + broken);

        Run viaSet = Run.of("validate", descriptor("").toString(), "--set", "requires.features=[broken]");
        assertEquals(2, viaSet.status(), viaSet::toString);
        assertTrue(viaSet.err().contains("--set requires.features=[broken]: requires.features: feature broken 1.0.0"), viaSet::toString);
    }

    @Test
    void aFeatureWhoseRequiredFeatureIsMissingIsReportedWithIt() throws Exception {
        Files.writeString(home.resolve("features/orphan.xml"), """
                <feature name="orphan" version="1.0.0">
                  <requires feature="ghost" version="[1,2)"/>
                </feature>
                """);
        Run r = Run.of("validate", descriptor("requires:\n  features: {orphan: any}\n").toString());
        assertEquals(2, r.status(), r::toString);
        assertTrue(r.err().contains("x.yaml:2:22: requires.features: feature orphan 1.0.0 (orphan.xml) not installed: it requires "
                + "feature ghost [1.0.0,2.0.0), which is not in features/"), r::toString);
    }

    @Test
    void theShellChecksADescriptorsFeaturesAgainstThoseInstalledAndShowsAStudysStatus() throws Exception {
        Path ok = Files.writeString(tmp.resolve("ok.yaml"), "requires:\n  features: [extra]\nexperiment: x\n");
        Path broken = Files.writeString(tmp.resolve("broken.yaml"), "requires:\n  features: [broken]\nexperiment: x\n");
        Path study = Files.createDirectories(tmp.resolve("study"));
        Files.writeString(study.resolve("study.json"), """
                {"study": "/x/s.yaml", "experiment": "s", "seeds": [1], "updated": "2026-11-23T05:00:00Z",
                 "higher_is_better": {"mse": "lower", "r2": "higher", "loss": "lower"},
                 "runs": [
                   {"index": 1, "variant": 1, "name": "a=1", "status": "ok", "seconds": 2.5, "test": {"mse": 0.5, "r2": 0.1}},
                   {"index": 2, "variant": 2, "name": "a=2", "status": "ok", "seconds": 3.0, "test": {"mse": 0.25, "r2": 0.4}},
                   {"index": 3, "variant": 3, "name": "a=3", "status": "failed", "error": "boom", "test": {}},
                   {"index": 4, "variant": 4, "name": "a=4", "status": "running", "test": null}]}
                """);
        String script = String.join("\n", "validate " + ok, "validate " + broken, "study status " + study,
                "study status " + tmp, "exit", "");
        InputStream stdin = System.in;
        Run r;
        try {
            System.setIn(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
            r = Run.of("shell");
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("xmodal> fake experiment: 0 overrides\n"), r::toString);
        assertTrue(r.err().contains("broken.yaml:2:14: requires.features: feature broken 1.0.0 (broken.xml) cannot be used: "
                + "bundle needs.nowhere [1.2.0,2.0.0): missing package org.nowhere [1.0.0,2.0.0)\nvalidate: exit status 2"), r::toString);
        assertTrue(r.out().contains("""
                study s (/x/s.yaml)
                4 runs (4 variants): 2 ok, 1 failed, 1 running; updated 2026-11-23T05:00:00Z
                best so far (mse, lower is better): run 2 a=2, mse 0.2500
                    1 ok       a=1 | mse 0.5000 | 2.5 s
                    2 ok       a=2 | mse 0.2500 | 3.0 s
                    3 failed   a=3 | boom
                    4 running  a=4
                """), r::toString);
        assertTrue(r.err().contains("study status: " + tmp.resolve("study.json") + " does not exist: " + tmp
                + " is not a study directory"), r::toString);
    }
}
