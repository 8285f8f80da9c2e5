package io.xmodal.audio.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Transform;
import io.xmodal.audio.dsp.Dct;
import io.xmodal.audio.dsp.LogCompression;
import io.xmodal.audio.dsp.MelFilterbank;
import io.xmodal.audio.dsp.PadMode;
import io.xmodal.audio.dsp.Stft;
import io.xmodal.audio.dsp.Window;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transform components against the DSP package they wrap, their signatures and their errors. */
class AudioTransformsTest {
    static final int RATE = 16000;
    static final Signature AUDIO = Signature.of(Modality.AUDIO, RATE).withRate(RATE);

    static float[] signal() {
        float[] x = new float[RATE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * i / RATE) + 0.2 * Math.sin(2 * Math.PI * 3000 * i / RATE));
        }
        return x;
    }

    static Transform.Op open(Transform t, Map<String, Object> with, Signature in) throws DataException {
        return t.open(in, Params.defaults(t.spec(), with));
    }

    @Test
    void logMelIsTheLogOfTheFilterbankOfThePowerSpectrogram() throws Exception {
        Transform.Op op = open(new LogMelTransform(), Map.of("n-fft", 512, "hop-length", 160, "n-mels", 40), AUDIO);
        assertEquals(Signature.of(Modality.SPECTROGRAM, 1, 101, 40).withRate(100), op.output());
        float[] y = op.apply(signal());
        Stft stft = new Stft(512, 512, 160, Window.HANN, true, PadMode.REFLECT);
        MelFilterbank fb = new MelFilterbank(40, 512, RATE, 0, RATE / 2.0, MelFilterbank.Scale.HTK, MelFilterbank.Norm.NONE);
        float[][] expected = LogCompression.log(fb.apply(stft.power(signal())), 1e-10, 0);
        assertArrayEquals(StftParams.flatten(expected, 40), y, 1e-4f);
        // a second call on the same op (buffers reused) gives the same values
        assertArrayEquals(y, op.apply(signal()));
    }

    @Test
    void spectrogramScalesAndShapes() throws Exception {
        Transform.Op lin = open(new SpectrogramTransform(), Map.of("n-fft", 256, "scale", "linear", "power", 1.0), AUDIO);
        assertEquals(Signature.of(Modality.SPECTROGRAM, 1, 126, 129).withRate(125), lin.output());
        float[] m = lin.apply(signal());
        Stft stft = new Stft(256, 256, 128, Window.HANN, true, PadMode.REFLECT);
        assertArrayEquals(StftParams.flatten(stft.magnitude(signal()), 129), m, 1e-5f);
        Transform.Op db = open(new SpectrogramTransform(), Map.of("n-fft", 256, "scale", "db", "top-db", 60.0), AUDIO);
        float[] d = db.apply(signal());
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : d) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(60f, max - min, 1e-3f, "top-db clamps the range");
    }

    @Test
    void mfccStacksDeltasAsChannels() throws Exception {
        Transform.Op op = open(new MfccTransform(), Map.of("n-fft", 400, "hop-length", 160, "n-mels", 40, "n-mfcc", 13, "deltas", 2), AUDIO);
        assertEquals(Signature.of(Modality.SPECTROGRAM, 3, 101, 13).withRate(100), op.output());
        float[] y = op.apply(signal());
        Stft stft = new Stft(400, 400, 160, Window.HANN, true, PadMode.REFLECT);
        MelFilterbank fb = new MelFilterbank(40, 400, RATE, 0, RATE / 2.0, MelFilterbank.Scale.HTK, MelFilterbank.Norm.NONE);
        float[][] c = Dct.dct2Ortho(LogCompression.amplitudeToDb(fb.apply(stft.power(signal())), 10, 1e-10, 1, 80.0), 13);
        float[] first = new float[101 * 13];
        System.arraycopy(y, 0, first, 0, first.length);
        assertArrayEquals(StftParams.flatten(c, 13), first, 1e-3f);
        // a steady tone: the deltas in the middle of the clip are about zero
        assertEquals(0f, y[101 * 13 + 50 * 13], 1e-2f);
    }

    @Test
    void parametersThatDoNotFitTheInputSayWhatToChange() {
        assertTrue(assertThrows(DataException.class, () -> open(new LogMelTransform(), Map.of("sample-rate", 8000), AUDIO))
                .getMessage().contains("differs from the rate the reader declares (16000 Hz)"));
        assertTrue(assertThrows(DataException.class, () -> open(new LogMelTransform(), Map.of(), Signature.of(Modality.AUDIO, 1000)))
                .getMessage().contains("has no sample rate; set sample-rate"));
        assertTrue(assertThrows(DataException.class, () -> open(new LogMelTransform(), Map.of("f-max", 9000.0), AUDIO))
                .getMessage().contains("above the Nyquist frequency"));
        assertTrue(assertThrows(DataException.class, () -> open(new SpectrogramTransform(), Map.of("n-fft", 256, "win-length", 300), AUDIO))
                .getMessage().contains("win-length 300 is longer than n-fft 256"));
        assertTrue(assertThrows(DataException.class, () -> open(new LogMelTransform(), Map.of("n-fft", 512),
                Signature.of(Modality.AUDIO, 200).withRate(RATE))).getMessage().contains("reflect padding needs more than"));
        assertTrue(assertThrows(DataException.class, () -> open(new MfccTransform(), Map.of("n-mels", 20, "n-mfcc", 30), AUDIO))
                .getMessage().contains("n-mfcc 30 is more than n-mels 20"));
        assertTrue(assertThrows(DataException.class, () -> open(new LogMelTransform(), Map.of("floor", 0.0), AUDIO))
                .getMessage().contains("floor or offset must be above 0"));
    }
}
