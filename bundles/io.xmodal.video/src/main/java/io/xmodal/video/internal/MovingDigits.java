package io.xmodal.video.internal;

import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Splits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Moving MNIST recipe (Srivastava et al. 2015) as {@link Clips}, generated on demand: nothing is
 * stored, clip {@code c} is a function of the seed, the parameters and {@code c} alone.
 * <p>
 * The source images are shuffled with the seed and cut into disjoint pools in the proportions of the
 * splits; the clips are assigned to splits with {@link Splits#assign} and draw their digits from their own
 * split's pool only, so no test clip shows a digit image a training clip shows. Each clip draws, in this
 * order and per digit: the image (uniform in its pool), the start (x, y) uniform in [0, S - D]² (S the
 * frame side, D the digit side) and the direction θ uniform in [0, 2π). The digit moves by
 * {@code speed (cos θ, sin θ)} a frame and bounces off the edges (reflection: a coordinate that would leave
 * [0, S - D] is mirrored back and its velocity flips), so it always lies wholly inside the frame. A frame
 * places every digit at its rounded position and combines overlapping digits by the pixel-wise maximum.
 */
final class MovingDigits implements Clips {
    private static final long POOL_SALT = 0x6A09E667F3BCC909L;
    private static final long CLIP_SALT = 0xBB67AE8584CAA73BL;

    private final DigitSource source;
    private final long seed;
    private final int count;
    private final int size;
    private final int digits;
    private final int frames;
    private final double speed;
    private final String[] splitOfClip;
    private final Map<String, int[]> pools = new LinkedHashMap<>();
    private final String fingerprint;

    /**
     * @param fractions the splits and their shares (train first), summing to 1
     * @throws DataException when the parameters cannot make clips (the message says which and why)
     */
    MovingDigits(DigitSource source, long seed, int count, int size, int digits, int frames, double speed,
                 Map<String, Double> fractions) throws DataException {
        this.source = source;
        this.seed = seed;
        this.count = count;
        this.size = size;
        this.digits = digits;
        this.frames = frames;
        this.speed = speed;
        int room = size - source.size();
        if (room < 0) {
            throw new DataException(null, MovingDigitsReader.NAME + ": digits of " + source.size() + " pixels do not fit in frames of "
                    + size + "; make size larger or digit-size smaller");
        }
        if (speed > room) {
            throw new DataException(null, MovingDigitsReader.NAME + ": speed " + speed + " is more than the " + room
                    + " pixels a digit can travel (size - digit-size); lower speed");
        }
        // disjoint pools of source images, one per split, in the splits' proportions
        int n = source.count();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom shuffle = new SplittableRandom(Glyphs.mix64(seed ^ POOL_SALT));
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int from = 0;
        int k = 0;
        for (Map.Entry<String, Double> e : fractions.entrySet()) {
            int to = ++k == fractions.size() ? n : Math.min(n, from + (int) Math.round(e.getValue() * n));
            if (to - from < 1) {
                throw new DataException(null, MovingDigitsReader.NAME + ": the source holds " + n + " images, too few to give the '"
                        + e.getKey() + "' split (" + e.getValue() + ") images of its own; give a larger source");
            }
            int[] pool = new int[to - from];
            System.arraycopy(order, from, pool, 0, pool.length);
            pools.put(e.getKey(), pool);
            from = to;
        }
        splitOfClip = new String[count];
        for (Map.Entry<String, long[]> e : Splits.assign(count, null, seed, fractions).entrySet()) {
            for (long c : e.getValue()) {
                splitOfClip[(int) c] = e.getKey();
            }
        }
        fingerprint = "moving-digits v1|seed " + seed + "|count " + count + "|size " + size + "|digits " + digits
                + "|frames " + frames + "|speed " + speed + "|splits " + fractions + "|source " + source.size()
                + " " + source.fingerprint();
    }

    /** The splits, in the order of their fractions (train first). */
    java.util.Set<String> splits() {
        return pools.keySet();
    }

    /** Number of source images. */
    int sourceCount() {
        return source.count();
    }

    /** The images of one split's pool (for tests: pools are disjoint). */
    int[] pool(String split) {
        return pools.get(split).clone();
    }

    /** The source images clip {@code clip} shows, one per digit. */
    int[] imagesOf(int clip) {
        return plan(clip).images;
    }

    /**
     * The top-left corners of every digit in every frame, {@code [frame][digit][x, y]}, before rounding.
     */
    double[][][] trajectory(int clip) {
        return plan(clip).positions;
    }

    /** What a clip shows: its images and their positions, drawn in the documented order. */
    private record Plan(int[] images, double[][][] positions) {
    }

    private Plan plan(int clip) {
        if (clip < 0 || clip >= count) {
            throw new IndexOutOfBoundsException("clip " + clip + " of " + count);
        }
        SplittableRandom rng = new SplittableRandom(Glyphs.mix64(Glyphs.mix64(seed ^ CLIP_SALT) + clip * 0x9E3779B97F4A7C15L));
        int[] pool = pools.get(splitOfClip[clip]);
        double room = size - source.size();
        int[] images = new int[digits];
        double[][][] pos = new double[frames][digits][2];
        for (int d = 0; d < digits; d++) {
            images[d] = pool[rng.nextInt(pool.length)];
            double x = rng.nextDouble() * room;
            double y = rng.nextDouble() * room;
            double theta = rng.nextDouble() * 2 * Math.PI;
            double vx = speed * Math.cos(theta);
            double vy = speed * Math.sin(theta);
            for (int t = 0; t < frames; t++) {
                pos[t][d][0] = x;
                pos[t][d][1] = y;
                x += vx;
                if (x < 0 || x > room) {
                    x = x < 0 ? -x : 2 * room - x;
                    vx = -vx;
                }
                y += vy;
                if (y < 0 || y > room) {
                    y = y < 0 ? -y : 2 * room - y;
                    vy = -vy;
                }
            }
        }
        return new Plan(images, pos);
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int frames(int clip) {
        return frames;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int height() {
        return size;
    }

    @Override
    public int width() {
        return size;
    }

    @Override
    public void read(int clip, int first, int n, float[] out, int offset) {
        Plan plan = plan(clip);
        int d = source.size();
        float[][] img = new float[digits][];
        for (int k = 0; k < digits; k++) {
            img[k] = source.image(plan.images[k]);
        }
        int plane = size * size;
        for (int t = 0; t < n; t++) {
            int base = offset + t * plane;
            java.util.Arrays.fill(out, base, base + plane, 0f);
            for (int k = 0; k < digits; k++) {
                int left = (int) Math.round(plan.positions[first + t][k][0]);
                int top = (int) Math.round(plan.positions[first + t][k][1]);
                for (int r = 0; r < d; r++) {
                    int row = base + (top + r) * size + left;
                    for (int c = 0; c < d; c++) {
                        out[row + c] = Math.max(out[row + c], img[k][r * d + c]);
                    }
                }
            }
        }
    }

    @Override
    public String id(int clip) {
        return String.format("clip-%05d", clip);
    }

    @Override
    public String source(int clip) {
        StringBuilder s = new StringBuilder("moving-digits #").append(clip).append(" (");
        int[] images = plan(clip).images;
        for (int k = 0; k < images.length; k++) {
            s.append(k == 0 ? "" : ", ").append(source.name(images[k]));
        }
        return s.append(')').toString();
    }

    @Override
    public String split(int clip) {
        return splitOfClip[clip];
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }
}
