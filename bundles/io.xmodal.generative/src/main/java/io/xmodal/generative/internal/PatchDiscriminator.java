package io.xmodal.generative.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.model.Encoder;
import org.osgi.service.component.annotations.Component;

/**
 * PatchGAN's discriminator (Isola et al. 2017): features of overlapping patches, averaged over
 * positions, so the gan objective's affine score is the mean of the per-patch scores (see
 * {@link ConvDiscriminator}). Takes images and spectrograms.
 */
@Component(service = Encoder.class)
public final class PatchDiscriminator extends ConvDiscriminator {
    static final ComponentSpec SPEC = spec("patch",
            "PatchGAN discriminator: strided convolutions with LeakyReLU, per-patch features averaged over positions (scored per patch, scores averaged)",
            Modality.IMAGE, Modality.SPECTROGRAM).build();

    public PatchDiscriminator() {
        super(true);
    }

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }
}
