package io.xmodal.launcher;

import io.xmodal.api.runtime.BenchResult;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Workbench;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times training steps of the reference models (built from the installed components) and, with
 * --torch, the same models in PyTorch in the same session, printing the ratio.
 */
@Command(name = "bench",
        description = {"Time training steps of the reference models (cnn, vgg-gru) built from the installed components, "
                + "on random data, exactly as a run trains them.",
            "With --torch, also run the same models in PyTorch (bench/torch_reference.py in the distribution) at the same "
                + "thread count and print the ratio. Compare at --threads 1 on small machines.",
            "Besides wall-clock milliseconds per step (median), each side reports its process's CPU milliseconds per step "
                + "(all threads, user and system, mean over the timed steps), which other load on the machine disturbs less."})
final class BenchCommand implements EngineCommand {
    private static final Pattern TORCH_LINE = Pattern.compile("torch (\\S+) threads=\\d+ batch=\\d+ ms_per_step=([0-9.]+)(?: cpu_ms_per_step=([0-9.]+))?");

    @Option(names = "--model", paramLabel = "NAME",
            description = "A reference model: cnn, vgg-gru, or log-mel (the log-mel transform on 60 s of 16 kHz audio, one thread) "
                + "(repeatable; default: all); or retrieval-index (exact top-10 search over 100,000 embeddings of 64 floats beside "
                + "a plain Java reference; only when named); or video-convlstm, video-inception-gru (two next-frame families of "
                + "experiments/next-frame-families.yaml, 10x64x64 frames, batch 16; only when named, no PyTorch counterpart). "
                + "With XMODAL_JAVA_OPTS=-Dxmodal.bench.profile=true the time of each op kind is printed; =ops, of each op.")
    List<String> models = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", defaultValue = "30", converter = Cli.PositiveInt.class,
            description = "Timed steps per model (default: ${DEFAULT-VALUE}); the median is reported.")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "60",
            description = "Untimed steps first, while the JIT compiles the hot paths (default: ${DEFAULT-VALUE}; with 3 the cnn measured 20%% slower).")
    int warmup;

    @Option(names = "--torch", description = "Also time the PyTorch reference with python3 (needs torch installed).")
    boolean torch;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "python3",
            description = "The Python that has torch, for --torch (default: ${DEFAULT-VALUE}).")
    String python;

    @Override
    public String precheck() {
        if (warmup < 0) {
            return "--warmup must be 0 or more";
        }
        if (torch && script() == null) {
            return "--torch needs bench/torch_reference.py in the distribution (" + System.getProperty("xmodal.home") + ")";
        }
        return null;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException {
        String threads = host.getOrDefault("threads", "?");
        console.line("benchmark: " + host.getOrDefault("backend", "cpu") + ", " + threads + " threads, float32, Adam; median of "
                + steps + " steps after " + warmup + " warm-up steps");
        List<BenchResult> results = workbench.bench(models, warmup, steps, console::line);
        Map<String, Double> reference = new HashMap<>();
        Map<String, Double> referenceCpu = new HashMap<>();
        if (torch && results.stream().anyMatch(r -> !r.model().equals("log-mel"))) {
            reference.putAll(torchTimes(threads, console, referenceCpu));
        }
        if (torch && results.stream().anyMatch(r -> r.model().equals("log-mel"))) {
            Double factor = torchaudioFactor(console);
            if (factor != null) {
                reference.put("log-mel", LOG_MEL_MS / factor);
            }
        }
        console.line("");
        console.line(String.format(Locale.ROOT, "%-9s %6s %9s %14s %14s %8s %12s %12s %9s", "model", "batch", "params", "xmodal ms/step",
                "torch ms/step", "ratio", "xmodal cpu", "torch cpu", "cpu ratio"));
        for (BenchResult r : results) {
            Double t = reference.get(r.model());
            if (r.model().equals("log-mel")) {
                console.line(String.format(Locale.ROOT, "%-9s %6s %9s %14.1f %14s %8s   (ms per 60 s of audio: %.0fx real time%s)",
                        r.model(), "60s", "-", r.msMedian(), t == null ? "-" : String.format(Locale.ROOT, "%.1f", t),
                        t == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.msMedian() / t), LOG_MEL_MS / r.msMedian(),
                        t == null ? "" : String.format(Locale.ROOT, "; torchaudio %.0fx", LOG_MEL_MS / t)));
                continue;
            }
            if (r.model().startsWith("retrieval-index")) {
                console.line(String.format(Locale.ROOT, "%-21s %9.3f ms/query (min %.3f)  %8.0f queries/s", r.model(), r.msMedian(), r.msMin(),
                        r.samplesPerSecond()));
                continue;
            }
            Double tc = referenceCpu.get(r.model());
            boolean cpu = !Double.isNaN(r.cpuMsPerStep());
            console.line(String.format(Locale.ROOT, "%-9s %6d %9d %14.1f %14s %8s %12s %12s %9s", r.model(), r.batch(), r.parameters(), r.msMedian(),
                    t == null ? "-" : String.format(Locale.ROOT, "%.1f", t),
                    t == null ? "-" : String.format(Locale.ROOT, "%.2fx", r.msMedian() / t),
                    cpu ? String.format(Locale.ROOT, "%.1f", r.cpuMsPerStep()) : "-",
                    tc == null ? "-" : String.format(Locale.ROOT, "%.1f", tc),
                    tc == null || !cpu ? "-" : String.format(Locale.ROOT, "%.2fx", r.cpuMsPerStep() / tc)));
        }
        return 0;
    }

    private static final double LOG_MEL_MS = 60_000;
    private static final Pattern FACTOR = Pattern.compile("\"realtime_factor\": ([0-9.]+)");

    /** Real-time factor of the same log-mel in torchaudio, one thread (bench/torchaudio_logmel.py). */
    private Double torchaudioFactor(Console console) {
        String home = System.getProperty("xmodal.home");
        Path p = home == null ? null : Path.of(home, "bench", "torchaudio_logmel.py");
        if (p == null || !Files.isRegularFile(p)) {
            console.warn("bench/torchaudio_logmel.py is not in the distribution; no torchaudio reference for log-mel");
            return null;
        }
        List<String> cmd = List.of(python, p.toString(), "--seconds", "60", "--rounds", Integer.toString(steps));
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0) {
                console.warn("the torchaudio reference failed (" + String.join(" ", cmd) + "): " + out.strip()
                        + "; is torchaudio installed for " + python + "? (Debian: apt-get install python3-torchaudio)");
                return null;
            }
            console.line("torchaudio " + out.strip());
            Matcher m = FACTOR.matcher(out);
            return m.find() ? Double.parseDouble(m.group(1)) : null;
        } catch (IOException e) {
            console.warn("cannot run " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static Path script() {
        String home = System.getProperty("xmodal.home");
        if (home == null) {
            return null;
        }
        Path p = Path.of(home, "bench", "torch_reference.py");
        return Files.isRegularFile(p) ? p : null;
    }

    private Map<String, Double> torchTimes(String threads, Console console, Map<String, Double> cpu) {
        Map<String, Double> out = new HashMap<>();
        List<String> cmd = new ArrayList<>(List.of(python, script().toString(), "--threads", threads.equals("?") ? "1" : threads,
                "--steps", Integer.toString(steps)));
        if (models.size() == 1) {
            cmd.addAll(List.of("--model", models.get(0)));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    console.line(line);
                    Matcher m = TORCH_LINE.matcher(line);
                    if (m.find()) {
                        out.put(m.group(1), Double.parseDouble(m.group(2)));
                        if (m.group(3) != null) {
                            cpu.put(m.group(1), Double.parseDouble(m.group(3)));
                        }
                    }
                }
            }
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                console.warn("the PyTorch reference failed (" + String.join(" ", cmd) + "); is torch installed for " + python + "?");
            }
        } catch (IOException e) {
            console.warn("cannot run " + python + ": " + e.getMessage() + "; install Python 3 with torch or pass --python");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
