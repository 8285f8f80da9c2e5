package io.xmodal.engine.internal.retrieval;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * The linear baseline between raw features: canonical correlation analysis (CCA) fitted on the
 * training split. Each side's flattened features are centred, reduced by a seeded Gaussian random
 * projection to at most {@value #SKETCH} values (so that wide spectrograms stay cheap), then by PCA
 * (Commons Math eigen-decomposition of the covariance) to {@code components} whitened values; the
 * SVD of the whitened cross-covariance gives the canonical directions. Items are embedded as their
 * canonical variates weighted by the canonical correlations and L2-normalised, so they are ranked
 * by cosine similarity exactly like the model's embeddings.
 */
public final class LinearBaseline {
    static final int SKETCH = 256;

    private final Side a;
    private final Side b;
    private final RealMatrix u;
    private final RealMatrix v;
    private final double[] correlations;

    private LinearBaseline(Side a, Side b, RealMatrix u, RealMatrix v, double[] correlations) {
        this.a = a;
        this.b = b;
        this.u = u;
        this.v = v;
        this.correlations = correlations;
    }

    /**
     * Fits CCA between paired rows of {@code x} [n, p] and {@code y} [n, q].
     *
     * @param components PCA components kept per side (and canonical pairs at most)
     */
    public static LinearBaseline fit(INDArray x, INDArray y, int components, long seed) {
        if (x.rows() != y.rows()) {
            throw new IllegalArgumentException("CCA needs paired rows: " + x.rows() + " against " + y.rows());
        }
        int k = (int) Math.max(1, Math.min(components, x.rows() - 1));
        Side a = Side.fit(x, k, seed);
        Side b = Side.fit(y, k, seed + 1);
        RealMatrix za = a.whiten(x);
        RealMatrix zb = b.whiten(y);
        RealMatrix cross = za.transpose().multiply(zb).scalarMultiply(1.0 / Math.max(1, x.rows() - 1));
        SingularValueDecomposition svd = new SingularValueDecomposition(cross);
        return new LinearBaseline(a, b, svd.getU(), svd.getV(), svd.getSingularValues());
    }

    /** Canonical correlations, largest first. */
    public double[] correlations() {
        return correlations.clone();
    }

    /** L2-normalised embeddings [n, c] of rows of the first modality. */
    public INDArray embedFirst(INDArray x) {
        return embed(a.whiten(x).multiply(u));
    }

    /** L2-normalised embeddings [n, c] of rows of the second modality. */
    public INDArray embedSecond(INDArray y) {
        return embed(b.whiten(y).multiply(v));
    }

    private INDArray embed(RealMatrix m) {
        int n = m.getRowDimension();
        int c = Math.min(m.getColumnDimension(), correlations.length);
        float[] out = new float[n * c];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < c; j++) {
                double w = m.getEntry(i, j) * correlations[j];
                out[i * c + j] = (float) w;
                norm += w * w;
            }
            double inv = 1.0 / Math.max(Math.sqrt(norm), 1e-12);
            for (int j = 0; j < c; j++) {
                out[i * c + j] *= (float) inv;
            }
        }
        return Nd4j.create(out, new long[] {n, c}, 'c');
    }

    /** One side: mean, random sketch, PCA basis and scales. */
    private static final class Side {
        private final INDArray mean;
        private final INDArray sketch; // [p, s] or null when p <= SKETCH
        private final RealMatrix basis; // [s, k], columns scaled by 1/sqrt(eigenvalue)

        private Side(INDArray mean, INDArray sketch, RealMatrix basis) {
            this.mean = mean;
            this.sketch = sketch;
            this.basis = basis;
        }

        static Side fit(INDArray x, int k, long seed) {
            INDArray xd = x.castTo(DataType.DOUBLE);
            INDArray mean = xd.mean(0).reshape(1, x.columns());
            INDArray sketch = null;
            if (x.columns() > SKETCH) {
                Random r = new Random(seed);
                double[] g = new double[(int) x.columns() * SKETCH];
                for (int i = 0; i < g.length; i++) {
                    g[i] = r.nextGaussian() / Math.sqrt(SKETCH);
                }
                sketch = Nd4j.create(g, new long[] {x.columns(), SKETCH}, 'c');
            }
            Side partial = new Side(mean, sketch, null);
            RealMatrix s = partial.sketched(xd);
            RealMatrix cov = s.transpose().multiply(s).scalarMultiply(1.0 / Math.max(1, s.getRowDimension() - 1));
            EigenDecomposition eig = new EigenDecomposition(cov);
            double[] values = eig.getRealEigenvalues();
            Integer[] order = new Integer[values.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
            int keep = Math.min(k, values.length);
            double top = Math.max(values[order[0]], 1e-12);
            RealMatrix basis = new Array2DRowRealMatrix(s.getColumnDimension(), keep);
            for (int j = 0; j < keep; j++) {
                // a small ridge keeps near-zero directions from being blown up by whitening
                double scale = 1.0 / Math.sqrt(Math.max(values[order[j]], 0) + 1e-3 * top);
                double[] vec = eig.getEigenvector(order[j]).toArray();
                for (int i = 0; i < vec.length; i++) {
                    basis.setEntry(i, j, vec[i] * scale);
                }
            }
            return new Side(mean, sketch, basis);
        }

        RealMatrix sketched(INDArray x) {
            INDArray c = x.castTo(DataType.DOUBLE).subRowVector(mean);
            if (sketch != null) {
                c = c.mmul(sketch);
            }
            return new Array2DRowRealMatrix(c.toDoubleMatrix(), false);
        }

        RealMatrix whiten(INDArray x) {
            return sketched(x).multiply(basis);
        }
    }
}
