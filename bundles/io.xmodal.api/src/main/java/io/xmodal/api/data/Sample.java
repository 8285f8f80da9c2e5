package io.xmodal.api.data;

import java.util.Map;

/**
 * One example: values per modality name, each a flat row-major array matching the dataset's
 * signature for that name (a LABEL holds one value, the class index).
 *
 * @param id     a stable identifier (file name, index), used in samples and retrieval indexes
 * @param values values per modality name
 * @param source where it came from (a path, or a description for synthetic data)
 */
public record Sample(String id, Map<String, float[]> values, String source) {
    public Sample {
        values = Map.copyOf(values);
    }

    public float[] get(String modality) {
        float[] v = values.get(modality);
        if (v == null) {
            throw new IllegalArgumentException("sample " + id + " has no '" + modality + "' (has " + values.keySet() + ")");
        }
        return v;
    }
}
