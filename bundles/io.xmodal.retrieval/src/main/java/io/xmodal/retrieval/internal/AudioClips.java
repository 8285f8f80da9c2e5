package io.xmodal.retrieval.internal;

import io.xmodal.api.data.DataException;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Resample;
import io.xmodal.audio.dsp.Wav;

import java.io.IOException;
import java.nio.file.Path;

/** WAV files as the audio readers read them: mono, resampled (band-limited), cropped or zero-padded at the end. */
final class AudioClips {
    private AudioClips() {
    }

    static float[] load(Path file, int rate, int length) throws DataException {
        Audio a;
        try {
            a = Wav.read(file);
        } catch (IOException e) {
            throw new DataException(file, (e.getMessage() == null ? e.toString() : e.getMessage())
                    + "; give a 16-bit PCM or float WAV file");
        }
        float[] x = a.sampleRate() == rate ? a.samples() : Resample.resample(a.samples(), a.sampleRate(), rate);
        if (x.length == length) {
            return x;
        }
        float[] out = new float[length];
        System.arraycopy(x, 0, out, 0, Math.min(length, x.length));
        return out;
    }
}
