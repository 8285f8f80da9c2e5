package io.xmodal.launcher.fake;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Role;
import io.xmodal.api.runtime.BenchResult;
import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.api.runtime.StudyOutcome;
import io.xmodal.api.runtime.StudyRequest;
import io.xmodal.api.runtime.Workbench;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A stand-in engine for the launcher's tests, packed into a bundle named io.xmodal.engine at test
 * time (see TestBundles) and registered through a DS component. Its behaviour follows the
 * descriptor's text: "bad" gives a descriptor error, "fail" a failed run, "crash" an exception.
 */
public class FakeWorkbench implements Workbench {
    @Override
    public String validate(Path descriptor, List<String> overrides) throws DescriptorException {
        check(descriptor);
        return "fake experiment: " + overrides.size() + " overrides";
    }

    @Override
    public RunOutcome run(RunRequest request) throws DescriptorException {
        String text = check(request.descriptor());
        if (text.contains("crash")) {
            throw new IllegalStateException("the fake engine crashed");
        }
        request.progress().accept("epoch 1 loss=0.5");
        Path dir = request.out() == null ? Path.of("runs/fake") : request.out();
        if (text.contains("fail")) {
            return new RunOutcome(dir, false, "boom", Map.of(), Map.of());
        }
        Map<String, Double> test = new LinkedHashMap<>();
        test.put("mse", 0.125);
        test.put("threads", Double.parseDouble(request.host().get("threads")));
        test.put("host_keys", (double) request.host().size());
        return new RunOutcome(dir, true, null, test, Map.of("zeros", Map.of("mse", 1.0)));
    }

    @Override
    public RunOutcome runVariant(RunRequest request, String variant) throws DescriptorException {
        request.progress().accept("variant " + variant);
        return run(request);
    }

    @Override
    public StudyOutcome study(StudyRequest request) throws DescriptorException {
        check(request.study());
        request.progress().accept("fake study: jobs=" + request.jobs() + " threads=" + request.threads() + " overrides=" + request.overrides()
                + " restart=" + request.restart());
        Path dir = request.out() == null ? Path.of("studies/fake") : request.out();
        return new StudyOutcome(dir, 2, 1, 1, null, "| # | variant |");
    }

    @Override
    public Path report(List<Path> dirs, Path out) {
        try {
            Files.writeString(out, "<html>" + dirs.size() + " dirs</html>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public RunOutcome evaluate(Path runDir, Consumer<String> progress) {
        return new RunOutcome(runDir, true, null, Map.of("mse", 0.25), Map.of());
    }

    @Override
    public List<BenchResult> bench(List<String> models, int warmup, int steps, Consumer<String> progress) {
        return List.of(new BenchResult("fake", "nothing", 1, 1, steps, 1.0, 1.0));
    }

    @Override
    public String buildData(String recipe, Path out, List<String> options, long seed, Consumer<String> progress)
            throws DescriptorException {
        if (!recipe.equals("fake-recipe")) {
            throw new DescriptorException(new Problem("data build " + recipe, 0, 0, "NAME", "unknown recipe '" + recipe + "'"));
        }
        return "built fake-recipe into " + out + " with " + options + " seed " + seed;
    }

    @Override
    public List<ComponentInfo> components() {
        ComponentSpec vgg = ComponentSpec.of(Role.ENCODER, "vgg").doc("a \"fake\" encoder")
                .accepts(Modality.IMAGE).acceptsRank(3).produces(Modality.FEATURES)
                .param(Param.integer("blocks", 3).range(1, 6).doc("conv blocks"))
                .param(Param.choice("pooling", "max", "max", "avg"))
                .param(Param.path("weights", null))
                .build();
        ComponentSpec mse = ComponentSpec.of(Role.METRIC, "mse").build();
        return List.of(new ComponentInfo(vgg, "io.xmodal.engine", "0.1.0.test"),
                new ComponentInfo(mse, "io.xmodal.engine", "0.1.0.test"));
    }

    private static String check(Path descriptor) throws DescriptorException {
        String text;
        try {
            text = Files.readString(descriptor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.contains("bad")) {
            throw new DescriptorException(List.of(
                    new Problem(descriptor.toString(), 3, 5, "model.encoder.use", "unknown encoder 'vgx'; did you mean 'vgg'?"),
                    new Problem(descriptor.toString(), 7, 0, "train.epochs", "epochs must be at least 1")));
        }
        return text;
    }
}
