package io.xmodal.audio.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Transform;
import io.xmodal.audio.dsp.Dct;
import io.xmodal.audio.dsp.Deltas;
import io.xmodal.audio.dsp.LogCompression;
import io.xmodal.audio.dsp.MelFilterbank;
import io.xmodal.audio.dsp.Stft;
import org.osgi.service.component.annotations.Component;

/**
 * AUDIO[samples] to SPECTROGRAM[1 + deltas, frames, n-mfcc]: torchaudio's MFCC (mel spectrogram, then
 * decibels with top-db 80, or ln(mel + 1e-6) with log-mels, then the orthonormal DCT-II), with the first
 * and second time derivatives (torchaudio compute_deltas) stacked as further channels.
 */
@Component(service = Transform.class)
public final class MfccTransform implements Transform {
    static final String NAME = "mfcc";

    private static final ComponentSpec SPEC = StftParams.mel(StftParams.stft(ComponentSpec.of(Role.TRANSFORM, NAME)
            .doc("MFCC (torchaudio MFCC: mel, dB or log, orthonormal DCT-II) with optional deltas as channels")
            .accepts(Modality.AUDIO).acceptsRank(1).produces(Modality.SPECTROGRAM)), 128)
            .param(Param.integer("n-mfcc", 40).range(1, 1024).doc("coefficients kept (at most n-mels)"))
            .param(Param.bool("log-mels", false).doc("ln(mel + 1e-6) instead of decibels (torchaudio's log_mels)"))
            .param(Param.real("top-db", 80.0).range(0, 1000).doc("decibels: floor at the maximum minus top-db"))
            .param(Param.integer("deltas", 0).range(0, 2).doc("0: coefficients only; 1: and their deltas; 2: and the delta-deltas"))
            .param(Param.integer("delta-win", 5).range(3, 101).doc("window of the delta regression (odd)"))
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
        int nMfcc = p.getInt("n-mfcc");
        if (nMfcc > fb.nMels()) {
            throw new DataException(null, "n-mfcc " + nMfcc + " is more than n-mels " + fb.nMels() + "; lower n-mfcc or raise n-mels");
        }
        int win = p.getInt("delta-win");
        if (win % 2 == 0) {
            throw new DataException(null, "delta-win must be odd, got " + win);
        }
        boolean logMels = p.getBool("log-mels");
        double topDb = p.getDouble("top-db");
        double power = p.getDouble("power");
        int deltas = p.getInt("deltas");
        int frames = stft.frames((int) input.dim(0));
        Signature out = Signature.of(Modality.SPECTROGRAM, 1 + deltas, frames, nMfcc).withRate((double) rate / stft.hopLength());
        return new Op() {
            @Override
            public Signature output() {
                return out;
            }

            @Override
            public float[] apply(float[] x) {
                float[][] spec = StftParams.toPower(stft.power(x), power);
                float[][] mel = fb.apply(spec);
                float[][] logMel = logMels ? LogCompression.log(mel, 0, 1e-6)
                        : LogCompression.amplitudeToDb(mel, power == 1.0 ? 20 : 10, 1e-10, 1.0, topDb);
                float[][] c = Dct.dct2Ortho(logMel, nMfcc);
                float[] flat = new float[(1 + deltas) * frames * nMfcc];
                System.arraycopy(StftParams.flatten(c, nMfcc), 0, flat, 0, frames * nMfcc);
                float[][] d = c;
                for (int k = 1; k <= deltas; k++) {
                    d = Deltas.deltas(d, win);
                    System.arraycopy(StftParams.flatten(d, nMfcc), 0, flat, k * frames * nMfcc, frames * nMfcc);
                }
                return flat;
            }
        };
    }
}
