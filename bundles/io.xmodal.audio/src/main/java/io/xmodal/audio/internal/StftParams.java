package io.xmodal.audio.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.audio.dsp.MelFilterbank;
import io.xmodal.audio.dsp.PadMode;
import io.xmodal.audio.dsp.Stft;
import io.xmodal.audio.dsp.Window;

import java.util.Locale;

/** The STFT and mel parameters the audio transforms share, named as torchaudio names them (kebab-case). */
final class StftParams {
    private StftParams() {
    }

    static ComponentSpec.Builder stft(ComponentSpec.Builder b) {
        return b.param(Param.integer("n-fft", 400).range(8, 1 << 16).doc("FFT size (samples); bins = n-fft/2 + 1"))
                .param(Param.integer("win-length", 0).range(0, 1 << 16).doc("window length in samples, at most n-fft; 0: n-fft"))
                .param(Param.integer("hop-length", 0).range(0, 1 << 16).doc("samples between frames; 0: win-length / 2"))
                .param(Param.choice("window", "hann", "hann", "hamming", "rectangular").doc("analysis window (periodic, as torch)"))
                .param(Param.bool("center", true).doc("pad n-fft/2 samples on both sides so frame t is centred on sample t * hop"))
                .param(Param.choice("pad-mode", "reflect", "reflect", "constant").doc("how centre padding is filled"))
                .param(Param.real("power", 2.0).range(0.01, 10).doc("exponent of the magnitude: 2 power, 1 magnitude"))
                .param(Param.integer("sample-rate", 0).range(0, 384000)
                        .doc("sample rate of the input in Hz; 0: the rate the reader declares"));
    }

    static ComponentSpec.Builder mel(ComponentSpec.Builder b, int nMels) {
        return b.param(Param.integer("n-mels", nMels).range(1, 1024).doc("number of mel bands"))
                .param(Param.real("f-min", 0.0).range(0, 1e6).doc("lowest frequency of the filterbank, Hz"))
                .param(Param.real("f-max", 0.0).range(0, 1e6).doc("highest frequency of the filterbank, Hz; 0: sample-rate / 2"))
                .param(Param.choice("mel-scale", "htk", "htk", "slaney").doc("mel scale formula"))
                .param(Param.choice("norm", "none", "none", "slaney").doc("filter normalisation: slaney divides each triangle by its width (equal area)"));
    }

    static Stft stft(Params p, Signature input) throws DataException {
        int nFft = p.getInt("n-fft");
        int win = p.getInt("win-length") == 0 ? nFft : p.getInt("win-length");
        if (win > nFft) {
            throw new DataException(null, "win-length " + win + " is longer than n-fft " + nFft + "; make it at most n-fft");
        }
        int hop = p.getInt("hop-length") == 0 ? Math.max(1, win / 2) : p.getInt("hop-length");
        Window w = Window.valueOf(p.getString("window").toUpperCase(Locale.ROOT));
        PadMode pad = PadMode.valueOf(p.getString("pad-mode").toUpperCase(Locale.ROOT));
        boolean center = p.getBool("center");
        long n = input.dim(0);
        if (center && pad == PadMode.REFLECT && n <= nFft / 2) {
            throw new DataException(null, "reflect padding needs more than n-fft/2 = " + nFft / 2 + " samples, the input has " + n
                    + "; use a longer duration, a smaller n-fft or pad-mode: constant");
        }
        Stft stft = new Stft(nFft, win, hop, w, center, pad);
        if (stft.frames((int) n) < 1) {
            throw new DataException(null, "the input (" + n + " samples) is shorter than one frame of n-fft " + nFft);
        }
        return stft;
    }

    static int sampleRate(Params p, Signature input) throws DataException {
        int declared = (int) Math.round(input.rate());
        int given = p.getInt("sample-rate");
        if (given == 0 && declared == 0) {
            throw new DataException(null, "the input " + input + " has no sample rate; set sample-rate: to the rate of the audio in Hz");
        }
        if (given != 0 && declared != 0 && given != declared) {
            throw new DataException(null, "sample-rate " + given + " differs from the rate the reader declares (" + declared
                    + " Hz); remove sample-rate: or set it to " + declared);
        }
        return given != 0 ? given : declared;
    }

    static MelFilterbank filterbank(Params p, Stft stft, int rate) throws DataException {
        double fMax = p.getDouble("f-max") == 0 ? rate / 2.0 : p.getDouble("f-max");
        double fMin = p.getDouble("f-min");
        if (fMax > rate / 2.0 + 1e-9) {
            throw new DataException(null, "f-max " + fMax + " Hz is above the Nyquist frequency " + rate / 2.0 + " Hz; lower it or set 0");
        }
        if (fMin >= fMax) {
            throw new DataException(null, "f-min " + fMin + " Hz must be below f-max " + fMax + " Hz");
        }
        try {
            return new MelFilterbank(p.getInt("n-mels"), stft.nFft(), rate, fMin, fMax,
                    MelFilterbank.Scale.valueOf(p.getString("mel-scale").toUpperCase(Locale.ROOT)),
                    MelFilterbank.Norm.valueOf(p.getString("norm").toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new DataException(null, e.getMessage());
        }
    }

    /** |STFT|^power from the power spectrogram |STFT|^2, in place. */
    static float[][] toPower(float[][] powerSpectrum, double power) {
        if (power != 2.0) {
            float half = (float) (power / 2);
            for (float[] row : powerSpectrum) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = (float) Math.pow(row[k], half);
                }
            }
        }
        return powerSpectrum;
    }

    /** [frames][width] into a flat [1, frames, width] row. */
    static float[] flatten(float[][] x, int width) {
        float[] out = new float[x.length * width];
        for (int t = 0; t < x.length; t++) {
            System.arraycopy(x[t], 0, out, t * width, width);
        }
        return out;
    }
}
