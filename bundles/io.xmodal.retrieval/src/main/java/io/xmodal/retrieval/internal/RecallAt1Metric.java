package io.xmodal.retrieval.internal;

import io.xmodal.api.train.RetrievalMetric;
import org.osgi.service.component.annotations.Component;

/** recall@1: fraction of queries with a relevant item among the first 1 results. */
@Component(service = RetrievalMetric.class)
public final class RecallAt1Metric extends RecallAtK {
    public RecallAt1Metric() {
        super(1);
    }
}
