package io.xmodal.audio.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Transform;
import io.xmodal.audio.dsp.LogCompression;
import io.xmodal.audio.dsp.Stft;
import org.osgi.service.component.annotations.Component;

/**
 * AUDIO[samples] to SPECTROGRAM[1, frames, n-fft/2 + 1]: |STFT|^power as torchaudio's Spectrogram,
 * optionally log-compressed (ln(max(x, floor) + offset)) or in decibels (AmplitudeToDB with top-db).
 * Invertible: a spectrogram back to a waveform by Griffin-Lim ({@link SpectrogramInversion}).
 */
@Component(service = Transform.class)
public final class SpectrogramTransform implements Transform {
    static final String NAME = "spectrogram";

    private static final ComponentSpec SPEC = StftParams.stft(ComponentSpec.of(Role.TRANSFORM, NAME)
            .doc("STFT magnitude or power spectrogram (torchaudio Spectrogram), linear, log or dB")
            .accepts(Modality.AUDIO).acceptsRank(1).produces(Modality.SPECTROGRAM))
            .param(Param.choice("scale", "log", "linear", "log", "db").doc("linear values, ln(max(x, floor) + offset), or decibels"))
            .param(Param.real("floor", 1e-10).range(0, 1).doc("scale log: lower clamp before the log"))
            .param(Param.real("offset", 0.0).range(0, 1e6).doc("scale log: added after the clamp"))
            .param(Param.real("top-db", 80.0).range(0, 1000).doc("scale db: values below the maximum minus top-db are raised to it"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Op open(Signature input, Params p) throws DataException {
        Stft stft = StftParams.stft(p, input);
        double rate = input.rate() > 0 ? input.rate() : p.getInt("sample-rate");
        int frames = stft.frames((int) input.dim(0));
        int bins = stft.bins();
        double power = p.getDouble("power");
        String scale = p.getString("scale");
        double floor = p.getDouble("floor");
        double offset = p.getDouble("offset");
        if (scale.equals("log") && floor + offset <= 0) {
            throw new DataException(null, "scale log needs floor or offset above 0 (log 0 is -infinity)");
        }
        double topDb = p.getDouble("top-db");
        Signature out = Signature.of(Modality.SPECTROGRAM, 1, frames, bins).withRate(rate > 0 ? rate / stft.hopLength() : 0);
        int length = (int) input.dim(0);
        SpectrogramInversion.Scale undo = SpectrogramInversion.Scale.valueOf(scale.toUpperCase(java.util.Locale.ROOT));
        return new Invertible() {
            @Override
            public Signature output() {
                return out;
            }

            @Override
            public Signature input() {
                return input;
            }

            /** Griffin-Lim; the dB scale's top-db floor is not undone (the quietest parts stay at the floor). */
            @Override
            public float[] invert(float[] spectrogram) {
                return SpectrogramInversion.linear(spectrogram, stft, length, power, undo, offset, power == 1.0 ? 20 : 10);
            }

            @Override
            public float[] apply(float[] x) {
                float[][] s = StftParams.toPower(stft.power(x), power);
                if (scale.equals("log")) {
                    s = LogCompression.log(s, floor, offset);
                } else if (scale.equals("db")) {
                    s = LogCompression.amplitudeToDb(s, power == 1.0 ? 20 : 10, 1e-10, 1.0, topDb);
                }
                return StftParams.flatten(s, bins);
            }
        };
    }
}
