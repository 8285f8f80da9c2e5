package io.xmodal.vision.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.NestedComponent;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.Block;
import io.xmodal.api.model.IncompatibleInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shapes and numerical gradients of inception, time-distributed, conv3d, frames-as-channels, convlstm and deconv. */
class VisionBlocksTest {
    private static final InceptionEncoder INCEPTION = new InceptionEncoder();
    private static final TimeDistributedEncoder TIME_DISTRIBUTED = new TimeDistributedEncoder();
    private static final Conv3dEncoder CONV3D = new Conv3dEncoder();
    private static final FramesAsChannelsEncoder FRAMES_AS_CHANNELS = new FramesAsChannelsEncoder();
    private static final ConvLstmEncoder CONVLSTM = new ConvLstmEncoder();
    private static final DeconvDecoder DECONV = new DeconvDecoder();
    private static final VggEncoder VGG = new VggEncoder();

    static Params p(Block b, Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Params.defaults(b.spec(), m);
    }

    static Signature frames(long t, long c, long h, long w) {
        return Signature.of(Modality.FRAMES, t, c, h, w);
    }

    static Signature image(long c, long h, long w) {
        return Signature.of(Modality.IMAGE, c, h, w);
    }

    static NestedComponent nested(Block b, Object... kv) {
        return new NestedComponent(b, p(b, kv));
    }

    /** Small configurations: block, input, parameters, expected output. */
    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("inception 2 modules features", INCEPTION, image(2, 4, 4),
                        p(INCEPTION, "widths", List.of(1, 1, 2, 1, 1, 1), "stem", false), Signature.of(Modality.FEATURES, 5)),
                Arguments.of("inception stem", INCEPTION, image(1, 4, 4),
                        p(INCEPTION, "modules", 1, "widths", List.of(1, 1, 1, 1, 1, 1), "stem-width", 2), Signature.of(Modality.FEATURES, 4)),
                Arguments.of("inception 5x5 image", INCEPTION, image(1, 6, 6),
                        p(INCEPTION, "modules", 1, "widths", List.of(1, 2, 2, 1, 2, 1), "factorised", false, "stem", false,
                                "output", "image"), image(6, 6, 6)),
                Arguments.of("time-distributed vgg", TIME_DISTRIBUTED, frames(3, 1, 4, 4),
                        p(TIME_DISTRIBUTED, "encoder", nested(VGG, "blocks", 1, "width", 2, "convs-per-block", 1)),
                        Signature.of(Modality.SEQUENCE, 3, 8)),
                Arguments.of("time-distributed inception", TIME_DISTRIBUTED, frames(2, 1, 4, 4),
                        p(TIME_DISTRIBUTED, "encoder", nested(INCEPTION, "modules", 1, "widths", List.of(1, 1, 2, 1, 1, 1),
                                "stem", false, "output", "image")), frames(2, 5, 4, 4)),
                Arguments.of("conv3d features", CONV3D, frames(4, 1, 4, 4),
                        p(CONV3D, "blocks", 2, "width", 2), Signature.of(Modality.FEATURES, 4)),
                Arguments.of("conv3d frames time-pool", CONV3D, frames(4, 2, 4, 4),
                        p(CONV3D, "blocks", 1, "width", 3, "time-pool", true, "output", "frames"), frames(2, 3, 2, 2)),
                Arguments.of("conv3d time-kernel 5, odd frames time-pool", CONV3D, frames(3, 2, 4, 4),
                        p(CONV3D, "blocks", 1, "width", 2, "time-kernel", 5, "time-pool", true, "output", "frames"), frames(1, 2, 2, 2)),
                Arguments.of("frames-as-channels skip", FRAMES_AS_CHANNELS, frames(3, 1, 4, 4),
                        p(FRAMES_AS_CHANNELS, "frames", 2, "width", 2, "depth", 1), frames(2, 1, 4, 4)),
                Arguments.of("frames-as-channels plain", FRAMES_AS_CHANNELS, frames(2, 2, 4, 4),
                        p(FRAMES_AS_CHANNELS, "frames", 1, "width", 2, "depth", 2, "skip", false), frames(1, 2, 4, 4)),
                Arguments.of("convlstm last", CONVLSTM, frames(3, 1, 4, 4),
                        p(CONVLSTM, "hidden", 2), image(2, 4, 4)),
                Arguments.of("convlstm 2 layers sequence", CONVLSTM, frames(3, 2, 3, 3),
                        p(CONVLSTM, "hidden", 2, "layers", 2, "output", "sequence"), frames(3, 2, 3, 3)),
                Arguments.of("convlstm peepholes last", CONVLSTM, frames(3, 1, 4, 3),
                        p(CONVLSTM, "hidden", 2, "peepholes", true), image(2, 4, 3)),
                Arguments.of("convlstm peepholes 2 layers sequence", CONVLSTM, frames(3, 2, 3, 3),
                        p(CONVLSTM, "hidden", 2, "layers", 2, "output", "sequence", "peepholes", true), frames(3, 2, 3, 3)),
                Arguments.of("deconv features transpose frames", DECONV, Signature.of(Modality.FEATURES, 3),
                        p(DECONV, "height", 4, "width", 4, "stages", 1, "filters", 4, "frames", 2), frames(2, 1, 4, 4)),
                Arguments.of("deconv image upsample sigmoid", DECONV, image(2, 2, 2),
                        p(DECONV, "height", 4, "width", 4, "stages", 1, "filters", 4, "mode", "upsample",
                                "activation", "sigmoid", "channels", 2), image(2, 4, 4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void inferEqualsBuildAndPromisedShape(String name, Block block, Signature in, Params params, Signature expected) throws Exception {
        assertEquals(expected, block.infer(in, params));
        BlockChecks.inferEqualsBuild(block, in, params);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void gradientsMatchNumericalGradients(String name, Block block, Signature in, Params params, Signature expected) {
        assertTrue(BlockChecks.gradientsMatch(block, in, params, 2, 6), name);
    }

    @Test
    void defaultsFitMovingDigitShapes() throws Exception {
        Signature clip = frames(10, 1, 64, 64);
        assertEquals(Signature.of(Modality.FEATURES, 40), INCEPTION.infer(image(1, 64, 64), p(INCEPTION)));
        assertEquals(frames(1, 1, 64, 64), FRAMES_AS_CHANNELS.infer(clip, p(FRAMES_AS_CHANNELS)));
        assertEquals(image(16, 64, 64), CONVLSTM.infer(clip, p(CONVLSTM)));
        assertEquals(Signature.of(Modality.FEATURES, 32), CONV3D.infer(clip, p(CONV3D)));
        assertEquals(image(1, 64, 64), DECONV.infer(Signature.of(Modality.FEATURES, 32), p(DECONV)));
        assertEquals(frames(10, 1, 64, 64), DECONV.infer(image(16, 8, 8), p(DECONV, "frames", 10)));
    }

    @Test
    void badInputsAreRefusedWithWhatToChange() {
        assertTrue(message(() -> DECONV.infer(image(4, 5, 5), p(DECONV))).contains("takes an image of 8x8"));
        assertTrue(message(() -> DECONV.infer(Signature.of(Modality.FEATURES, 8), p(DECONV, "height", 30)))
                .contains("divisible by 8"));
        assertTrue(message(() -> CONVLSTM.infer(image(1, 8, 8), p(CONVLSTM))).contains("takes frames"));
        assertTrue(message(() -> CONVLSTM.infer(frames(2, 1, 8, 8), p(CONVLSTM, "kernel", 4))).contains("odd kernel"));
        assertTrue(message(() -> FRAMES_AS_CHANNELS.infer(frames(2, 1, 6, 6), p(FRAMES_AS_CHANNELS))).contains("lower depth"));
        assertTrue(message(() -> CONV3D.infer(frames(2, 1, 4, 4), p(CONV3D, "blocks", 3))).contains("use fewer blocks"));
        assertTrue(message(() -> INCEPTION.infer(image(1, 8, 8), p(INCEPTION, "widths", List.of(1, 2)))).contains("6 numbers"));
        assertTrue(message(() -> INCEPTION.infer(image(1, 2, 2), p(INCEPTION, "modules", 3))).contains("fewer modules"));
        // the nested encoder's own refusal is passed on, naming it
        String nested = message(() -> TIME_DISTRIBUTED.infer(frames(2, 1, 4, 4),
                p(TIME_DISTRIBUTED, "encoder", nested(VGG, "blocks", 4))));
        assertTrue(nested.startsWith("encoder 'vgg' in time-distributed: vgg with 4 blocks"), nested);
        // a nested component that is not resolved (a plain name) is a clear programming error
        assertThrows(IllegalArgumentException.class, () -> TIME_DISTRIBUTED.infer(frames(2, 1, 4, 4), p(TIME_DISTRIBUTED)));
        String decoder = message(() -> TIME_DISTRIBUTED.infer(frames(2, 1, 4, 4), p(TIME_DISTRIBUTED, "encoder", nested(CONVLSTM))));
        assertTrue(decoder.contains("encoder 'convlstm' in time-distributed does not take a frame image[1x4x4]"), decoder);
    }

    private static String message(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IncompatibleInputException.class, e).getMessage();
    }
}
