package io.xmodal.generative.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.model.Decoder;
import org.osgi.service.component.annotations.Component;

/**
 * DCGAN's generator to a spectrogram [channels, frames, bins] as the audio transforms give it (time
 * along the rows, frequency along the columns), of any size (the last stage is cropped); linear output
 * by default, for log-mel values normalised to zero mean and unit variance.
 */
@Component(service = Decoder.class)
public final class SpectrogramGenerator extends ConvGenerator {
    static final ComponentSpec SPEC = common(spec("spectrogram-dcgan",
            "DCGAN generator to a spectrogram: features[D] -> dense -> transposed convolutions (kernel 4, stride 2) over time and frequency "
                    + "-> spectrogram[channels,frames,bins]",
            Modality.SPECTROGRAM)
            .param(Param.integer("frames", 32).range(1, 100_000).doc("output time frames"))
            .param(Param.integer("bins", 64).range(1, 4096).doc("output frequency bins (mel bands, MFCCs or STFT bins)")), "linear")
            .build();

    public SpectrogramGenerator() {
        super(Modality.SPECTROGRAM, "frames", "bins");
    }

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }
}
