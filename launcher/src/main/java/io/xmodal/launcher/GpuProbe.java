package io.xmodal.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the NVIDIA GPUs and their compute capabilities without loading any CUDA library, so that
 * the launcher can refuse a GPU that the CUDA build cannot run on before anything starts.
 *
 * <p>In order: the environment variable {@value #SIMULATE} (a testing aid, see below);
 * {@code nvidia-smi --query-gpu=index,name,compute_cap} (drivers from 510 on); for older drivers
 * {@code nvidia-smi --query-gpu=index,name} with the capability taken from the GPU's name; without
 * {@code nvidia-smi}, the names in {@code /proc/driver/nvidia/gpus/}. A capability that none of
 * these gives is unknown.
 *
 * <p>{@value #SIMULATE}: {@code NAME:MAJOR.MINOR}, several separated by {@code ;}, or {@code none}
 * for a machine without GPUs. For example {@code XMODAL_SIMULATE_GPU="NVIDIA H100 80GB HBM3:9.0"}
 * makes the launcher act as on an H100 — enough to test every decision that precedes loading CUDA.
 */
final class GpuProbe {
    static final String SIMULATE = "XMODAL_SIMULATE_GPU";
    private static final Path PROC = Path.of("/proc/driver/nvidia/gpus");

    /**
     * What was found.
     *
     * @param gpus the GPUs, by index
     * @param how  how they were found, or why none were (e.g. {@code nvidia-smi is not on PATH})
     */
    record Scan(List<Gpu> gpus, String how, boolean driver) {
        Scan {
            gpus = List.copyOf(gpus);
        }

        Scan(List<Gpu> gpus, String how) {
            this(gpus, how, !gpus.isEmpty());
        }
    }

    /** Present while an NVIDIA kernel driver is loaded. */
    static final Path DRIVER = Path.of("/proc/driver/nvidia/version");

    /** Capabilities by GPU name, for drivers whose nvidia-smi cannot report them; first match wins. */
    private static final List<Map.Entry<Pattern, String>> BY_NAME = List.of(
            Map.entry(Pattern.compile("\\b(GH200|H100|H200|H800|H20)\\b"), "9.0"),
            Map.entry(Pattern.compile("\\b(GB200|B200|B100)\\b"), "10.0"),
            Map.entry(Pattern.compile("\\b(L4|L40S?|L20|RTX 40\\d\\d|RTX \\d+ Ada)\\b"), "8.9"),
            Map.entry(Pattern.compile("\\b(A100|A800|A30)\\b"), "8.0"),
            Map.entry(Pattern.compile("\\b(A10G?|A40|A16|A2|RTX 30\\d\\d|RTX A\\d+)\\b"), "8.6"),
            Map.entry(Pattern.compile("\\b(T4|RTX 20\\d\\d|Quadro RTX \\d+|TITAN RTX)\\b"), "7.5"),
            Map.entry(Pattern.compile("\\b(V100|TITAN V)\\b"), "7.0"),
            Map.entry(Pattern.compile("\\b(P100)\\b"), "6.0"),
            Map.entry(Pattern.compile("\\b(P40|P4|GTX 10\\d0)\\b"), "6.1"),
            Map.entry(Pattern.compile("\\b(K80)\\b"), "3.7"));

    private GpuProbe() {
    }

    /** The GPUs of this machine (or the simulated ones). */
    static Scan scan(Map<String, String> env) {
        String simulated = env.get(SIMULATE);
        if (simulated != null && !simulated.isBlank()) {
            return simulated(simulated);
        }
        ShortCommand.Result r = ShortCommand.run(20, "nvidia-smi", "--query-gpu=index,name,compute_cap", "--format=csv,noheader");
        if (r.ok()) {
            return new Scan(parseSmi(r.out(), true), "nvidia-smi");
        }
        if (r.failure() == null && (r.out() + r.err()).contains("compute_cap")) {
            // a driver before 510 knows no compute_cap field
            ShortCommand.Result names = ShortCommand.run(20, "nvidia-smi", "--query-gpu=index,name", "--format=csv,noheader");
            if (names.ok()) {
                return new Scan(parseSmi(names.out(), false), "nvidia-smi (capability from the GPU name: the driver is older than 510)");
            }
        }
        List<Gpu> proc = fromProc();
        String smi = r.failure() != null ? r.failure().replace("cannot run", "not found or not runnable")
                : "nvidia-smi failed: " + firstLine(r.out() + r.err());
        if (!proc.isEmpty()) {
            return new Scan(proc, PROC + " (" + smi + "; capability from the GPU name)", Files.isReadable(DRIVER));
        }
        return new Scan(List.of(), smi);
    }

    /** {@value #SIMULATE}'s value: {@code NAME:MAJOR.MINOR[;NAME:MAJOR.MINOR...]} or {@code none}. */
    static Scan simulated(String value) {
        if (value.trim().equalsIgnoreCase("none")) {
            return new Scan(List.of(), SIMULATE + "=none");
        }
        List<Gpu> gpus = new ArrayList<>();
        for (String part : value.split(";")) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0 || part.substring(0, colon).isBlank()) {
                throw new IllegalArgumentException(SIMULATE + "='" + value + "': '" + part.trim()
                        + "' is not NAME:MAJOR.MINOR (for example \"NVIDIA H100 80GB HBM3:9.0\"), several separated by ';', or none");
            }
            try {
                gpus.add(Gpu.of(gpus.size(), part.substring(0, colon).trim(), part.substring(colon + 1), SIMULATE));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SIMULATE + "='" + value + "': " + e.getMessage());
            }
        }
        return new Scan(gpus, SIMULATE + " (simulated, no GPU is used)", Files.isReadable(DRIVER));
    }

    /** Lines {@code 0, NVIDIA H100 80GB HBM3, 9.0} (or without the capability). */
    static List<Gpu> parseSmi(String out, boolean withCapability) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            int index = gpus.size();
            try {
                index = Integer.parseInt(f[0].trim());
            } catch (NumberFormatException e) {
                // keep the count
            }
            if (withCapability && f.length >= 3) {
                String name = String.join(",", java.util.Arrays.copyOfRange(f, 1, f.length - 1)).trim();
                try {
                    gpus.add(Gpu.of(index, name, f[f.length - 1], "nvidia-smi"));
                } catch (IllegalArgumentException e) {
                    gpus.add(byName(index, name));
                }
            } else if (f.length >= 2) {
                gpus.add(byName(index, String.join(",", java.util.Arrays.copyOfRange(f, 1, f.length)).trim()));
            }
        }
        return gpus;
    }

    /** The capability from the name, for the GPUs of {@link #BY_NAME}; else unknown. */
    static Gpu byName(int index, String name) {
        for (Map.Entry<Pattern, String> e : BY_NAME) {
            if (e.getKey().matcher(name).find()) {
                return Gpu.of(index, name, e.getValue(), "the GPU name");
            }
        }
        return new Gpu(index, name, -1, -1, "unknown");
    }

    private static List<Gpu> fromProc() {
        List<Gpu> gpus = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return gpus;
        }
        Pattern model = Pattern.compile("(?m)^Model:\\s*(.+)$");
        try (Stream<Path> dirs = Files.list(PROC)) {
            for (Path dir : dirs.sorted().toList()) {
                Path info = dir.resolve("information");
                if (Files.isReadable(info)) {
                    Matcher m = model.matcher(Files.readString(info, StandardCharsets.UTF_8));
                    if (m.find()) {
                        gpus.add(byName(gpus.size(), m.group(1).trim()));
                    }
                }
            }
        } catch (IOException e) {
            // no readable driver information
        }
        return gpus;
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("no output");
    }
}
