package io.xmodal.engine.internal.report;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs grouped into variants (runs that differ only in their seed), with the mean, standard
 * deviation and count over seeds of every test metric and baseline, the best variant per metric and
 * a paired comparison of the best against the runner-up over the seeds both ran.
 */
public final class Aggregation {
    /** Descriptor paths that never define a variant. */
    static final Set<String> NOT_PARAMETERS = Set.of("seed", "description");

    /** Which values of a metric are better. */
    public enum Direction {
        HIGHER("↑", "higher", "higher is better"),
        LOWER("↓", "lower", "lower is better"),
        /** A ratio whose ideal is 1 (e.g. generated against real diversity): ranked by |x - 1|. */
        TOWARDS_ONE("→1", "towards 1", "closer to 1 is better");

        private final String arrow;
        private final String word;
        private final String phrase;

        Direction(String arrow, String word, String phrase) {
            this.arrow = arrow;
            this.word = word;
            this.phrase = phrase;
        }

        /** The mark beside a metric's name in a table header. */
        public String arrow() {
            return arrow;
        }

        /** One word for {@code table.json}'s {@code higher_is_better}: higher, lower or towards 1. */
        public String word() {
            return word;
        }

        /** E.g. "higher is better". */
        public String phrase() {
            return phrase;
        }

        /** The value ranked and compared: the value itself, or its distance from 1 (lower is better). */
        double score(double v) {
            return this == TOWARDS_ONE ? Math.abs(v - 1) : v;
        }

        /** True when a higher score is better. */
        boolean higherScoreIsBetter() {
            return this == HIGHER;
        }
    }

    /** Mean, sample standard deviation (n - 1) and count; std is NaN for a single value. */
    public record Stat(double mean, double std, int n) {
        static Stat of(List<Double> values) {
            int n = values.size();
            if (n == 0) {
                return new Stat(Double.NaN, Double.NaN, 0);
            }
            double mean = 0;
            for (double v : values) {
                mean += v;
            }
            mean /= n;
            if (n == 1) {
                return new Stat(mean, Double.NaN, 1);
            }
            if (values.stream().distinct().count() == 1) {
                return new Stat(values.get(0), 0, n); // no rounding residue for identical values
            }
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return new Stat(mean, Math.sqrt(ss / (n - 1)), n);
        }
    }

    /**
     * A variant.
     *
     * @param index     1-based, in the order its first run appears
     * @param label     its differing parameters as {@code path=value, ...} (or the run name when nothing differs)
     * @param params    the parameters that differ between variants, with this variant's values
     * @param runs      its runs (one per seed)
     * @param test      metric to its statistics over the ok runs
     * @param baselines {@code baseline.metric} to its statistics
     */
    public record Variant(int index, String label, Map<String, String> params, List<RunRecord> runs, Map<String, Stat> test,
                         Map<String, Stat> baselines) {
        public int okRuns() {
            return (int) runs.stream().filter(RunRecord::ok).count();
        }
    }

    /**
     * The best variant against the runner-up on one metric, paired by seed. For a metric whose
     * direction is {@link Direction#TOWARDS_ONE} the differences are of |x - 1|.
     *
     * @param metric   the test metric
     * @param best     the best variant
     * @param runnerUp the runner-up, or null when only one variant has the metric
     * @param n        seeds both have an ok run for
     * @param meanDiff mean of (best - runner-up) over those seeds
     * @param low      lower end of the 95% t interval of the mean difference (NaN when n < 2)
     * @param high     upper end
     * @param direction the metric's direction (for {@link Direction#TOWARDS_ONE} the differences are of |x - 1|)
     */
    public record Comparison(String metric, Variant best, Variant runnerUp, int n, double meanDiff, double low, double high,
                             Direction direction) {
        /** The metric as the comparison measured it: its name, with {@code |x − 1|} for a ratio ranked towards 1. */
        public String measured() {
            return direction == Direction.TOWARDS_ONE ? metric + " (|x − 1|)" : metric;
        }
    }

    private final List<String> varied;
    private final List<Variant> variants;
    private final List<String> metrics;
    private final List<String> baselineKeys;
    private final Map<String, Variant> best;
    private final Map<String, Comparison> comparisons;
    private final Function<String, Direction> directions;

    private Aggregation(List<String> varied, List<Variant> variants, List<String> metrics, List<String> baselineKeys,
                        Map<String, Variant> best, Map<String, Comparison> comparisons, Function<String, Direction> directions) {
        this.varied = varied;
        this.variants = variants;
        this.metrics = metrics;
        this.baselineKeys = baselineKeys;
        this.best = best;
        this.comparisons = comparisons;
        this.directions = directions;
    }

    /**
     * @param runs           the runs, in order
     * @param higherIsBetter true for a metric where higher is better (loss and errors: false); the figures of
     *                       generative scoring ({@code generative.*}) have their own directions ({@link GenerativeFigures})
     */
    public static Aggregation of(List<RunRecord> runs, Predicate<String> higherIsBetter) {
        Function<String, Direction> directions = m -> {
            Direction d = GenerativeFigures.direction(m);
            return d != null ? d : higherIsBetter.test(m) ? Direction.HIGHER : Direction.LOWER;
        };
        List<String> varied = differing(runs);
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        Map<String, Map<String, String>> groupParams = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            Map<String, String> p = new LinkedHashMap<>();
            varied.forEach(k -> p.put(k, r.params().getOrDefault(k, "–")));
            String label = label(p);
            if (label.isEmpty()) {
                label = runs.size() == 1 ? r.name() : "all runs";
            }
            groups.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
            groupParams.put(label, p);
        }
        Set<String> metrics = new LinkedHashSet<>();
        Set<String> baselineKeys = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            if (r.ok()) {
                metrics.addAll(r.test().keySet());
                r.baselines().forEach((b, m) -> m.keySet().forEach(k -> baselineKeys.add(b + "." + k)));
            }
        }
        List<Variant> variants = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> g : groups.entrySet()) {
            Map<String, Stat> test = new LinkedHashMap<>();
            for (String m : metrics) {
                test.put(m, Stat.of(values(g.getValue(), r -> r.test().get(m))));
            }
            Map<String, Stat> base = new LinkedHashMap<>();
            for (String key : baselineKeys) {
                int dot = key.indexOf('.');
                String b = key.substring(0, dot);
                String m = key.substring(dot + 1);
                base.put(key, Stat.of(values(g.getValue(), r -> r.baselines().getOrDefault(b, Map.of()).get(m))));
            }
            variants.add(new Variant(variants.size() + 1, g.getKey(), groupParams.get(g.getKey()), List.copyOf(g.getValue()), test, base));
        }
        Map<String, Variant> best = new LinkedHashMap<>();
        Map<String, Comparison> comparisons = new LinkedHashMap<>();
        for (String m : metrics) {
            List<Variant> ranked = new ArrayList<>(variants.stream().filter(v -> v.test().get(m).n() > 0
                    && Double.isFinite(v.test().get(m).mean())).toList());
            Direction d = directions.apply(m);
            ranked.sort((a, b) -> d.higherScoreIsBetter() ? Double.compare(d.score(b.test().get(m).mean()), d.score(a.test().get(m).mean()))
                    : Double.compare(d.score(a.test().get(m).mean()), d.score(b.test().get(m).mean())));
            if (ranked.isEmpty()) {
                continue;
            }
            best.put(m, ranked.get(0));
            comparisons.put(m, compare(m, d, ranked.get(0), ranked.size() > 1 ? ranked.get(1) : null));
        }
        return new Aggregation(varied, List.copyOf(variants), List.copyOf(metrics), List.copyOf(baselineKeys), best, comparisons,
                directions);
    }

    /** The paired difference best - runner-up over shared seeds with a two-sided 95% t interval (of the direction's scores). */
    static Comparison compare(String metric, Direction direction, Variant best, Variant runnerUp) {
        if (runnerUp == null) {
            return new Comparison(metric, best, null, 0, Double.NaN, Double.NaN, Double.NaN, direction);
        }
        Map<Long, Double> a = bySeed(best, metric, direction);
        Map<Long, Double> b = bySeed(runnerUp, metric, direction);
        List<Double> diffs = new ArrayList<>();
        a.forEach((seed, v) -> {
            if (b.containsKey(seed)) {
                diffs.add(v - b.get(seed));
            }
        });
        Stat d = Stat.of(diffs);
        if (d.n() < 2) {
            return new Comparison(metric, best, runnerUp, d.n(), d.mean(), Double.NaN, Double.NaN, direction);
        }
        double half = tQuantile975(d.n() - 1) * d.std() / Math.sqrt(d.n());
        return new Comparison(metric, best, runnerUp, d.n(), d.mean(), d.mean() - half, d.mean() + half, direction);
    }

    /** The 97.5% quantile of Student's t with {@code dof} degrees of freedom. */
    static double tQuantile975(int dof) {
        return new TDistribution(null, dof).inverseCumulativeProbability(0.975);
    }

    private static Map<Long, Double> bySeed(Variant v, String metric, Direction direction) {
        Map<Long, Double> m = new LinkedHashMap<>();
        for (RunRecord r : v.runs()) {
            Double x = r.ok() ? r.test().get(metric) : null;
            if (x != null && Double.isFinite(x)) {
                m.put(r.seed(), direction.score(x));
            }
        }
        return m;
    }

    private static List<Double> values(List<RunRecord> runs, java.util.function.Function<RunRecord, Double> f) {
        List<Double> out = new ArrayList<>();
        for (RunRecord r : runs) {
            Double v = r.ok() ? f.apply(r) : null;
            if (v != null && Double.isFinite(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** The parameter paths whose values are not the same in every run, in first-seen order. */
    static List<String> differing(List<RunRecord> all) {
        // a run cut off before it wrote its descriptor says nothing about its parameters
        List<RunRecord> runs = all.stream().filter(r -> !r.params().isEmpty()).toList();
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.params().keySet()));
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (NOT_PARAMETERS.contains(k)) {
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            runs.forEach(r -> values.add(r.params().getOrDefault(k, "–")));
            if (values.size() > 1) {
                out.add(k);
            }
        }
        // a component's parameter that differs only because the component does (X.use) says nothing more
        List<String> chosen = out.stream().filter(k -> k.endsWith(".use")).map(k -> k.substring(0, k.length() - 3)).toList();
        out.removeIf(k -> chosen.stream().anyMatch(c -> k.startsWith(c + "with.") && impliedBy(runs, c + "use", k)));
        return out;
    }

    /** True when runs with the same value at {@code use} never differ at {@code key}. */
    private static boolean impliedBy(List<RunRecord> runs, String use, String key) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        runs.forEach(r -> values.computeIfAbsent(r.params().getOrDefault(use, "–"), x -> new LinkedHashSet<>())
                .add(r.params().getOrDefault(key, "–")));
        return values.values().stream().allMatch(v -> v.size() == 1);
    }

    static String label(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append(b.length() > 0 ? ", " : "").append(k).append('=').append(v));
        return b.toString();
    }

    public List<String> varied() {
        return varied;
    }

    public List<Variant> variants() {
        return variants;
    }

    public List<String> metrics() {
        return metrics;
    }

    public List<String> baselineKeys() {
        return baselineKeys;
    }

    /** The best variant for a metric, or null. */
    public Variant best(String metric) {
        return best.get(metric);
    }

    public Comparison comparison(String metric) {
        return comparisons.get(metric);
    }

    public boolean higherIsBetter(String metric) {
        return directions.apply(metric) == Direction.HIGHER;
    }

    public Direction direction(String metric) {
        return directions.apply(metric);
    }
}
