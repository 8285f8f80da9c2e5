package io.xmodal.engine.internal.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** The k highest scores of an array with a bounded min-heap: O(n log k) instead of a full sort. */
final class TopK {
    private TopK() {
    }

    static List<EmbeddingIndex.Hit> of(float[] scores, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be 1 or more, not " + k);
        }
        int keep = Math.min(k, scores.length);
        // the heap's head is the worst kept hit: lowest score, then highest row
        PriorityQueue<EmbeddingIndex.Hit> heap = new PriorityQueue<>(keep + 1,
                (a, b) -> a.score() != b.score() ? Float.compare(a.score(), b.score()) : Integer.compare(b.row(), a.row()));
        for (int i = 0; i < scores.length; i++) {
            float s = scores[i];
            if (heap.size() < keep) {
                heap.add(new EmbeddingIndex.Hit(i, s));
            } else if (s > heap.peek().score()) {
                heap.poll();
                heap.add(new EmbeddingIndex.Hit(i, s));
            }
        }
        List<EmbeddingIndex.Hit> out = new ArrayList<>(heap);
        out.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Integer.compare(a.row(), b.row()));
        return out;
    }
}
