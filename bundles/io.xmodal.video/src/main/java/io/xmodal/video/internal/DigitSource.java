package io.xmodal.video.internal;

import io.xmodal.api.data.DataException;
import io.xmodal.data.io.IdxFile;
import io.xmodal.data.io.Resampler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pool of digit images {@code moving-digits} draws from: the images of an IDX file (MNIST,
 * Fashion-MNIST, ...) resized to the digit size, or {@link Glyphs} when no file is given.
 */
abstract class DigitSource {
    /** Size of the procedural pool: as many glyphs as MNIST has training images. */
    static final int PROCEDURAL_COUNT = 60_000;

    /** Number of images. */
    abstract int count();

    /** Image {@code k} as {@code size x size} values in [0, 1] (a fresh array). */
    abstract float[] image(int k);

    /** Side of the images. */
    abstract int size();

    /** How image {@code k} is named in sample sources. */
    abstract String name(int k);

    /** What the images depend on, for the dataset fingerprint. */
    abstract String fingerprint();

    /** The images of {@code file} (an IDX3 image file, gzipped or not), resized to {@code size x size}. */
    static DigitSource idx(Path file, int size) throws DataException {
        IdxFile idx = IdxFile.read(file, IdxFile.IMAGES, "source");
        int h = idx.dims()[1];
        int w = idx.dims()[2];
        String fingerprint;
        try {
            fingerprint = file.toAbsolutePath() + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new DataException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        String label = file.getFileName().toString();
        return new DigitSource() {
            @Override
            int count() {
                return idx.count();
            }

            @Override
            float[] image(int k) {
                float[] plane = new float[h * w];
                int at = k * h * w;
                for (int p = 0; p < plane.length; p++) {
                    plane[p] = (idx.data()[at + p] & 0xff) / 255f;
                }
                return h == size && w == size ? plane : Resampler.resize(plane, h, w, size, size);
            }

            @Override
            int size() {
                return size;
            }

            @Override
            String name(int k) {
                return label + " #" + k;
            }

            @Override
            String fingerprint() {
                return fingerprint;
            }
        };
    }

    /** {@link #PROCEDURAL_COUNT} glyphs of {@code size x size}. */
    static DigitSource procedural(int size) {
        return new DigitSource() {
            @Override
            int count() {
                return PROCEDURAL_COUNT;
            }

            @Override
            float[] image(int k) {
                return Glyphs.draw(k, size);
            }

            @Override
            int size() {
                return size;
            }

            @Override
            String name(int k) {
                return "glyph #" + k;
            }

            @Override
            String fingerprint() {
                return "glyphs v1";
            }
        };
    }
}
