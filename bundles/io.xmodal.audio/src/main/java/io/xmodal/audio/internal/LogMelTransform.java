package io.xmodal.audio.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Transform;
import io.xmodal.audio.dsp.LogMelSpectrogram;
import io.xmodal.audio.dsp.MelFilterbank;
import io.xmodal.audio.dsp.Stft;
import org.osgi.service.component.annotations.Component;

/**
 * AUDIO[samples] to SPECTROGRAM[1, frames, n-mels]: ln(max(mel, floor) + offset) where mel is
 * torchaudio's MelSpectrogram (the filterbank of melscale_fbanks applied to |STFT|^power). Invertible:
 * back to a waveform through the filterbank's pseudo-inverse and Griffin-Lim ({@link SpectrogramInversion}).
 */
@Component(service = Transform.class)
public final class LogMelTransform implements Transform {
    static final String NAME = "log-mel";

    private static final ComponentSpec SPEC = StftParams.mel(StftParams.stft(ComponentSpec.of(Role.TRANSFORM, NAME)
            .doc("log mel spectrogram: ln(max(mel, floor) + offset) of torchaudio's MelSpectrogram")
            .accepts(Modality.AUDIO).acceptsRank(1).produces(Modality.SPECTROGRAM)), 64)
            .param(Param.real("floor", 1e-10).range(0, 1).doc("lower clamp before the log"))
            .param(Param.real("offset", 0.0).range(0, 1e6).doc("added after the clamp, e.g. 1e-6 or 1"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Op open(Signature input, Params p) throws DataException {
        Stft stft = StftParams.stft(p, input);
        int rate = StftParams.sampleRate(p, input);
        MelFilterbank fb = StftParams.filterbank(p, stft, rate);
        double floor = p.getDouble("floor");
        double offset = p.getDouble("offset");
        if (floor + offset <= 0) {
            throw new DataException(null, "floor or offset must be above 0 (log 0 is -infinity)");
        }
        LogMelSpectrogram lm = new LogMelSpectrogram(stft, fb, p.getDouble("power"), floor, offset);
        int frames = stft.frames((int) input.dim(0));
        int mels = fb.nMels();
        Signature out = Signature.of(Modality.SPECTROGRAM, 1, frames, mels).withRate((double) rate / stft.hopLength());
        float[][] buf = new float[frames][mels];
        double power = p.getDouble("power");
        int length = (int) input.dim(0);
        return new Invertible() {
            @Override
            public Signature output() {
                return out;
            }

            @Override
            public Signature input() {
                return input;
            }

            /** The mel filterbank's pseudo-inverse, then Griffin-Lim. */
            @Override
            public float[] invert(float[] spectrogram) {
                return SpectrogramInversion.mel(spectrogram, stft, fb, length, power, offset);
            }

            @Override
            public float[] apply(float[] x) {
                lm.compute(x, buf);
                return StftParams.flatten(buf, mels);
            }
        };
    }
}
