package io.xmodal.engine.internal.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class EmbeddingIndexTest {
    private static EmbeddingIndex random(int n, int d, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        INDArray m = Nd4j.create(v, new long[] {n, d}, 'c');
        m.diviColumnVector(m.norm2(1).reshape(n, 1));
        List<String> ids = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("id-" + i);
            sources.add("file-" + i + ".wav");
            labels.add(i % 3 == 0 ? "" : Integer.toString(i % 10));
        }
        return new EmbeddingIndex("spectrogram", m, ids, sources, labels);
    }

    @Test
    void searchReturnsTheBestScoresInOrder() {
        INDArray g = Nd4j.create(new float[][] {{1, 0}, {0.6f, 0.8f}, {0, 1}, {-1, 0}, {0.8f, 0.6f}});
        EmbeddingIndex index = new EmbeddingIndex("image", g, List.of("a", "b", "c", "d", "e"), List.of("", "", "", "", ""),
                List.of("", "", "", "", ""));
        List<EmbeddingIndex.Hit> hits = index.search(Nd4j.create(new float[] {1, 0}), 3);
        assertEquals(List.of(0, 4, 1), hits.stream().map(EmbeddingIndex.Hit::row).toList());
        assertEquals(0.8f, hits.get(1).score(), 1e-6f);
        // more than there are: all of them
        assertEquals(5, index.search(Nd4j.create(new float[] {0, 1}), 50).size());
    }

    @Test
    void tiesGoToTheLowerRowLikeThePlainReference() {
        INDArray g = Nd4j.create(new float[][] {{0, 1}, {1, 0}, {0, 1}, {1, 0}});
        EmbeddingIndex index = new EmbeddingIndex("x", g, List.of("a", "b", "c", "d"), List.of("", "", "", ""), List.of("", "", "", ""));
        assertEquals(List.of(1, 3), index.search(Nd4j.create(new float[] {1, 0}), 2).stream().map(EmbeddingIndex.Hit::row).toList());
        assertEquals(List.of(1, 3), index.searchPlain(new float[] {1, 0}, 2).stream().map(EmbeddingIndex.Hit::row).toList());
    }

    @Test
    void searchAgreesWithThePlainReference() {
        EmbeddingIndex index = random(5000, 16, 3);
        Random r = new Random(4);
        for (int q = 0; q < 20; q++) {
            INDArray query = index.vectors().getRow(r.nextInt(5000)).add(Nd4j.randn(DataType.FLOAT, 16).muli(0.2f));
            List<EmbeddingIndex.Hit> fast = index.search(query, 10);
            List<EmbeddingIndex.Hit> plain = index.searchPlain(query.toFloatVector(), 10);
            assertEquals(plain.stream().map(EmbeddingIndex.Hit::row).toList(), fast.stream().map(EmbeddingIndex.Hit::row).toList());
        }
    }

    @Test
    void writesAndReadsBackExactly(@TempDir Path dir) throws Exception {
        EmbeddingIndex index = random(300, 8, 5);
        Path f = dir.resolve("index/spectrogram.idx");
        index.write(f);
        EmbeddingIndex back = EmbeddingIndex.read(f);
        assertEquals("spectrogram", back.modality());
        assertEquals(300, back.size());
        assertEquals(8, back.dim());
        assertEquals(index.vectors(), back.vectors());
        assertEquals("id-7", back.id(7));
        assertEquals("file-7.wav", back.source(7));
        assertEquals("7", back.label(7));
        assertEquals(null, back.label(3));
    }

    @Test
    void aForeignOrTruncatedFileIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.idx");
        Files.writeString(f, "hello, I am not an index");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> EmbeddingIndex.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not an xmodal embedding index"), e.getMessage());
        random(10, 4, 1).write(f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 5));
        e = assertThrows(java.io.IOException.class, () -> EmbeddingIndex.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aQueryOfTheWrongSizeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> random(10, 4, 1).search(Nd4j.zeros(3), 2));
        assertEquals("query has 3 values but the index holds 4-dimensional vectors", e.getMessage());
    }
}
