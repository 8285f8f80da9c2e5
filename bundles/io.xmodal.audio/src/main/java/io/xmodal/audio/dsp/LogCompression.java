package io.xmodal.audio.dsp;

/** Logarithmic compression of spectrogram values. */
public final class LogCompression {

    private LogCompression() {
    }

    /** ln(max(x, floor) + offset), elementwise; floor and offset are non-negative and not both zero. */
    public static float[][] log(float[][] x, double floor, double offset) {
        checkLog(floor, offset);
        float[][] out = new float[x.length][];
        for (int t = 0; t < x.length; t++) {
            float[] row = x[t];
            float[] o = new float[row.length];
            for (int i = 0; i < row.length; i++) {
                o[i] = (float) Math.log(Math.max(row[i], floor) + offset);
            }
            out[t] = o;
        }
        return out;
    }

    static void checkLog(double floor, double offset) {
        if (!(floor >= 0) || !(offset >= 0) || !(floor + offset > 0) || Double.isInfinite(floor + offset)) {
            throw new IllegalArgumentException("log floor and offset must be finite, non-negative and not both 0 (else log 0 = -inf); got floor "
                    + floor + ", offset " + offset);
        }
    }

    /**
     * {@code torchaudio.transforms.AmplitudeToDB}: y = multiplier log10(max(x, amin)) - multiplier
     * log10(max(amin, refValue)); with {@code topDb}, y = max(y, max(y) - topDb) over the whole array.
     * Use multiplier 10 for power and 20 for magnitude.
     */
    public static float[][] amplitudeToDb(float[][] x, double multiplier, double amin, double refValue, Double topDb) {
        if (!(amin > 0)) {
            throw new IllegalArgumentException("amin must be positive, got " + amin);
        }
        if (topDb != null && !(topDb >= 0)) {
            throw new IllegalArgumentException("top-db must be non-negative, got " + topDb);
        }
        double ref = multiplier * Math.log10(Math.max(amin, refValue));
        float[][] out = new float[x.length][];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < x.length; t++) {
            float[] row = x[t];
            float[] o = new float[row.length];
            for (int i = 0; i < row.length; i++) {
                double v = multiplier * Math.log10(Math.max(row[i], amin)) - ref;
                o[i] = (float) v;
                max = Math.max(max, o[i]);
            }
            out[t] = o;
        }
        if (topDb != null) {
            float lowest = (float) (max - topDb);
            for (float[] o : out) {
                for (int i = 0; i < o.length; i++) {
                    o[i] = Math.max(o[i], lowest);
                }
            }
        }
        return out;
    }
}
