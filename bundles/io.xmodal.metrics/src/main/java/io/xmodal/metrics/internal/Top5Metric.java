package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/** Top-5 accuracy (see {@link TopK}). Higher is better. */
@Component(service = Metric.class)
public final class Top5Metric implements Metric {
    static final String NAME = "top-5";
    private static final ComponentSpec SPEC = Specs.classification(NAME,
            "fraction of samples whose true class is among the 5 highest-scoring classes (higher is better)");

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
        return TopK.compute(NAME, 5, predicted, target);
    }
}
