package io.xmodal.retrieval.internal;

import io.xmodal.api.train.RetrievalMetric;
import org.osgi.service.component.annotations.Component;

/** recall@5: fraction of queries with a relevant item among the first 5 results. */
@Component(service = RetrievalMetric.class)
public final class RecallAt5Metric extends RecallAtK {
    public RecallAt5Metric() {
        super(5);
    }
}
