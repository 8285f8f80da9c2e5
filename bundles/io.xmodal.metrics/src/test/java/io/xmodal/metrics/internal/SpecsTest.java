package io.xmodal.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.xmodal.api.Modality;
import io.xmodal.api.Role;
import io.xmodal.api.train.Metric;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecsTest {
    private static final Map<Metric, Boolean> HIGHER_IS_BETTER = Map.of(
            new MseMetric(), false, new MaeMetric(), false, new RmseMetric(), false,
            new R2Metric(), true, new PearsonMetric(), true,
            new AccuracyMetric(), true, new MacroF1Metric(), true,
            new FrameSseMetric(), false, new PsnrMetric(), true, new SsimMetric(), true);

    @Test
    void specsAreConstantAndDescribed() {
        for (var e : HIGHER_IS_BETTER.entrySet()) {
            Metric m = e.getKey();
            assertSame(m.spec(), m.spec());
            assertEquals(Role.METRIC, m.spec().role());
            assertFalse(m.spec().doc().isBlank(), m.spec().name());
            assertFalse(m.spec().doc().contains("\n"), m.spec().name());
            assertEquals(e.getValue(), m.higherIsBetter(), m.spec().name());
        }
    }

    @Test
    void namesAndModalities() {
        EnumSet<Modality> continuous = EnumSet.of(Modality.SERIES, Modality.FEATURES, Modality.SEQUENCE,
                Modality.IMAGE, Modality.FRAMES, Modality.AUDIO, Modality.SPECTROGRAM);
        Map<String, EnumSet<Modality>> expected = Map.of(
                "mse", continuous, "mae", continuous, "rmse", continuous, "r2", continuous, "pearson", continuous,
                "accuracy", EnumSet.of(Modality.LABEL), "macro-f1", EnumSet.of(Modality.LABEL),
                "frame-sse", EnumSet.of(Modality.FRAMES, Modality.IMAGE), "psnr", EnumSet.of(Modality.FRAMES, Modality.IMAGE),
                "ssim", EnumSet.of(Modality.FRAMES, Modality.IMAGE));
        assertEquals(expected.size(), HIGHER_IS_BETTER.size());
        for (Metric m : HIGHER_IS_BETTER.keySet()) {
            assertEquals(expected.get(m.spec().name()), m.spec().accepts(), m.spec().name());
        }
    }
}
