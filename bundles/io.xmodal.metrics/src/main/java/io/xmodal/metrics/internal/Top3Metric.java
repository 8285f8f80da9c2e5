package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/** Top-3 accuracy (see {@link TopK}). Higher is better. */
@Component(service = Metric.class)
public final class Top3Metric implements Metric {
    static final String NAME = "top-3";
    private static final ComponentSpec SPEC = Specs.classification(NAME,
            "fraction of samples whose true class is among the 3 highest-scoring classes (higher is better)");

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double compute(INDArray predicted, INDArray target) {
        return TopK.compute(NAME, 3, predicted, target);
    }
}
