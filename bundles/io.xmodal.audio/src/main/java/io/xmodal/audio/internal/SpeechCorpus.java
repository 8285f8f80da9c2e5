package io.xmodal.audio.internal;

import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Resample;
import io.xmodal.audio.dsp.Wav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes synthesised utterances as {@code wav/<label>/<id>.wav} and a {@code manifest.csv}
 * (path,label,group,language,voice,speed,pitch,text) whose group is the voice variant, so that a
 * split by group tests on voices never heard in training. The manifest is written last, atomically.
 */
final class SpeechCorpus {
    /** One utterance to synthesise. */
    record Utterance(String id, String label, String language, String voice, int speed, int pitch, String text) {
    }

    private SpeechCorpus() {
    }

    /** @param rate the sample rate to write the files at; 0 keeps espeak-ng's own */
    static void write(Path out, List<Utterance> items, Espeak espeak, int rate, DataContext ctx) throws DataException {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Utterance u : items) {
                fs.add(pool.submit(() -> {
                    Path wav = out.resolve("wav").resolve(u.label()).resolve(u.id() + ".wav");
                    Files.createDirectories(wav.getParent());
                    espeak.speak(u.language(), u.voice(), u.speed(), u.pitch(), u.text(), wav);
                    if (rate > 0) {
                        Audio a = Wav.read(wav);
                        if (a.sampleRate() != rate) {
                            Wav.write(wav, new Audio(Resample.resample(a.samples(), a.sampleRate(), rate), rate));
                        }
                    }
                    int d = done.incrementAndGet();
                    if (d % 250 == 0 || d == items.size()) {
                        double s = (System.nanoTime() - started) / 1e9;
                        ctx.progress().accept(String.format(Locale.ROOT, "spoken %d/%d utterances (%.0f/s, %.0f s left)", d, items.size(),
                                d / s, (items.size() - d) * s / d));
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof DataException de ? de : new DataException(out, "synthesis failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(out, "interrupted");
        } finally {
            pool.shutdownNow();
        }
        StringBuilder csv = new StringBuilder("path,label,group,language,voice,speed,pitch,text\n");
        for (Utterance u : items) {
            csv.append("wav/").append(u.label()).append('/').append(u.id()).append(".wav,").append(Csv.quote(u.label())).append(',')
                    .append(Csv.quote(u.voice())).append(',').append(u.language()).append(',').append(Csv.quote(u.voice())).append(',')
                    .append(u.speed()).append(',').append(u.pitch()).append(',').append(Csv.quote(u.text())).append('\n');
        }
        try {
            Path tmp = out.resolve("manifest.csv.tmp");
            Files.writeString(tmp, csv, StandardCharsets.UTF_8);
            Files.move(tmp, out.resolve("manifest.csv"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(out.resolve("README.txt"), "Made by xmodal's recipe with " + espeak.version()
                    + ".\nmanifest.csv lists every file (path,label,group,...); the group is the voice variant.\n"
                    + "Open it with the reader audio-manifest.\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(out, "cannot write the manifest: " + e.getMessage());
        }
    }
}
