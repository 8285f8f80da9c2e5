package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The drop-in folder under Apache Felix FileInstall, in a real framework: what is there at start is
 * installed before the command runs, bundles that do not resolve or whose activator fails are listed
 * with the reason, and jars added, replaced and removed while the framework runs are installed,
 * updated and uninstalled.
 */
class DropinsTest {
    @TempDir
    Path tmp;

    @Test
    void watchedFolderInstallsUpdatesAndRemoves() throws Exception {
        Path home = TestBundles.distribution(tmp.resolve("dist"));
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        Files.writeString(home.resolve("features/dropins.xml"), """
                <feature name="dropins" version="0.1.0">
                  <requires feature="test"/>
                  <bundle name="org.apache.felix.fileinstall" version="[3.7,4)"/>
                </feature>
                """);
        Path dir = Files.createDirectories(tmp.resolve("my-dropins"));
        plain(dir.resolve("good.jar"), "good", "1.0.0", null);
        plain(dir.resolve("broken.jar"), "broken", "1.0.0", "org.nowhere;version=\"[1,2)\"");
        refusing(dir.resolve("refusing.jar"));
        TestBundles.jar(dir.resolve("notabundle.jar"), Map.of(), Map.of());
        Files.writeString(dir.resolve("README.txt"), "not a jar");

        Properties props = new Properties();
        props.setProperty("felix.fileinstall.poll", "100");
        try (FrameworkBoot boot = FrameworkBoot.start(SystemPackages.header(SystemPackages.scan(HostClassPath.current())), false,
                System.err, Dropins.frameworkProperties(dir, false, props))) {
            BundleContext ctx = boot.context();
            FeatureInstaller.Report report = FeatureInstaller.installDistribution(ctx, new Distribution(home), dir, Duration.ofSeconds(20));
            assertTrue(Dropins.watched(ctx), report.problems().toString());
            // present at start: installed (and started when possible) before the command would run
            assertEquals(Bundle.ACTIVE, bundle(ctx, "good").getState());
            assertEquals("1.0.0", bundle(ctx, "good").getVersion().toString());
            List<String> lines = report.problems();
            assertTrue(lines.contains("bundle broken 1.0.0 (broken.jar) did not start: missing package org.nowhere [1.0.0,2.0.0)"),
                    lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("bundle refusing 2.0.0 (refusing.jar) did not start: ")
                    && l.endsWith("IllegalStateException: this activator refuses to start")), lines.toString());
            assertTrue(lines.contains("notabundle.jar in my-dropins/ is not an OSGi bundle (no Bundle-SymbolicName): ignored"),
                    lines.toString());
            assertEquals(3, lines.size(), lines.toString());

            // what `xmodal plugins` lists
            Map<String, Dropins.Inactive> inactive = Dropins.inactive(ctx).stream()
                    .collect(Collectors.toMap(Dropins.Inactive::symbolicName, i -> i));
            assertEquals(List.of("broken", "refusing"), inactive.keySet().stream().sorted().toList());
            assertEquals("broken 1.0.0 (my-dropins/broken.jar): missing package org.nowhere [1.0.0,2.0.0)",
                    inactive.get("broken").toString());
            assertTrue(inactive.get("refusing").why().endsWith("IllegalStateException: this activator refuses to start"),
                    inactive.get("refusing").toString());
            String section = PluginTable.inactive(List.copyOf(inactive.values()), dir);
            assertTrue(section.contains("\n  broken 1.0.0 (my-dropins/broken.jar): missing package org.nowhere [1.0.0,2.0.0)"), section);
            assertEquals(Bundle.ACTIVE, bundle(ctx, "good").getState(), "the broken ones break nothing");

            // hot add
            plain(tmp.resolve("staging/another.jar"), "another", "1.0.0", null);
            Files.move(tmp.resolve("staging/another.jar"), dir.resolve("another.jar"), StandardCopyOption.ATOMIC_MOVE);
            await(() -> bundle(ctx, "another") != null && bundle(ctx, "another").getState() == Bundle.ACTIVE, "another.jar installed");

            // update: the jar replaced by a new version; one bundle, the new version
            plain(tmp.resolve("staging/good.jar"), "good", "1.1.0", null);
            Files.move(tmp.resolve("staging/good.jar"), dir.resolve("good.jar"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            await(() -> bundle(ctx, "good") != null && "1.1.0".equals(bundle(ctx, "good").getVersion().toString())
                    && bundle(ctx, "good").getState() == Bundle.ACTIVE, "good.jar updated to 1.1.0");
            assertEquals(1, Arrays.stream(ctx.getBundles()).filter(b -> "good".equals(b.getSymbolicName())).count());

            // a fix dropped in: the package broken lacks; broken starts and leaves the list
            plain(tmp.resolve("staging/nowhere.jar"), "nowhere", "1.0.0", null, "org.nowhere;version=\"1.0\"");
            Files.move(tmp.resolve("staging/nowhere.jar"), dir.resolve("nowhere.jar"), StandardCopyOption.ATOMIC_MOVE);
            await(() -> bundle(ctx, "nowhere") != null && bundle(ctx, "nowhere").getState() == Bundle.ACTIVE, "nowhere.jar installed");
            await(() -> Dropins.inactive(ctx).stream().noneMatch(i -> i.symbolicName().equals("broken")), "broken resolves");
            assertEquals(Bundle.ACTIVE, bundle(ctx, "broken").getState());

            // removal
            Files.delete(dir.resolve("another.jar"));
            await(() -> bundle(ctx, "another") == null, "another.jar uninstalled");
            assertEquals(Bundle.ACTIVE, bundle(ctx, "good").getState());
        }
    }

    @Test
    void folderOptionAndEnvironment() throws IOException {
        Distribution dist = new Distribution(tmp);
        assertEquals(tmp.resolve("dropins"), Dropins.folder(null, Map.of(), dist));
        assertEquals(Path.of("/x/y"), Dropins.folder(null, Map.of(Dropins.ENV, "/x/y"), dist));
        assertEquals(Path.of("/a"), Dropins.folder(Path.of("/a"), Map.of(Dropins.ENV, "/x/y"), dist));
        assertNull(Dropins.problem(null, Map.of()));
        assertNull(Dropins.problem(tmp, Map.of()));
        assertEquals("--dropins " + tmp.resolve("none") + ": no such folder (create it, or name an existing folder of bundle jars)",
                Dropins.problem(tmp.resolve("none"), Map.of()));
        assertEquals(Dropins.ENV + "=/no/such: no such folder (create it, or name an existing folder of bundle jars)",
                Dropins.problem(null, Map.of(Dropins.ENV, "/no/such")));
        Run r = Run.of(Map.of(Dropins.ENV, "/no/such"), "plugins");
        assertEquals(2, r.status(), r::toString);
        assertTrue(r.err().startsWith("xmodal plugins: XMODAL_DROPINS=/no/such: no such folder"), r.err());
    }

    private static Bundle bundle(BundleContext ctx, String name) {
        return Arrays.stream(ctx.getBundles()).filter(b -> name.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "within 15 s: " + what);
            Thread.sleep(50);
        }
    }

    private static Path plain(Path jar, String name, String version, String imports) throws IOException {
        return plain(jar, name, version, imports, null);
    }

    private static Path plain(Path jar, String name, String version, String imports, String exports) throws IOException {
        Map<String, String> mf = new java.util.LinkedHashMap<>();
        mf.put("Bundle-ManifestVersion", "2");
        mf.put("Bundle-SymbolicName", name);
        mf.put("Bundle-Version", version);
        if (imports != null) {
            mf.put("Import-Package", imports);
        }
        if (exports != null) {
            mf.put("Export-Package", exports);
        }
        return TestBundles.jar(jar, mf, Map.of("content/" + name + "-" + version + ".txt", version.getBytes()));
    }

    private static Path refusing(Path jar) throws IOException {
        Path cls = Path.of("target/test-classes/io/xmodal/launcher/fake/RefusingActivator.class");
        return TestBundles.jar(jar, Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", "refusing",
                "Bundle-Version", "2.0.0", "Bundle-Activator", "io.xmodal.launcher.fake.RefusingActivator",
                "Import-Package", "org.osgi.framework"),
                Map.of("io/xmodal/launcher/fake/RefusingActivator.class", Files.readAllBytes(cls)));
    }
}
