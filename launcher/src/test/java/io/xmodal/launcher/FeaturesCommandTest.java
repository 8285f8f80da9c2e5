package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xmodal features} in a real framework (SCR and the fake engine): features that require other
 * features by version range, what each bundle contributes, and features whose bundles or required
 * features are missing or do not resolve, each with the reason.
 */
class FeaturesCommandTest {
    @TempDir
    Path tmp;
    private Path home;

    @BeforeEach
    void distribution() throws IOException {
        home = TestBundles.distribution(tmp.resolve("dist"));
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        System.setProperty(Distribution.HOME_PROPERTY, home.toString());
        System.setProperty(Launch.ENGINE_TIMEOUT, "5");
    }

    @AfterEach
    void clear() {
        System.clearProperty(Distribution.HOME_PROPERTY);
        System.clearProperty(Launch.ENGINE_TIMEOUT);
    }

    @Test
    void listsFeaturesWhatTheyContributeAndWhyOneIsBroken() throws IOException {
        TestBundles.jar(home.resolve("bundles/needs-nowhere.jar"), Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "needs.nowhere", "Bundle-Version", "1.2.0", "Import-Package", "org.nowhere;version=\"[1,2)\""), Map.of());
        TestBundles.jar(home.resolve("bundles/old-lib.jar"), Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "old.lib", "Bundle-Version", "1.0.0"), Map.of());
        Files.writeString(home.resolve("features/extra.xml"), """
                <feature name="extra" version="2.1.0">
                  <description>needs the test feature</description>
                  <requires feature="test" version="[1,2)"/>
                  <bundle name="needs.nowhere" version="[1.2,2)"/>
                  <bundle name="old.lib" version="[2,3)"/>
                </feature>
                """);
        Files.writeString(home.resolve("features/orphan.xml"), """
                <feature name="orphan" version="1.0.0">
                  <requires feature="test" version="[5,6)"/>
                  <bundle name="old.lib"/>
                </feature>
                """);
        Run r = Run.of("features");
        assertEquals(0, r.status(), r::toString);
        String out = r.out();
        assertTrue(out.contains("""
                extra 2.1.0 (extra.xml): installed
                  needs the test feature
                  requires: test [1.0.0,2.0.0)
                  needs.nowhere [1.2.0,2.0.0): 1.2.0 not active: missing package org.nowhere [1.0.0,2.0.0)
                  old.lib [2.0.0,3.0.0): missing from bundles/ (found 1.0.0, outside the range)
                """), out);
        assertTrue(out.contains("""
                orphan 1.0.0 (orphan.xml): not installed: it requires feature test [5.0.0,6.0.0), which is not in features/
                  requires: test [5.0.0,6.0.0)
                  old.lib 0.0.0: 1.0.0 not installed (the feature is not)
                """), out);
        assertTrue(out.contains("test 1.0.0 (test.xml): installed\n"), out);
        assertTrue(out.contains("  io.xmodal.engine [0.1.0,1.0.0): 0.1.0.test active; contributes encoder vgg, metric mse\n"), out);
        assertTrue(out.contains("  org.apache.felix.scr [2.2.0,3.0.0): 2.2.10 active\n"), out);
        // the same as JSON: one object per feature, each bundle with its state, error and components
        Run json = Run.of("features", "--json");
        assertEquals(0, json.status(), json::toString);
        String j = json.out();
        assertTrue(j.startsWith("[") && j.strip().endsWith("]"), j);
        assertTrue(j.contains("""
                    "name": "extra",
                    "version": "2.1.0",
                    "file": "extra.xml",
                    "description": "needs the test feature",
                    "installed": true,
                    "problem": null,
                    "requires": [
                      {
                        "feature": "test",
                        "range": "[1.0.0,2.0.0)"
                      }
                    ],
                    "bundles": [
                      {
                        "name": "needs.nowhere",
                        "range": "[1.2.0,2.0.0)",
                        "version": "1.2.0",
                        "state": "not active",
                        "error": "missing package org.nowhere [1.0.0,2.0.0)",
                        "components": []
                      },
                      {
                        "name": "old.lib",
                        "range": "[2.0.0,3.0.0)",
                        "version": null,
                        "state": "missing",
                        "error": "missing from bundles/ (found 1.0.0, outside the range)",
                        "components": []
                      }
                    ]
                """), j);
        assertTrue(j.contains("""
                    "installed": false,
                    "problem": "not installed: it requires feature test [5.0.0,6.0.0), which is not in features/",
                """), j);
        assertTrue(j.contains("""
                        "name": "io.xmodal.engine",
                        "range": "[0.1.0,1.0.0)",
                        "version": "0.1.0.test",
                        "state": "active",
                        "error": null,
                        "components": [
                          {
                            "role": "encoder",
                            "name": "vgg"
                          },
                          {
                            "role": "metric",
                            "name": "mse"
                          }
                        ]
                """), j);
        // the broken bundle is also what `plugins` lists as not active, and it broke nothing else
        Run plugins = Run.of("plugins");
        assertEquals(0, plugins.status(), plugins::toString);
        assertTrue(plugins.out().contains("needs.nowhere 1.2.0 (bundles/needs-nowhere.jar): missing package org.nowhere [1.0.0,2.0.0)"),
                plugins.out());
    }
}
