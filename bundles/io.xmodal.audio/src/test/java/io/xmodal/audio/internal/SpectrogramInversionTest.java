package io.xmodal.audio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.Transform;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.PadMode;
import io.xmodal.audio.dsp.Stft;
import io.xmodal.audio.dsp.Wav;
import io.xmodal.audio.dsp.Window;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip the engine uses for generated spectrograms: a sine's spectrogram (linear-frequency in
 * every value scale, and log-mel) inverted by Griffin-Lim, written as a WAV file and read back, keeps
 * the sine's frequency as its dominant one; the inverted waveform has the input's signature.
 */
class SpectrogramInversionTest {
    static final int RATE = 8000;
    static final Signature AUDIO = Signature.of(Modality.AUDIO, RATE / 2).withRate(RATE);

    @TempDir
    Path tmp;

    static float[] sine(double hz) {
        float[] x = new float[RATE / 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    /** The frequency (Hz) of the strongest bin of the mean |STFT| over frames, with n-fft 1024 (7.8 Hz bins). */
    static double dominant(float[] x) {
        Stft stft = new Stft(1024, 1024, 256, Window.HANN, true, PadMode.REFLECT);
        float[][] m = stft.magnitude(x);
        double[] mean = new double[stft.bins()];
        for (float[] row : m) {
            for (int k = 0; k < row.length; k++) {
                mean[k] += row[k];
            }
        }
        int best = 1;
        for (int k = 1; k < mean.length; k++) {
            if (mean[k] > mean[best]) {
                best = k;
            }
        }
        return best * (double) RATE / 1024;
    }

    private float[] roundTrip(Transform t, Map<String, Object> with, float[] x) throws Exception {
        Transform.Op op = t.open(AUDIO, Params.defaults(t.spec(), with));
        Transform.Invertible inv = assertInstanceOf(Transform.Invertible.class, op, t.spec().name() + " inverts its spectrograms");
        assertEquals(AUDIO, inv.input());
        float[] back = inv.invert(op.apply(x));
        assertEquals(x.length, back.length);
        Path wav = tmp.resolve(t.spec().name() + ".wav");
        Wav.write(wav, new Audio(back, RATE));
        return Wav.read(wav).samples();
    }

    @Test
    void aSinesSpectrogramInvertsToTheSameFrequency() throws Exception {
        for (double hz : new double[] {440, 1250}) {
            float[] x = sine(hz);
            assertEquals(hz, dominant(x), 8, "the measure itself");
            for (String scale : new String[] {"log", "db", "linear"}) {
                float[] back = roundTrip(new SpectrogramTransform(), Map.of("n-fft", 256, "scale", scale), x);
                assertEquals(hz, dominant(back), 16, "spectrogram scale " + scale + " at " + hz + " Hz");
                double rms = 0;
                for (float v : back) {
                    rms += v * v;
                }
                rms = Math.sqrt(rms / back.length);
                assertEquals(0.5 / Math.sqrt(2), rms, 0.5 / Math.sqrt(2) * 0.35, "loudness kept, scale " + scale);
            }
            float[] mel = roundTrip(new LogMelTransform(), Map.of("n-fft", 256, "n-mels", 64, "offset", 1e-6), x);
            assertEquals(hz, dominant(mel), 40, "log-mel at " + hz + " Hz (one mel band is about 30 to 60 Hz wide here)");
        }
    }

    @Test
    void theSameSpectrogramAlwaysGivesTheSameWaveform() throws Exception {
        Transform.Invertible op = (Transform.Invertible) new SpectrogramTransform().open(AUDIO,
                Params.defaults(new SpectrogramTransform().spec(), Map.of("n-fft", 256)));
        float[] s = op.apply(sine(600));
        float[] a = op.invert(s);
        float[] b = op.invert(s);
        assertTrue(java.util.Arrays.equals(a, b), "Griffin-Lim starts from seeded phases");
    }
}
