package io.xmodal.generative.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.model.Encoder;
import org.osgi.service.component.annotations.Component;

/** DCGAN's discriminator body for images (see {@link ConvDiscriminator}); fills the gan objective's discriminator slot. */
@Component(service = Encoder.class)
public final class DcganDiscriminator extends ConvDiscriminator {
    static final ComponentSpec SPEC = spec("dcgan",
            "DCGAN discriminator: strided convolutions (kernel 4, stride 2) with LeakyReLU -> flattened features (the gan objective scores them)",
            Modality.IMAGE).build();

    public DcganDiscriminator() {
        super(false);
    }

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }
}
