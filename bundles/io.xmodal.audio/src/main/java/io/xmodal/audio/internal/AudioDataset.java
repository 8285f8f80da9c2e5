package io.xmodal.audio.internal;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Resample;
import io.xmodal.audio.dsp.Wav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Labelled WAV files read on demand: each sample is the file mixed to mono, resampled to the configured
 * rate (band-limited) and cropped or zero-padded to a fixed length. Modalities: {@code audio}
 * AUDIO[samples] with the sample rate as its rate, and {@code label} LABEL[classes].
 */
final class AudioDataset implements Dataset {
    /** One file: its path, class index, group (voice, speaker) and declared split, both may be null. */
    record Entry(Path path, int label, String group, String split) {
    }

    /** How a longer clip is cut to the fixed length. */
    enum Crop { START, CENTER }

    private final List<Entry> entries;
    private final List<String> classes;
    private final int rate;
    private final int length;
    private final Crop crop;
    private final Map<String, Signature> modalities = new LinkedHashMap<>();
    private final String fingerprint;

    AudioDataset(List<Entry> entries, List<String> classes, int rate, int length, Crop crop, String configuration) throws DataException {
        this.entries = List.copyOf(entries);
        this.classes = List.copyOf(classes);
        this.rate = rate;
        this.length = length;
        this.crop = crop;
        modalities.put("audio", Signature.of(Modality.AUDIO, length).withRate(rate));
        modalities.put("label", Signature.of(Modality.LABEL, classes.size()));
        this.fingerprint = fingerprint(entries, configuration);
    }

    /**
     * Decodes every file once (in parallel) and keeps those that decode; used with {@code skip-bad}.
     *
     * @return the good entries; {@code bad} receives one line per bad file
     */
    static List<Entry> decodable(List<Entry> entries, Consumer<String> bad) {
        boolean[] ok = new boolean[entries.size()];
        String[] problem = new String[entries.size()];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, entries.size()).parallel().forEach(i -> {
            try {
                Audio a = Wav.read(entries.get(i).path());
                ok[i] = a.samples().length > 0;
                if (!ok[i]) {
                    problem[i] = entries.get(i).path() + ": no samples";
                }
            } catch (IOException | RuntimeException e) {
                problem[i] = e.getMessage() == null ? entries.get(i).path() + ": " + e : e.getMessage();
            }
            done.incrementAndGet();
        });
        List<Entry> good = new ArrayList<>();
        for (int i = 0; i < ok.length; i++) {
            if (ok[i]) {
                good.add(entries.get(i));
            } else {
                bad.accept(problem[i]);
            }
        }
        return good;
    }

    @Override
    public Map<String, Signature> modalities() {
        return modalities;
    }

    @Override
    public long size() {
        return entries.size();
    }

    @Override
    public Sample get(long index) throws DataException {
        Entry e = entries.get((int) index);
        float[] x = load(e.path());
        return new Sample(e.path().getFileName().toString(), Map.of("audio", x, "label", new float[] {e.label()}), e.path().toString());
    }

    /** The file's audio at the configured rate and length. */
    float[] load(Path file) throws DataException {
        Audio a;
        try {
            a = Wav.read(file);
        } catch (IOException e) {
            throw new DataException(file, problem(file, e) + "; fix or remove the file, or set skip-bad: true to leave bad files out");
        }
        float[] x = a.sampleRate() == rate ? a.samples() : Resample.resample(a.samples(), a.sampleRate(), rate);
        return fit(x, length, crop);
    }

    private static String problem(Path file, IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        String prefix = file + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** Crops (from the start or around the centre) or zero-pads at the end to exactly {@code n} samples. */
    static float[] fit(float[] x, int n, Crop crop) {
        if (x.length == n) {
            return x;
        }
        float[] out = new float[n];
        if (x.length > n) {
            int from = crop == Crop.CENTER ? (x.length - n) / 2 : 0;
            System.arraycopy(x, from, out, 0, n);
        } else {
            System.arraycopy(x, 0, out, 0, x.length);
        }
        return out;
    }

    @Override
    public String group(long index) {
        return entries.get((int) index).group();
    }

    @Override
    public String split(long index) {
        return entries.get((int) index).split();
    }

    @Override
    public List<String> classes(String modality) {
        return "label".equals(modality) ? classes : null;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /** Paths, sizes and modification times of every file, with the reader's configuration. */
    private static String fingerprint(List<Entry> entries, String configuration) throws DataException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(configuration.getBytes(StandardCharsets.UTF_8));
            for (Entry e : entries) {
                String line = "\n" + e.path() + "|" + Files.size(e.path()) + "|" + Files.getLastModifiedTime(e.path()).toMillis()
                        + "|" + e.label() + "|" + e.group() + "|" + e.split();
                d.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new DataException(null, "cannot read " + e.getMessage());
        }
    }
}
