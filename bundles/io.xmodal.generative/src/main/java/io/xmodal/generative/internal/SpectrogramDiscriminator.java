package io.xmodal.generative.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.model.Encoder;
import org.osgi.service.component.annotations.Component;

/**
 * DCGAN's discriminator body for spectrograms [channels, frames, bins] (see {@link ConvDiscriminator}):
 * strided convolutions over time and frequency; sizes need not be powers of two.
 */
@Component(service = Encoder.class)
public final class SpectrogramDiscriminator extends ConvDiscriminator {
    static final ComponentSpec SPEC = spec("spectrogram-dcgan",
            "DCGAN discriminator for spectrograms: strided convolutions (kernel 4, stride 2) over time and frequency with LeakyReLU "
                    + "-> flattened features (the gan objective scores them)",
            Modality.SPECTROGRAM).build();

    public SpectrogramDiscriminator() {
        super(false);
    }

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }
}
