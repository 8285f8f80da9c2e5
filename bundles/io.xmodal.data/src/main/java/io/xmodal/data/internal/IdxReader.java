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
import io.xmodal.data.io.IdxFile;
import io.xmodal.data.io.Resampler;
import org.osgi.service.component.annotations.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Images, and optionally labels, in the IDX format of MNIST and its kin (Fashion-MNIST, KMNIST, EMNIST),
 * plain or gzipped (see {@link IdxFile} for the checks). Everything is loaded at open(). Modalities:
 * {@code image} IMAGE[1,H,W] with values byte / 255 in [0,1] (H x W native, or S x S with
 * {@code image-size: S}, area averaging down, bilinear up), and with {@code labels} also {@code label}
 * LABEL[classes], classes = largest label in the file + 1 (at least 2); the sample holds the class index.
 * Sample ids are {@code idx-00042}, sources the image file and index.
 */
@Component(service = Reader.class)
public final class IdxReader implements Reader {
    static final String NAME = "idx";

    private static final ComponentSpec SPEC = ComponentSpec.of(Role.READER, NAME)
            .doc("grey images and class labels in MNIST's IDX format, gzipped or not")
            .produces(Modality.IMAGE, Modality.LABEL)
            .param(Param.path("images", null)
                    .doc("IDX3 image file (magic 0x00000803), e.g. train-images-idx3-ubyte.gz"))
            .param(Param.path("labels", "")
                    .doc("IDX1 label file (magic 0x00000801) with one label per image; empty for images only"))
            .param(Param.integer("limit", 0).atLeast(0)
                    .doc("read only the first N samples; 0 reads all"))
            .param(Param.integer("image-size", 0).range(0, 1024)
                    .doc("side S images are resized to (area averaging down, bilinear up); 0 keeps the native size"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        Path imagesPath = params.getPath("images");
        if (imagesPath == null) {
            throw new DataException(null, NAME + ": set images: to an IDX image file such as train-images-idx3-ubyte.gz");
        }
        int limit = params.getInt("limit");
        int size = params.getInt("image-size");
        if (limit < 0 || size < 0) {
            throw new DataException(null, NAME + ": limit (" + limit + ") and image-size (" + size + ") must not be negative");
        }
        IdxFile images = IdxFile.read(imagesPath, IdxFile.IMAGES, "images");
        Path labelsPath = params.getPath("labels");
        IdxFile labels = labelsPath == null ? null : IdxFile.read(labelsPath, IdxFile.LABELS, "labels");
        if (labels != null && labels.count() != images.count()) {
            throw new DataException(labelsPath, "holds " + labels.count() + " labels but " + imagesPath.getFileName()
                    + " holds " + images.count() + " images; give the label file that belongs to the images");
        }
        int n = limit == 0 ? images.count() : Math.min(limit, images.count());
        int h = images.dims()[1];
        int w = images.dims()[2];
        int outH = size == 0 ? h : size;
        int outW = size == 0 ? w : size;

        List<byte[]> pixels = new ArrayList<>(n);
        List<String> ids = new ArrayList<>(n);
        List<String> sources = new ArrayList<>(n);
        String file = imagesPath.getFileName().toString();
        int plane = h * w;
        for (int i = 0; i < n; i++) {
            byte[] raw = Arrays.copyOfRange(images.data(), i * plane, (i + 1) * plane);
            pixels.add(size == 0 ? raw : resize(raw, h, w, outH, outW));
            ids.add(String.format("idx-%05d", i));
            sources.add(file + " #" + i);
        }
        Map<String, Signature> modalities = new LinkedHashMap<>();
        modalities.put("image", Signature.of(Modality.IMAGE, 1, outH, outW));
        List<float[]> classes = null;
        String summary = "";
        if (labels != null) {
            int max = 0;
            for (byte b : labels.data()) {
                max = Math.max(max, b & 0xff);
            }
            int count = Math.max(2, max + 1);
            modalities.put("label", Signature.of(Modality.LABEL, count));
            classes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                classes.add(new float[] {labels.data()[i] & 0xff});
            }
            summary = ", " + count + " classes";
        }
        ctx.progress().accept(NAME + ": " + n + " images of " + outH + "x" + outW + " from " + file + summary);
        return new MemoryDataset(modalities, "image", pixels, labels == null ? null : "label", classes, ids, sources);
    }

    private static byte[] resize(byte[] raw, int h, int w, int outH, int outW) {
        float[] plane = new float[raw.length];
        for (int p = 0; p < raw.length; p++) {
            plane[p] = (raw[p] & 0xff) / 255f;
        }
        float[] r = Resampler.resize(plane, h, w, outH, outW);
        byte[] out = new byte[r.length];
        for (int p = 0; p < r.length; p++) {
            out[p] = Resampler.quantize(r[p]);
        }
        return out;
    }
}
