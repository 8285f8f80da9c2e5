package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bnd baselining of io.xmodal.api (bnd-baseline-maven-plugin, bundles/io.xmodal.api/pom.xml): copies
 * of the API module are built by Maven, offline, against a temporary local repository (this build's
 * own io.xmodal artifacts never reach the shared one).
 *
 * <p>bnd checks package versions from 1.0 on only (a 0.x package is "initial development" in
 * semantic versioning; bnd reports its changes in target/baseline/ but never fails on them), so the
 * copies carry the API's packages at version 1.0.0, as they will after the first stable release:
 * <ol>
 *   <li>with no earlier release in the repository the check is skipped, saying so;</li>
 *   <li>that build, put into the repository as release 0.0.9, is the baseline (found by the plugin's
 *       default range, the highest version below the one being built): the unchanged API passes;</li>
 *   <li>the API with a method removed from an exported interface and no version bump fails the
 *       build, naming the package and the change.</li>
 * </ol>
 */
class ApiBaselineIT {
    private static final Path ROOT = Path.of(System.getProperty("xmodal.projectRoot", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    private static Path repo;

    @BeforeAll
    static void repository() throws IOException {
        repo = tmp.resolve("repository");
        Path real = Path.of(System.getProperty("xmodal.localRepository", System.getProperty("user.home") + "/.m2/repository"));
        ThirdPartyExampleIT.link(real, repo, "io");
        ThirdPartyExampleIT.link(real.resolve("io"), repo.resolve("io"), "xmodal");
        Files.createDirectories(repo.resolve("io/xmodal"));
    }

    @Test
    void noBaselineIsSkippedAnUnchangedApiPassesAndARemovedMethodFailsTheBuild() throws Exception {
        Path first = copyApiModule(tmp.resolve("first"));
        Result skipped = build(first);
        assertEquals(0, skipped.status, skipped.out);
        assertTrue(skipped.out.contains("No previous version of io.xmodal:io.xmodal.api:jar:0.1.0-SNAPSHOT could be found to baseline against"),
                skipped.out);
        release(first.resolve("bundles/io.xmodal.api/target/io.xmodal.api-0.1.0-SNAPSHOT.jar"), "0.0.9");

        Result same = build(copyApiModule(tmp.resolve("same")));
        assertEquals(0, same.status, same.out);
        assertTrue(same.out.contains("The baseline version was found to be 0.0.9") && same.out.contains("Baseline check succeeded"),
                same.out);

        Path broken = copyApiModule(tmp.resolve("broken"));
        Path workbench = broken.resolve("bundles/io.xmodal.api/src/main/java/io/xmodal/api/runtime/Workbench.java");
        String source = Files.readString(workbench);
        String removed = source.replace("    List<ComponentInfo> components();", "");
        assertNotEquals(source, removed, "the test removes Workbench.components()");
        Files.writeString(workbench, removed);
        Result fail = build(broken);
        assertEquals(1, fail.status, fail.out);
        assertTrue(fail.out.contains("Baseline problems detected"), fail.out);
        // the package, its delta, its version, the baseline's, and the version bnd asks for
        assertTrue(fail.out.lines().anyMatch(l -> l.matches(".*\\* io\\.xmodal\\.api\\.runtime +PACKAGE +MAJOR +1\\.0\\.0 +1\\.0\\.0 +2\\.0\\.0.*")),
                fail.out);
        String report = Files.readString(broken.resolve("bundles/io.xmodal.api/target/baseline/io.xmodal.api-0.1.0-SNAPSHOT.txt"));
        assertTrue(report.contains("REMOVED      METHOD     components()"), report);
    }

    /** Puts a built API jar into the repository as a release. */
    private static void release(Path jar, String version) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("io/xmodal/io.xmodal.api/" + version));
        Files.copy(jar, dir.resolve("io.xmodal.api-" + version + ".jar"));
        Files.writeString(dir.resolve("io.xmodal.api-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>io.xmodal</groupId><artifactId>io.xmodal.api</artifactId><version>%s</version>
                </project>
                """.formatted(version));
        Files.writeString(dir.getParent().resolve("maven-metadata-local.xml"), """
                <metadata><groupId>io.xmodal</groupId><artifactId>io.xmodal.api</artifactId>
                  <versioning><release>%1$s</release><versions><version>%1$s</version></versions>
                  <lastUpdated>20260101000000</lastUpdated></versioning></metadata>
                """.formatted(version));
    }

    private static Path copyApiModule(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("bundles"));
        Files.copy(ROOT.resolve("pom.xml"), dir.resolve("pom.xml"));
        Files.copy(ROOT.resolve("bundles/pom.xml"), dir.resolve("bundles/pom.xml"));
        Path from = ROOT.resolve("bundles/io.xmodal.api");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("target")) {
                    continue;
                }
                Path to = dir.resolve("bundles/io.xmodal.api").resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else if (f.getFileName().toString().equals("package-info.java")) {
                    // the packages as a stable (1.x) API would have them
                    Files.writeString(to, Files.readString(f).replaceAll("@Version\\(\"0\\.[0-9.]+\"\\)", "@Version(\"1.0.0\")"));
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return dir;
    }

    private record Result(int status, String out) {
    }

    private static Result build(Path dir) throws Exception {
        Path log = Files.createTempFile(tmp, "mvn", ".log");
        Process p = new ProcessBuilder(List.of(ThirdPartyExampleIT.maven(), "-B", "-o", "-Dmaven.repo.local=" + repo,
                "-f", dir.resolve("bundles/io.xmodal.api/pom.xml").toString(), "verify"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mvn did not finish within 600 s");
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
