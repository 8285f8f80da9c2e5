package io.xmodal.engine.internal.run;

import io.xmodal.api.runtime.BenchResult;
import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.api.runtime.Workbench;
import io.xmodal.api.Role;
import io.xmodal.api.runtime.StudyOutcome;
import io.xmodal.api.runtime.StudyRequest;
import io.xmodal.api.train.Metric;
import io.xmodal.engine.internal.bench.Bench;
import io.xmodal.engine.internal.descriptor.Suggest;
import io.xmodal.engine.internal.descriptor.YamlTree;
import io.xmodal.engine.internal.report.Aggregation;
import io.xmodal.engine.internal.report.ReportWriter;
import io.xmodal.engine.internal.report.Sources;
import io.xmodal.engine.internal.study.StudyFile;
import io.xmodal.engine.internal.study.StudyPlan;
import io.xmodal.engine.internal.study.StudyRunner;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.store.RunDirectory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IdentityHashMap;
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
        if (StudyFile.isStudy(YamlTree.read(descriptor))) {
            return StudyPlan.make(descriptor, overrides, registry).summary();
        }
        try (Prepared p = preparation().prepare(descriptor, overrides, line -> { })) {
            return p.summary();
        } catch (RuntimeException e) {
            throw blame(e);
        }
    }

    /**
     * A component's exception while a descriptor is prepared (its infer, a reader opening data)
     * names the component, its bundle and version; anything else is returned as it was.
     */
    private RuntimeException blame(RuntimeException e) {
        Map<Object, String> suspects = new IdentityHashMap<>();
        registry.registrations().forEach(r -> suspects.put(r.component(), Culprit.describe(r.component())));
        return Culprit.of(e, suspects, this::origin)
                .<RuntimeException>map(c -> new IllegalStateException(c + RunExecution.message(e), e)).orElse(e);
    }

    @Override
    public RunOutcome run(RunRequest request) throws DescriptorException {
        Prepared prepared;
        try {
            prepared = preparation().prepare(request.descriptor(), request.overrides(), request.progress());
        } catch (RuntimeException e) {
            throw blame(e);
        }
        try (Prepared p = prepared) {
            return execute(p, request, Map.of());
        }
    }

    /** The component each slot (and the objective) uses, with the bundle and version it came from: pins made visible. */
    private Map<String, Object> components(Prepared p) {
        Map<String, Object> out = new LinkedHashMap<>();
        p.blocks().all().forEach((slot, c) -> out.put(slot, c.chain()
                ? c.links().stream().map(l -> used(l.block())).toList() : used(c.block())));
        out.put("objective", used(p.objective()));
        return out;
    }

    private Map<String, Object> used(io.xmodal.api.Component c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.spec().name());
        registry.origin(c).ifPresent(r -> {
            m.put("bundle", r.bundle());
            m.put("version", r.version());
        });
        return m;
    }

    /** A preparation that sees the framework's bundles (for a descriptor's requires:), when there is a framework. */
    private Preparation preparation() {
        if (bundles == null) {
            return new Preparation(registry);
        }
        return new Preparation(registry, bsn -> Arrays.stream(bundles.getBundles()).filter(b -> bsn.equals(b.getSymbolicName()))
                .map(b -> b.getVersion().toString()).sorted().toList());
    }

    /** "bundle x 1.2.0" for a component (or a dataset) object: from the registry, else the bundle of its class; null when unknown. */
    private String origin(Object component) {
        return registry.origin(component).map(r -> "bundle " + r.bundle() + " " + r.version()).orElseGet(() -> {
            Bundle b = FrameworkUtil.getBundle(component.getClass());
            return b == null ? null : "bundle " + b.getSymbolicName() + " " + b.getVersion();
        });
    }

    @Override
    public RunOutcome runVariant(RunRequest request, String variant) throws DescriptorException {
        Path file = request.descriptor();
        StudyFile study = StudyPlan.read(file);
        StudyFile.Run run = study.find(variant);
        if (run == null) {
            List<String> names = study.runs().stream().map(StudyFile.Run::name).toList();
            throw new DescriptorException(new Problem(file.toString(), 0, 0, "--variant", "the study has no run '" + variant + "';"
                    + Suggest.didYouMean(variant, names) + " its runs are numbered 1.." + names.size() + " (see 'xmodal validate " + file + "')"));
        }
        Prepared prepared;
        try {
            prepared = preparation().prepare(study.descriptor(run), file.toString(), file.toAbsolutePath().getParent(),
                    request.overrides(), request.progress());
        } catch (RuntimeException e) {
            throw blame(e);
        }
        try (Prepared p = prepared) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("study", file.toAbsolutePath().toString());
            extra.put("variant", run.name());
            return execute(p, request, extra);
        }
    }

    @Override
    public StudyOutcome study(StudyRequest request) throws DescriptorException {
        StudyPlan plan = StudyPlan.make(request.study(), request.overrides(), registry);
        Path out = request.out() != null ? request.out() : StudyRunner.defaultLocation(Path.of("").toAbsolutePath(), plan.experiment());
        return new StudyRunner(plan, request, out, this::higherIsBetter).run();
    }

    @Override
    public Path report(List<Path> dirs, Path out) throws DescriptorException {
        Sources sources = Sources.read(dirs);
        return new ReportWriter(sources, Aggregation.of(sources.runs(), this::higherIsBetter)).write(out);
    }

    /** A metric's direction from its component; the loss, and anything unknown, counts as lower-is-better. */
    boolean higherIsBetter(String metric) {
        return registry.find(Role.METRIC, metric).map(c -> c instanceof Metric m && m.higherIsBetter()).orElse(false);
    }

    private RunOutcome execute(Prepared p, RunRequest request, Map<String, Object> extra) throws DescriptorException {
        Consumer<String> progress = request.progress();
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
        provenance.putAll(extra);
        provenance.put("host", new LinkedHashMap<>(request.host()));
        provenance.put("jvm", Provenance.jvm());
        provenance.put("bundles", Provenance.bundles(bundles));
        provenance.put("components", components(p));
        return new RunExecution(p, dir, progress, provenance).origins(this::origin).execute();
    }

    @Override
    public RunOutcome evaluate(Path runDir, Consumer<String> progress) throws DescriptorException {
        return new Reevaluation(new Preparation(registry)).evaluate(runDir, progress);
    }

    @Override
    public io.xmodal.api.runtime.Retrieval retrieve(Path runDir, Path query, int k, Consumer<String> progress) throws DescriptorException {
        return new Retriever(new Preparation(registry)).retrieve(runDir, query, k, progress);
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
