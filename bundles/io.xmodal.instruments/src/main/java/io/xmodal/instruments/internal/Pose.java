package io.xmodal.instruments.internal;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How one picture is posed: where the player stands and how big, how the whole figure is tilted, whether it
 * is mirrored, the playing arm's position, and colours. Every field is written to {@code pictures.csv}, so an
 * experiment can condition on (or predict) the pose as well as the instrument.
 *
 * @param x          horizontal offset of the figure's centre, fraction of the picture width (- left)
 * @param y          vertical offset, fraction of the height (- up)
 * @param scale      size of the figure, 1 = the figure's 100 units fill the picture
 * @param angle      rotation of the whole figure, degrees (clockwise on screen)
 * @param mirror     whether the figure is flipped left to right
 * @param arm        0..1, the playing arm: the bow's stroke (0 at the frog, 1 at the tip) for bowed
 *                   instruments, the slide's extension for the trombone, the angle the instrument is held
 *                   at for the others
 * @param shirtHue   0..1, hue of the player's shirt
 * @param skin       0..1, light to dark skin
 * @param backHue    0..1, hue of the background
 * @param backLight  0..1, brightness of the background
 * @param shade      0.85..1.15, brightness of the instrument's colour
 */
record Pose(double x, double y, double scale, double angle, boolean mirror, double arm, double shirtHue, double skin,
            double backHue, double backLight, double shade) {

    static final String CSV_HEADER = "x,y,scale,angle,mirror,arm,shirt_hue,skin,background_hue,background_light,shade";

    /**
     * A random pose; {@code variation} 0 gives the centred, upright, unmirrored pose with mid-range values,
     * 1 the full ranges (offsets up to 0.07 and 0.04, scale 0.9 to 1.1, angle up to 10 degrees).
     */
    static Pose random(SplittableRandom r, double variation) {
        double x = (r.nextDouble() * 2 - 1) * 0.07 * variation;
        double y = (r.nextDouble() * 2 - 1) * 0.04 * variation;
        double scale = 1.0 + (r.nextDouble() * 2 - 1) * 0.1 * variation;
        double angle = (r.nextDouble() * 2 - 1) * 10 * variation;
        boolean mirror = variation > 0 && r.nextBoolean();
        double arm = 0.5 + (r.nextDouble() - 0.5) * variation;
        double shirt = r.nextDouble();
        double skin = r.nextDouble();
        double backHue = r.nextDouble();
        double backLight = 0.5 + (r.nextDouble() - 0.5) * variation;
        double shade = 1 + (r.nextDouble() * 2 - 1) * 0.15 * variation;
        return new Pose(x, y, scale, angle, mirror, arm, variation > 0 ? shirt : 0.6, variation > 0 ? skin : 0.3,
                variation > 0 ? backHue : 0.55, backLight, shade);
    }

    String csv() {
        return String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.3f,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f", x, y, scale, angle, mirror ? 1 : 0, arm,
                shirtHue, skin, backHue, backLight, shade);
    }
}
