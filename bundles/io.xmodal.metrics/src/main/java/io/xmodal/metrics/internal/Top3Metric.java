package io.xmodal.metrics.internal;

import io.xmodal.api.train.Metric;
import org.osgi.service.component.annotations.Component;

/** Top-3 accuracy (see {@link TopK}). Higher is better. */
@Component(service = Metric.class)
public final class Top3Metric extends TopK {
    public Top3Metric() {
        super(3);
    }
}
