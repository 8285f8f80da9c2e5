package io.xmodal.retrieval.internal;

import io.xmodal.api.train.RetrievalMetric;
import org.osgi.service.component.annotations.Component;

/** recall@10: fraction of queries with a relevant item among the first 10 results. */
@Component(service = RetrievalMetric.class)
public final class RecallAt10Metric extends RecallAtK {
    public RecallAt10Metric() {
        super(10);
    }
}
