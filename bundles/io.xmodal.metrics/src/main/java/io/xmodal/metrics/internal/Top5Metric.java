package io.xmodal.metrics.internal;

import io.xmodal.api.train.Metric;
import org.osgi.service.component.annotations.Component;

/** Top-5 accuracy (see {@link TopK}). Higher is better. */
@Component(service = Metric.class)
public final class Top5Metric extends TopK {
    public Top5Metric() {
        super(5);
    }
}
