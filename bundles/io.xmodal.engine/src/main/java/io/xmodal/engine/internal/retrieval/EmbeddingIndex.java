package io.xmodal.engine.internal.retrieval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The embeddings of one modality's items with their ids, sources and labels, searched exactly: one
 * float matrix-vector product (ND4J's BLAS gemv) over all items and a bounded selection of the k best.
 * On disk a little-endian file: magic {@code XMIDX1}, count, dim, the vectors row by row as float32,
 * then per item its id, source and label as UTF strings (label empty when the data has none).
 */
public final class EmbeddingIndex {
    private static final String MAGIC = "XMIDX1";

    /** One search result: the item's row and its cosine similarity. */
    public record Hit(int row, float score) {
    }

    private final String modality;
    private final INDArray vectors;
    private final List<String> ids;
    private final List<String> sources;
    private final List<String> labels;

    public EmbeddingIndex(String modality, INDArray vectors, List<String> ids, List<String> sources, List<String> labels) {
        if (vectors.rank() != 2 || vectors.rows() != ids.size() || ids.size() != sources.size() || ids.size() != labels.size()) {
            throw new IllegalArgumentException("index of " + vectors.rows() + " vectors needs as many ids, sources and labels, not "
                    + ids.size() + ", " + sources.size() + ", " + labels.size());
        }
        this.modality = modality;
        this.vectors = vectors.castTo(DataType.FLOAT).dup('c');
        this.ids = List.copyOf(ids);
        this.sources = List.copyOf(sources);
        this.labels = List.copyOf(labels);
    }

    public String modality() {
        return modality;
    }

    public int size() {
        return (int) vectors.rows();
    }

    public int dim() {
        return (int) vectors.columns();
    }

    public INDArray vectors() {
        return vectors;
    }

    public String id(int row) {
        return ids.get(row);
    }

    public String source(int row) {
        return sources.get(row);
    }

    /** The item's label, or null when the data has none. */
    public String label(int row) {
        String l = labels.get(row);
        return l.isEmpty() ? null : l;
    }

    /** The k items most similar to {@code query} [dim], best first (ties: lower row first). */
    public List<Hit> search(INDArray query, int k) {
        if (query.length() != dim()) {
            throw new IllegalArgumentException("query has " + query.length() + " values but the index holds " + dim() + "-dimensional vectors");
        }
        INDArray q = query.castTo(DataType.FLOAT).reshape(dim(), 1);
        float[] scores = vectors.mmul(q).data().asFloat();
        return TopK.of(scores, k);
    }

    /**
     * The plain reference the benchmark compares against: a dot product per item in a Java loop and
     * a full sort of all scores.
     */
    public List<Hit> searchPlain(float[] query, int k) {
        float[] all = vectors.data().asFloat();
        int n = size();
        int d = dim();
        List<Hit> hits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float s = 0;
            for (int j = 0; j < d; j++) {
                s += all[i * d + j] * query[j];
            }
            hits.add(new Hit(i, s));
        }
        hits.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Integer.compare(a.row(), b.row()));
        return List.copyOf(hits.subList(0, Math.min(k, n)));
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".index", ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
            out.writeBytes(MAGIC);
            out.writeUTF(modality);
            out.writeInt(size());
            out.writeInt(dim());
            float[] v = vectors.data().asFloat();
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            out.write(buf.array());
            for (int i = 0; i < size(); i++) {
                out.writeUTF(ids.get(i));
                out.writeUTF(sources.get(i));
                out.writeUTF(labels.get(i));
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static EmbeddingIndex read(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals(MAGIC)) {
                throw new IOException(file + ": not an xmodal embedding index (no " + MAGIC + " header); it is written by 'xmodal run' with objective contrastive");
            }
            String modality = in.readUTF();
            int n = in.readInt();
            int d = in.readInt();
            if (n < 0 || d <= 0) {
                throw new IOException(file + ": corrupt index header (" + n + " items of dimension " + d + ")");
            }
            byte[] raw = new byte[n * d * 4];
            in.readFully(raw);
            float[] v = new float[n * d];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            List<String> ids = new ArrayList<>(n);
            List<String> sources = new ArrayList<>(n);
            List<String> labels = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(in.readUTF());
                sources.add(in.readUTF());
                labels.add(in.readUTF());
            }
            return new EmbeddingIndex(modality, Nd4j.create(v, new long[] {n, d}, 'c'), ids, sources, labels);
        } catch (java.io.EOFException e) {
            throw new IOException(file + ": the index is truncated; rerun the experiment to write it again", e);
        }
    }
}
