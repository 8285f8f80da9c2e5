package io.xmodal.data.internal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every attribute that drives the voice is visible in the face, in the expected direction. */
class FaceRendererTest {
    private static final int S = 32;

    private static float[] draw(double[] a) {
        return FaceRenderer.render(FaceAttributes.of(a), S, 0, 0, 0.15, 0, new SplittableRandom(0));
    }

    private static double sum(float[] img) {
        double s = 0;
        for (float v : img) {
            s += v;
        }
        return s;
    }

    /** Pixels brighter than the background: the face area. */
    private static double faceArea(float[] img) {
        double s = 0;
        for (float v : img) {
            s += Math.max(0, v - 0.15) / (0.45 + 0.5 * 0.5 - 0.15);
        }
        return s;
    }

    private static double[] with(int attribute, double value) {
        double[] a = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        a[attribute] = value;
        return a;
    }

    @Test
    void attributesShowInTheImage() {
        assertTrue(faceArea(draw(with(0, 1))) > faceArea(draw(with(0, 0))) + 20, "wider face, more face pixels");
        assertTrue(faceArea(draw(with(1, 1))) > faceArea(draw(with(1, 0))) + 20, "longer face, more face pixels");
        assertTrue(sum(draw(with(2, 1))) < sum(draw(with(2, 0))) - 3, "larger eyes, darker image");
        assertTrue(sum(draw(with(4, 1))) < sum(draw(with(4, 0))) - 3, "open mouth, darker image");
        assertTrue(sum(draw(with(5, 1))) > sum(draw(with(5, 0))) + 50, "brighter skin, brighter image");
        float[] near = draw(with(3, 0));
        float[] far = draw(with(3, 1));
        double moved = 0;
        for (int p = 0; p < near.length; p++) {
            moved += Math.abs(near[p] - far[p]);
        }
        assertTrue(moved > 5, "eye spacing moves the eyes");
    }

    @Test
    void coverageIsAntiAliasedAndExact() {
        double[] img = new double[16 * 16];
        // a circle of radius 5 covers about 25 pi pixels; edges take intermediate values
        FaceRenderer.fillEllipse(img, 16, 8.3, 7.6, 5, 5, 1);
        double area = 0;
        int partial = 0;
        for (double v : img) {
            area += v;
            partial += v > 0 && v < 1 ? 1 : 0;
        }
        assertTrue(Math.abs(area - 25 * Math.PI) < 1.5, "area " + area);
        assertTrue(partial >= 16, "anti-aliased edge pixels: " + partial);
    }
}
