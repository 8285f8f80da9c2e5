package io.xmodal.generative.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.model.Decoder;
import org.osgi.service.component.annotations.Component;

/** DCGAN's generator to an image [channels, height, width] (see {@link ConvGenerator}). */
@Component(service = Decoder.class)
public final class DcganDecoder extends ConvGenerator {
    static final ComponentSpec SPEC = common(spec("dcgan",
            "DCGAN generator: features[D] -> dense -> transposed convolutions (kernel 4, stride 2) with batch norm and ReLU -> image[channels,height,width]",
            Modality.IMAGE)
            .param(Param.integer("height", 32).range(1, 4096).doc("output height"))
            .param(Param.integer("width", 32).range(1, 4096).doc("output width")), "sigmoid")
            .build();

    public DcganDecoder() {
        super(Modality.IMAGE, "height", "width");
    }

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }
}
