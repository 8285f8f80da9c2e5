package io.xmodal.data.internal;

import java.util.random.RandomGenerator;

/**
 * The six hidden attributes of one synthetic face, each in [0, 1]. They decide both the drawing
 * ({@link FaceRenderer}) and the voice ({@link VoiceSynth}); nothing else reaches the voice.
 *
 * @param faceWidth      0 = narrowest face, 1 = widest
 * @param faceHeight     0 = shortest face, 1 = longest
 * @param eyeSize        0 = smallest eyes, 1 = largest
 * @param eyeSpacing     0 = eyes closest together, 1 = furthest apart
 * @param mouthOpenness  0 = closed mouth (a thin line), 1 = wide open
 * @param skinBrightness 0 = darkest skin, 1 = brightest
 */
record FaceAttributes(double faceWidth, double faceHeight, double eyeSize, double eyeSpacing,
                      double mouthOpenness, double skinBrightness) {

    /** Number of attributes, the width of the optional {@code attributes} modality. */
    static final int COUNT = 6;

    /** Six uniform draws in the order of the record components. */
    static FaceAttributes draw(RandomGenerator rng) {
        return new FaceAttributes(rng.nextDouble(), rng.nextDouble(), rng.nextDouble(),
                rng.nextDouble(), rng.nextDouble(), rng.nextDouble());
    }

    /** The attributes in the order of the record components. */
    float[] toArray() {
        return new float[] {(float) faceWidth, (float) faceHeight, (float) eyeSize, (float) eyeSpacing,
                (float) mouthOpenness, (float) skinBrightness};
    }

    /** The attributes from an array in the order of the record components. */
    static FaceAttributes of(double[] a) {
        return new FaceAttributes(a[0], a[1], a[2], a[3], a[4], a[5]);
    }
}
