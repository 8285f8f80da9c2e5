package io.xmodal.engine.internal.generative;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.engine.internal.data.TransformedDataset;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.store.RunDirectory;
import io.xmodal.engine.internal.train.SplitData;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores the samples a generating objective made for the test split's conditions (docs/generative.md):
 * a classifier trained on the real training split of the target modality ({@link ScoringClassifier}) is
 * applied to the real test samples and to the generated ones (each with the class of its condition);
 * the Fréchet distance between the classifier's features of both; the diversity of generated against real
 * samples per class (the mode-collapse indicator); and the pictures and sounds in samples/.
 */
public final class GenerativeScoring {
    /** Where the scoring classifier is saved, beside the run's model. */
    public static final String GRAPH = "model/scoring-classifier.sd";
    /**
     * Diversity ratio (generated / real) below which a class is reported as possibly collapsed: its
     * generated samples differ from each other less than half as much as real ones of the class do. A
     * conditional generator that ignores its noise still varies with its conditions, so a collapsed one
     * typically lands well below 0.5, and an honest one near 1.
     */
    public static final double COLLAPSE_BELOW = 0.5;
    /** The scores among the figures (what {@code xmodal evaluate} prints beside metrics.json). */
    public static final List<String> FIGURES = List.of("classifier_accuracy_real", "classifier_accuracy_generated", "ratio", "chance",
            "frechet_distance", "diversity_real", "diversity_generated", "diversity_ratio", "diversity_worst_ratio");
    /** How many generated samples are written as WAV files (Griffin-Lim costs about a second each). */
    static final int MAX_WAVS = 8;

    private final ScoringPlan plan;
    private final Experiment exp;
    private final Dataset dataset;
    private final Consumer<String> progress;

    public GenerativeScoring(ScoringPlan plan, Experiment exp, Dataset dataset, Consumer<String> progress) {
        this.plan = plan;
        this.exp = exp;
        this.dataset = dataset;
        this.progress = progress;
    }

    /** The figures and the lines that summarise them. */
    public record Result(Map<String, Object> metrics, List<String> summary) {
    }

    /**
     * Trains the classifier, scores the generated test samples, writes samples/ and the classifier's graph
     * ({@link #GRAPH}), and adds the classifier's variables to {@code modelMeta} (for xmodal evaluate).
     *
     * @param runData   the run's splits (the test split's rows are the conditions)
     * @param generated the generated samples of the test split, in original units, [n, ...target]
     */
    public Result score(SplitData runData, INDArray generated, RunDirectory dir, Map<String, Object> modelMeta, int samples)
            throws DataException, IOException {
        SplitData cls = classifierData();
        SplitData.Part test = cls.part("test");
        if (!test.ids().equals(runData.part("test").ids())) {
            throw new IllegalStateException("the scoring classifier's test split differs from the run's (a bug in the engine)");
        }
        ScoringClassifier classifier = ScoringClassifier.train(plan, exp, cls, progress);
        SplitData.Part gen = generatedPart(test, generated);
        ScoringClassifier.Outputs real = classifier.apply(cls, test);
        ScoringClassifier.Outputs fake = classifier.apply(cls, gen);
        Result r = figures(real, fake, test.inputs().toFloatMatrix(), gen.inputs().toFloatMatrix(), labels(test), labels(cls.part("train")));

        Path graph = dir.resolve(GRAPH);
        Files.createDirectories(graph.getParent());
        Path tmp = Files.createTempFile(graph.getParent(), ".scoring", ".tmp");
        classifier.graph().save(tmp.toFile(), false);
        RunDirectory.move(tmp, graph);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("graph", GRAPH);
        meta.put("probabilities", classifier.probabilitiesVariable());
        meta.put("features", classifier.featuresVariable());
        meta.put("parameters", classifier.parameterCount());
        modelMeta.put("scoring", meta);

        List<String> summary = new ArrayList<>(r.summary());
        summary.addAll(writeSamples(dir, cls.target(), test, gen, cls.input(), samples));
        return new Result(r.metrics(), summary);
    }

    /**
     * {@code xmodal evaluate}: the saved classifier applied to the real test samples and to generated ones
     * made again by the saved generator; the same figures (no pictures).
     */
    public Result rescore(SameDiff classifierGraph, Map<String, Object> meta, INDArray generated, String input, String target)
            throws DataException {
        SplitData cls = classifierData();
        SplitData.Part test = cls.part("test");
        SplitData.Part gen = generatedPart(test, generated);
        int batch = exp.train().evalBatch();
        String p = (String) meta.get("probabilities");
        String f = (String) meta.get("features");
        ScoringClassifier.Outputs real = ScoringClassifier.apply(classifierGraph, input, target, p, f, cls, test, batch);
        ScoringClassifier.Outputs fake = ScoringClassifier.apply(classifierGraph, input, target, p, f, cls, gen, batch);
        return figures(real, fake, test.inputs().toFloatMatrix(), gen.inputs().toFloatMatrix(), labels(test), labels(cls.part("train")));
    }

    /** The target modality against the labels, split exactly as the run's data (same rows, same order). */
    private SplitData classifierData() throws DataException {
        return SplitData.load(dataset, exp.model().target(), plan.labels(), exp.data().split(), exp.seed(), progress);
    }

    private static SplitData.Part generatedPart(SplitData.Part test, INDArray generated) {
        if (generated.size(0) != test.size()) {
            throw new IllegalStateException("the generator made " + generated.size(0) + " samples for " + test.size() + " test conditions");
        }
        INDArray flat = generated.reshape('c', test.size(), test.inputs().columns()).castTo(test.inputs().dataType());
        return new SplitData.Part(flat, test.targets(), test.ids(), test.sources());
    }

    private static int[] labels(SplitData.Part p) {
        return p.targets().toIntVector();
    }

    /** Every figure from the classifier's outputs and the samples themselves. */
    Result figures(ScoringClassifier.Outputs real, ScoringClassifier.Outputs fake, float[][] realSamples, float[][] fakeSamples,
                   int[] testLabels, int[] trainLabels) {
        int k = plan.classes();
        List<String> names = classNames();
        double accReal = Accuracy.of(real.probabilities(), testLabels);
        double accGen = Accuracy.of(fake.probabilities(), testLabels);
        double chance = Accuracy.chance(trainLabels, testLabels, k);
        double fd = testLabels.length >= 2 ? FrechetDistance.of(real.features(), fake.features()) : Double.NaN; // needs two samples a side
        Diversity.Result div = Diversity.of(fakeSamples, realSamples, testLabels, k);

        int[] predReal = Accuracy.argmax(real.probabilities());
        int[] predGen = Accuracy.argmax(fake.probabilities());
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int n = 0;
            int rightReal = 0;
            int rightGen = 0;
            for (int i = 0; i < testLabels.length; i++) {
                if (testLabels[i] == c) {
                    n++;
                    rightReal += predReal[i] == c ? 1 : 0;
                    rightGen += predGen[i] == c ? 1 : 0;
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", names.get(c));
            m.put("count", n);
            m.put("accuracy_real", n == 0 ? null : round((double) rightReal / n));
            m.put("accuracy_generated", n == 0 ? null : round((double) rightGen / n));
            final int cls = c;
            div.classes().stream().filter(d -> d.label() == cls).findFirst().ifPresent(d -> {
                m.put("diversity_real", round(d.real()));
                m.put("diversity_generated", round(d.generated()));
                m.put("diversity_ratio", round(d.ratio()));
            });
            perClass.add(m);
        }
        List<String> collapsed = div.classes().stream().filter(d -> !Double.isNaN(d.ratio()) && d.ratio() < COLLAPSE_BELOW)
                .map(d -> names.get(d.label())).toList();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labels", plan.labels());
        out.put("classes", k);
        out.put("test_samples", testLabels.length);
        out.put("classifier", plan.describe());
        out.put("classifier_accuracy_real", round(accReal));
        out.put("classifier_accuracy_generated", round(accGen));
        out.put("ratio", round(accReal > 0 ? accGen / accReal : Double.NaN));
        out.put("chance", round(chance));
        out.put("chance_rule", "share of the test samples in the training split's most frequent class");
        out.put("frechet_distance", round(fd));
        out.put("features", real.features()[0].length);
        out.put("diversity_real", round(div.real()));
        out.put("diversity_generated", round(div.generated()));
        out.put("diversity_ratio", round(div.ratio()));
        out.put("diversity_worst_class", div.worst() == null ? null : names.get(div.worst().label()));
        out.put("diversity_worst_ratio", div.worst() == null ? null : round(div.worst().ratio()));
        out.put("collapse_threshold", COLLAPSE_BELOW);
        out.put("collapsed_classes", collapsed);
        out.put("per_class", perClass);

        List<String> summary = new ArrayList<>();
        summary.add(String.format(Locale.ROOT, "generated samples: classifier accuracy %.3f on real test %s, %.3f on generated (ratio %.2f; chance %.3f,"
                + " majority class); Fréchet distance %.4g on the classifier's %d features (not comparable with Inception FID)",
                accReal, exp.model().target(), accGen, accReal > 0 ? accGen / accReal : Double.NaN, chance, fd, real.features()[0].length));
        summary.add(String.format(Locale.ROOT, "diversity (mean pairwise distance within a class): generated %.4g, real %.4g, ratio %.2f%s",
                div.generated(), div.real(), div.ratio(), div.worst() == null ? ""
                        : String.format(Locale.ROOT, "; lowest class %s %.2f", names.get(div.worst().label()), div.worst().ratio())));
        if (!collapsed.isEmpty()) {
            summary.add(String.format(Locale.ROOT, "WARNING: possible mode collapse: the generated samples of %d of %d classes (%s) differ less than"
                    + " %.1fx as much as real ones (diversity ratio below %.1f); see samples/generated-grid.png", collapsed.size(), div.classes().size(),
                    String.join(", ", collapsed.subList(0, Math.min(5, collapsed.size()))) + (collapsed.size() > 5 ? ", ..." : ""),
                    COLLAPSE_BELOW, COLLAPSE_BELOW));
        }
        return new Result(out, summary);
    }

    /** The grid, real | generated pairs for spectrograms, and WAV files when the target can be turned back into audio. */
    private List<String> writeSamples(RunDirectory dir, Signature labelSig, SplitData.Part test, SplitData.Part gen, Signature sig, int samples) {
        List<String> notes = new ArrayList<>();
        float[][] real = test.inputs().toFloatMatrix();
        float[][] fake = gen.inputs().toFloatMatrix();
        int[] labels = labels(test);
        List<String> names = classNames();
        if (!GeneratedSamples.drawable(sig)) {
            notes.add("no sample pictures: the grid draws images and spectrograms, not " + sig);
            return notes;
        }
        int columns = plan.config().columns();
        List<int[]> rows = new ArrayList<>();
        for (int c = 0; c < plan.classes(); c++) {
            List<Integer> r = new ArrayList<>();
            for (int i = 0; i < labels.length && r.size() < columns; i++) {
                if (labels[i] == c) {
                    r.add(i);
                }
            }
            rows.add(r.stream().mapToInt(Integer::intValue).toArray());
        }
        dir.write("samples/generated-grid.png", GeneratedSamples.grid(exp.name() + ": " + exp.model().input() + " -> " + exp.model().target()
                + ", a row per class (" + plan.labels() + ")", sig, names, rows, real, fake, columns));
        if (sig.modality() != Modality.SPECTROGRAM) {
            return notes;
        }
        int count = Math.min(samples, real.length);
        for (int i = 0; i < count; i++) {
            dir.write(String.format("samples/generated-%02d.png", i), GeneratedSamples.pair(String.format("%s  (class %s)", test.ids().get(i),
                    names.get(labels[i])), sig, real[i], fake[i]));
        }
        TransformedDataset.Inverse inverse;
        try {
            if (!(dataset instanceof TransformedDataset td)) {
                throw new DataException(null, "the reader gives the spectrograms itself");
            }
            inverse = td.inverse(exp.model().target());
        } catch (DataException e) {
            notes.add("no WAV files: " + e.getMessage() + " (docs/generative.md)");
            return notes;
        }
        int rate = (int) Math.round(inverse.signature().rate());
        if (inverse.signature().modality() != Modality.AUDIO || rate <= 0) {
            notes.add("no WAV files: " + exp.model().target() + " inverts to " + inverse.source() + " " + inverse.signature() + ", not audio with a sample rate");
            return notes;
        }
        int wavs = Math.min(Math.min(samples, MAX_WAVS), real.length);
        long t0 = System.nanoTime();
        for (int i = 0; i < wavs; i++) {
            dir.write(String.format("samples/generated-%02d.wav", i), GeneratedSamples.wav(inverse.apply().apply(fake[i]), rate));
            dir.write(String.format("samples/real-%02d.wav", i), GeneratedSamples.wav(inverse.apply().apply(real[i]), rate));
        }
        notes.add(String.format(Locale.ROOT, "samples: %d generated and %d real spectrograms as WAV files (Griffin-Lim, %.1f s)", wavs, wavs,
                (System.nanoTime() - t0) / 1e9));
        return notes;
    }

    /** Class names from the data where it names them, else the indices. */
    private List<String> classNames() {
        List<String> names = dataset.classes(plan.labels());
        List<String> out = new ArrayList<>();
        for (int c = 0; c < plan.classes(); c++) {
            out.add(names != null && c < names.size() ? names.get(c) : Integer.toString(c));
        }
        return out;
    }

    private static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1e6) / 1e6;
    }
}
