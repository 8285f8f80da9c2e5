package io.xmodal.engine.internal.run;

import io.xmodal.api.Component;
import io.xmodal.api.Role;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.registry.Registered;
import org.example.boom.BoomEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two versions of one component side by side, chosen by a descriptor's pins (use: vgg@RANGE,
 * requires:), pins that cannot be met (exit status 2, saying what is installed), and a component
 * that throws: only its run fails, and the message names its bundle and version.
 */
class PluginVersionsTest {
    private static ComponentRegistry registry;
    private static WorkbenchService workbench;
    private static Component vggOld;
    private static Component vggNew;
    private static String oldVersion;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() throws Exception {
        registry = ClasspathComponents.registry();
        Registered installed = registry.entry(Role.ENCODER, "vgg").orElseThrow();
        vggOld = installed.component();
        oldVersion = installed.version();
        // the same bundle in a later version, installed beside the first
        vggNew = vggOld.getClass().getDeclaredConstructor().newInstance();
        registry.register(vggNew, "io.xmodal.vision", "1.3.0");
        registry.register(new BoomEncoder(), "org.example.boom", "1.0.0");
        registry.register(new org.example.boom.BadInferEncoder(), "org.example.boom", "1.0.0");
        workbench = WorkbenchService.standalone(registry);
    }

    private Path descriptor(String encoder, String requires) throws Exception {
        String text = Files.readString(Path.of(PluginVersionsTest.class.getResource("/tiny.yaml").toURI()))
                .replace("encoder: {use: vgg, with: {blocks: 2, width: 4}}", "encoder: " + encoder);
        return Files.writeString(tmp.resolve("pinned.yaml"), requires + text);
    }

    private Component encoder(Path descriptor) throws DescriptorException {
        try (Prepared p = new Preparation(registry).prepare(descriptor, List.of(), l -> { })) {
            return p.blocks().get("encoder").block();
        }
    }

    @Test
    void theHighestVersionByDefaultAndThePinnedOneOnRequest() throws Exception {
        assertSame(vggNew, encoder(descriptor("{use: vgg, with: {blocks: 2, width: 4}}", "")));
        assertSame(vggOld, encoder(descriptor("{use: \"vgg@[0.1,1)\", with: {blocks: 2, width: 4}}", "")));
        assertSame(vggNew, encoder(descriptor("{use: vgg@1.2, with: {blocks: 2, width: 4}}", "")));
        assertSame(vggOld, encoder(descriptor("{use: vgg, with: {blocks: 2, width: 4}}", "requires: {io.xmodal.vision: \"[0.1,1)\"}\n")));
        assertSame(vggNew, encoder(descriptor("{use: vgg, with: {blocks: 2, width: 4}}", "requires:\n  io.xmodal.vision: \"[1.3,2)\"\n")));
        // the short form of a slot, and a pin given on the command line
        Path shortForm = descriptor("\"vgg@[0.1,1)\"", "");
        assertSame(vggOld, encoder(shortForm));
        try (Prepared p = new Preparation(registry).prepare(descriptor("{use: vgg, with: {blocks: 2, width: 4}}", ""),
                List.of("model.encoder.use=vgg@[0.1,1)"), l -> { })) {
            assertSame(vggOld, p.blocks().get("encoder").block());
        }
        assertTrue(workbench.validate(descriptor("{use: \"vgg@[1.3,2)\"}", ""), List.of()).contains("vgg"));
    }

    @Test
    void unmetPinsStopBeforeAnythingIsBuiltAndSayWhatIsInstalled() throws Exception {
        Path file = descriptor("{use: \"vgg@[2,3)\", with: {blocks: 2, width: 4}}", "");
        DescriptorException e = assertThrows(DescriptorException.class, () -> workbench.validate(file, List.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(file + ":10:18: model.encoder.use: no installed version of 'vgg' is in [2.0.0,3.0.0); installed: "
                + "encoder vgg 1.3.0 (bundle io.xmodal.vision), encoder vgg " + oldVersion + " (bundle io.xmodal.vision)",
                e.problems().get(0).toString());

        Path req = descriptor("{use: vgg, with: {blocks: 2, width: 4}}", "requires: {io.xmodal.vision: \"[5,6)\", org.nowhere: 1.0}\n");
        Path out = tmp.resolve("never");
        e = assertThrows(DescriptorException.class, () -> workbench.run(new RunRequest(req, out, List.of(), l -> { }, Map.of())));
        String all = e.problems().toString();
        assertTrue(all.contains("requires.io.xmodal.vision: no version of bundle io.xmodal.vision in [5.0.0,6.0.0) is installed "
                + "(installed: "), all);
        assertTrue(all.contains("requires.org.nowhere: no version of bundle org.nowhere in 1.0.0 is installed (none is; "
                + "xmodal plugins and xmodal features list what is)"), all);
        assertFalse(Files.exists(out), "nothing is written when pins are not met");

        e = assertThrows(DescriptorException.class, () -> workbench.validate(descriptor("{use: \"vgg@[1.x\"}", ""), List.of()));
        assertTrue(e.getMessage().contains("'[1.x' is not a version range"), e.getMessage());
    }

    /** requires.features is the launcher's (it installs them); the engine accepts its forms and checks only them. */
    @Test
    void requiresFeaturesIsNotABundlePinAndOnlyItsFormIsChecked() throws Exception {
        String vgg = "{use: vgg, with: {blocks: 2, width: 4}}";
        assertSame(vggNew, encoder(descriptor(vgg, "requires:\n  features: [core, \"dropins@[0.1,1)\"]\n")));
        assertSame(vggOld, encoder(descriptor(vgg, "requires:\n  features: {core: any, dropins: \"[0.1,1)\"}\n  io.xmodal.vision: \"[0.1,1)\"\n")));
        Path bad = descriptor(vgg, "requires:\n  features: [core, {x: 1}, \"dropins@[2,\"]\n");
        DescriptorException e = assertThrows(DescriptorException.class, () -> workbench.validate(bad, List.of()));
        String all = e.problems().toString();
        assertEquals(2, e.problems().size(), all);
        assertTrue(all.contains(bad + ":2:20: requires.features: each entry is a feature name, or NAME@RANGE"), all);
        assertTrue(all.contains(bad + ":2:28: requires.features: 'dropins@[2,' is not a version range")
                || all.contains(bad + ":2:28: requires.features: '[2,' is not a version range"), all);
        Path scalar = descriptor(vgg, "requires: {features: core}\n");
        e = assertThrows(DescriptorException.class, () -> workbench.validate(scalar, List.of()));
        assertTrue(e.getMessage().contains("requires.features must be a list of feature names"), e.getMessage());
    }

    @Test
    void aThrowingComponentFailsOnlyItsRunAndIsNamedWithItsBundle() throws Exception {
        Path boom = descriptor("{use: boom}", "");
        RunOutcome failed = workbench.run(new RunRequest(boom, tmp.resolve("boom"), List.of(), l -> { }, Map.of()));
        assertFalse(failed.ok());
        assertEquals("encoder 'boom' (bundle org.example.boom 1.0.0) failed: boom while building the graph", failed.error());
        assertTrue(Files.readString(tmp.resolve("boom/metrics.json")).contains("\"status\" : \"failed\""));

        // a bug found while the descriptor is checked (infer) is named the same way, before any run directory exists
        Path badInfer = descriptor("{use: bad-infer}", "");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> workbench.run(new RunRequest(badInfer, tmp.resolve("bad-infer"), List.of(), l -> { }, Map.of())));
        assertTrue(e.getMessage().startsWith("encoder 'bad-infer' (bundle org.example.boom 1.0.0) failed: NullPointerException"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("bad-infer")));
        e = assertThrows(IllegalStateException.class, () -> workbench.validate(badInfer, List.of()));
        assertTrue(e.getMessage().startsWith("encoder 'bad-infer' (bundle org.example.boom 1.0.0) failed: "), e.getMessage());

        // the next run of the same engine is not affected
        RunOutcome ok = workbench.run(new RunRequest(descriptor("{use: vgg, with: {blocks: 2, width: 4}}", ""), tmp.resolve("fine"),
                List.of("train.epochs=1"), l -> { }, Map.of()));
        assertTrue(ok.ok(), () -> "run failed: " + ok.error());
        // provenance says which version each slot used (here the highest, side by side with the older one)
        String provenance = Files.readString(tmp.resolve("fine/provenance.json"));
        assertTrue(provenance.replaceAll("\\s+", " ").contains("\"encoder\" : { \"name\" : \"vgg\", \"bundle\" : \"io.xmodal.vision\", "
                + "\"version\" : \"1.3.0\" }"), provenance);
    }
}
