package io.xmodal.engine.internal.run;

import io.xmodal.api.runtime.BenchResult;
import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.api.runtime.Workbench;
import io.xmodal.engine.internal.bench.Bench;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.store.RunDirectory;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The engine's {@link Workbench} service: validation, runs, re-evaluation and the component list. */
@Component(service = Workbench.class)
public class WorkbenchService implements Workbench {
    @Reference
    private ComponentRegistry registry;

    private BundleContext bundles;

    @Activate
    void activate(BundleContext ctx) {
        this.bundles = ctx;
    }

    /** For use outside a framework (tests): a registry filled by hand. */
    public static WorkbenchService standalone(ComponentRegistry registry) {
        WorkbenchService w = new WorkbenchService();
        w.registry = registry;
        return w;
    }

    @Override
    public String validate(Path descriptor, List<String> overrides) throws DescriptorException {
        try (Prepared p = new Preparation(registry).prepare(descriptor, overrides, line -> { })) {
            return p.summary();
        }
    }

    @Override
    public RunOutcome run(RunRequest request) throws DescriptorException {
        Consumer<String> progress = request.progress();
        try (Prepared p = new Preparation(registry).prepare(request.descriptor(), request.overrides(), progress)) {
            Path out = request.out() != null ? request.out()
                    : RunDirectory.defaultLocation(Path.of("").toAbsolutePath(), p.experiment().name());
            RunDirectory dir;
            try {
                dir = RunDirectory.create(out);
            } catch (IOException e) {
                throw new DescriptorException(new Problem(out.toString(), 0, 0, "--out", e.getMessage()));
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("experiment", p.experiment().name());
            provenance.put("descriptor", request.descriptor().toAbsolutePath().toString());
            provenance.put("seed", p.experiment().seed());
            provenance.put("host", new LinkedHashMap<>(request.host()));
            provenance.put("jvm", Provenance.jvm());
            provenance.put("bundles", Provenance.bundles(bundles));
            return new RunExecution(p, dir, progress, provenance).execute();
        }
    }

    @Override
    public RunOutcome evaluate(Path runDir, Consumer<String> progress) throws DescriptorException {
        return new Reevaluation(new Preparation(registry)).evaluate(runDir, progress);
    }

    @Override
    public List<BenchResult> bench(List<String> models, int warmup, int steps, Consumer<String> progress) throws DescriptorException {
        return new Bench(registry).run(models, warmup, steps, progress);
    }

    @Override
    public String buildData(String recipe, Path out, List<String> options, long seed, Consumer<String> progress) throws DescriptorException {
        return new DataBuild(registry).build(recipe, out, options, seed, progress);
    }

    @Override
    public List<ComponentInfo> components() {
        return registry.all();
    }
}
