package io.xmodal.instruments.internal;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Writes a contact sheet of drawn instruments (one row per instrument, {@code columns} random poses each),
 * the picture in docs/images/instruments.png: {@code java ... ContactSheet OUT.png SIZE COLUMNS SEED}.
 */
public final class ContactSheet {
    private ContactSheet() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int columns = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        Instrument[] all = Instrument.values();
        BufferedImage sheet = new BufferedImage(columns * (size + 2), all.length * (size + 2), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        for (int r = 0; r < all.length; r++) {
            for (int c = 0; c < columns; c++) {
                Pose p = Pose.random(InstrumentsRecipe.pictureRandom(seed, r * 1000 + c, 0), 1.0);
                g.drawImage(InstrumentPainter.draw(all[r], p, size), c * (size + 2) + 1, r * (size + 2) + 1, null);
            }
        }
        g.dispose();
        ImageIO.write(sheet, "png", out.toFile());
    }
}
