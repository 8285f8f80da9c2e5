package io.xmodal.data.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Reader;
import io.xmodal.data.io.ImageLoader;
import org.osgi.service.component.annotations.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real image/series pairs: a folder of images and a CSV of series ({@code images} + {@code series}), or
 * one CSV that names each image relative to its own folder ({@code manifest}). Each CSV row is an image
 * path, then the series values (see {@link SeriesCsv}); every row has the same number of values, the
 * series length L. Every image is decoded at open() and resized to {@code image-size} (area averaging
 * down, bilinear up, aspect ratio not kept; see {@link ImageLoader}), so a bad file fails before
 * training. Modalities: {@code image} IMAGE[C,S,S] in [0,1] and {@code series} SERIES[L] with the CSV's
 * values unchanged. Sample ids are the CSV's image paths; sources the resolved files.
 */
@Component(service = Reader.class)
public final class ImageSeriesReader implements Reader {
    static final String NAME = "image-series";
    private static final int PROGRESS_EVERY = 1000;

    private static final ComponentSpec SPEC = ComponentSpec.of(Role.READER, NAME)
            .doc("images paired with 1-D series from a CSV (one row per image: file name, then the values)")
            .produces(Modality.IMAGE, Modality.SERIES)
            .param(Param.path("images", "")
                    .doc("folder of the images (PNG, JPEG, BMP, GIF); required with series, unless manifest is given"))
            .param(Param.path("series", "")
                    .doc("CSV: image file name relative to images, then the series values; a header row is optional"))
            .param(Param.path("manifest", "")
                    .doc("alternative to images + series: CSV of image paths relative to the CSV's folder, then the values"))
            .param(Param.integer("image-size", 32).range(4, 1024)
                    .doc("side S every image is resized to (area averaging down, bilinear up)"))
            .param(Param.integer("channels", 1).range(1, 3)
                    .doc("1 = grey (luma), 3 = colour (RGB); 2 is not allowed"))
            .param(Param.bool("skip-bad", false)
                    .doc("skip unreadable or missing images and report how many; otherwise the first one fails"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        int size = params.getInt("image-size");
        int channels = params.getInt("channels");
        boolean skipBad = params.getBool("skip-bad");
        if (channels != 1 && channels != 3) {
            throw new DataException(null, NAME + ": channels: " + channels + " is not allowed; use 1 (grey) or 3 (colour)");
        }
        if (size < 1) {
            throw new DataException(null, NAME + ": image-size: " + size + " must be positive");
        }
        Path manifest = params.getPath("manifest");
        Path images = params.getPath("images");
        Path series = params.getPath("series");
        Path csv;
        Path base;
        if (manifest != null) {
            if (images != null || series != null) {
                throw new DataException(manifest, "give either manifest: or images: with series:, not both");
            }
            csv = manifest;
            base = manifest.toAbsolutePath().getParent();
        } else {
            if (images == null || series == null) {
                throw new DataException(null, NAME + ": set images: (a folder of images) and series: (a CSV of "
                        + "file name, values), or manifest: (a CSV of image path, values)");
            }
            if (!Files.isDirectory(images)) {
                throw new DataException(images, Files.exists(images) ? "is not a folder; set images: to the folder of the images"
                        : "folder not found; set images: to the folder that holds the images");
            }
            csv = series;
            base = images;
        }
        List<SeriesCsv.Row> rows = SeriesCsv.read(csv);
        int length = rows.get(0).values().length;

        List<byte[]> pixels = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        int missing = 0;
        int unreadable = 0;
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0 && r % PROGRESS_EVERY == 0) {
                ctx.progress().accept(NAME + ": decoded " + r + " of " + rows.size() + " images");
            }
            SeriesCsv.Row row = rows.get(r);
            Path file = base.resolve(row.name()).normalize();
            if (!Files.isRegularFile(file)) {
                if (!skipBad) {
                    throw new CsvException(csv, row.line(), "image '" + row.name() + "' not found in " + base
                            + "/; fix the name or set skip-bad: true" + headerHint(row, r));
                }
                missing++;
                continue;
            }
            try {
                pixels.add(ImageLoader.load(file, channels, size));
            } catch (DataException e) {
                if (!skipBad) {
                    throw e;
                }
                unreadable++;
                continue;
            }
            values.add(row.values());
            ids.add(row.name());
            sources.add(file.toString());
        }
        if (missing + unreadable > 0) {
            ctx.progress().accept(NAME + ": skipped " + (missing + unreadable) + " of " + rows.size() + " images ("
                    + unreadable + " unreadable, " + missing + " missing) because skip-bad is true");
        }
        if (pixels.isEmpty()) {
            throw new DataException(csv, "none of its " + rows.size() + " images could be read; check the image paths");
        }
        ctx.progress().accept(NAME + ": " + pixels.size() + " images of " + channels + "x" + size + "x" + size
                + " with series of " + length + " values from " + csv.getFileName());
        Map<String, Signature> modalities = new LinkedHashMap<>();
        modalities.put("image", Signature.of(Modality.IMAGE, channels, size, size));
        modalities.put("series", Signature.of(Modality.SERIES, length));
        return new MemoryDataset(modalities, "image", pixels, "series", values, ids, sources);
    }

    /** A hint when the first row of the CSV looks like a header whose value columns are numbers. */
    private static String headerHint(SeriesCsv.Row row, int index) {
        return index == 0 && !row.name().contains(".")
                ? " (if this line is a header, give its value columns names that are not numbers)" : "";
    }
}
