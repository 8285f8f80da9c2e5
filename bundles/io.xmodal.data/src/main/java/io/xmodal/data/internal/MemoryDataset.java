package io.xmodal.data.internal;

import io.xmodal.api.Signature;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset held in memory: one image per sample, kept as unsigned bytes (a quarter of the floats'
 * memory; values are byte / 255), plus one float vector per sample (a series, or a class index).
 */
final class MemoryDataset implements Dataset {
    private final Map<String, Signature> modalities;
    private final String imageKey;
    private final String valueKey;
    private final List<byte[]> images;
    private final List<float[]> values;
    private final List<String> ids;
    private final List<String> sources;

    /**
     * @param imageKey the modality name of the images (the first of {@code modalities})
     * @param valueKey the modality name of the vectors, or null when there are none
     */
    MemoryDataset(Map<String, Signature> modalities, String imageKey, List<byte[]> images,
                  String valueKey, List<float[]> values, List<String> ids, List<String> sources) {
        if (images.size() != ids.size() || images.size() != sources.size()
                || (valueKey != null && values.size() != images.size())) {
            throw new IllegalArgumentException("images, values, ids and sources differ in length");
        }
        this.modalities = Collections.unmodifiableMap(new LinkedHashMap<>(modalities));
        this.imageKey = imageKey;
        this.valueKey = valueKey;
        this.images = List.copyOf(images);
        this.values = valueKey == null ? List.of() : List.copyOf(values);
        this.ids = List.copyOf(ids);
        this.sources = List.copyOf(sources);
    }

    @Override
    public Map<String, Signature> modalities() {
        return modalities;
    }

    @Override
    public long size() {
        return images.size();
    }

    @Override
    public Sample get(long index) {
        if (index < 0 || index >= images.size()) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + images.size());
        }
        int i = (int) index;
        byte[] px = images.get(i);
        float[] image = new float[px.length];
        for (int p = 0; p < px.length; p++) {
            image[p] = (px[p] & 0xff) / 255f;
        }
        Map<String, float[]> v = new LinkedHashMap<>();
        v.put(imageKey, image);
        if (valueKey != null) {
            v.put(valueKey, values.get(i).clone());
        }
        return new Sample(ids.get(i), v, sources.get(i));
    }
}
