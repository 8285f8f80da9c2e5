package io.xmodal.engine.internal.generative;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The Fréchet distance between two Gaussians fitted to two sets of feature vectors (the formula of
 * Heusel et al.'s FID): d² = |μ₁ - μ₂|² + Tr(Σ₁ + Σ₂ - 2 (Σ₁ Σ₂)^½). The trace of (Σ₁ Σ₂)^½ is computed
 * in the symmetric form Tr((Σ₁^½ Σ₂ Σ₁^½)^½), both square roots by Commons Math's symmetric
 * eigendecomposition with eigenvalues clipped at 0 (sample covariances are positive semi-definite up to
 * rounding). Covariances are unbiased (n - 1). From samples, the trace term comes from the singular values
 * of the n x n cross product of the centred samples instead (the same value, with no d x d matrix). On our
 * own classifier's features it is NOT comparable with Inception-based FID figures.
 */
public final class FrechetDistance {
    private FrechetDistance() {
    }

    /** d² between the Gaussians fitted to the rows of {@code a} and of {@code b} (each [n][d], n >= 2). */
    public static double of(double[][] a, double[][] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("the Fréchet distance needs at least 2 samples on each side, got " + a.length + " and " + b.length);
        }
        if (a[0].length != b[0].length) {
            throw new IllegalArgumentException("feature sizes differ: " + a[0].length + " and " + b[0].length);
        }
        double[] ma = mean(a);
        double[] mb = mean(b);
        double d2 = 0;
        for (int j = 0; j < ma.length; j++) {
            double d = ma[j] - mb[j];
            d2 += d * d;
        }
        // with A and B the centred samples [n, d], Σ₁ = AᵀA / (n₁ - 1) and Σ₂ = BᵀB / (n₂ - 1); the non-zero
        // eigenvalues of Σ₁Σ₂ are those of (ABᵀ)(ABᵀ)ᵀ / ((n₁ - 1)(n₂ - 1)), so Tr((Σ₁Σ₂)^½) is the sum of the
        // singular values of ABᵀ [n₁, n₂] over √((n₁ - 1)(n₂ - 1)): an n x n problem however many features
        // there are (a d x d eigendecomposition of 4,096 flattened features did not converge)
        double[][] ca = centred(a, ma);
        double[][] cb = centred(b, mb);
        RealMatrix cross = new Array2DRowRealMatrix(ca, false).multiply(new Array2DRowRealMatrix(cb, false).transpose());
        double traceRoot = 0;
        for (double sv : new SingularValueDecomposition(cross).getSingularValues()) {
            traceRoot += sv;
        }
        traceRoot /= Math.sqrt((a.length - 1.0) * (b.length - 1.0));
        double trace1 = squaredNorm(ca) / (a.length - 1);
        double trace2 = squaredNorm(cb) / (b.length - 1);
        return Math.max(0, d2 + trace1 + trace2 - 2 * traceRoot);
    }

    private static double[][] centred(double[][] x, double[] m) {
        double[][] c = new double[x.length][m.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < m.length; j++) {
                c[i][j] = x[i][j] - m[j];
            }
        }
        return c;
    }

    private static double squaredNorm(double[][] x) {
        double s = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += v * v;
            }
        }
        return s;
    }

    /** d² between N(m1, c1) and N(m2, c2). */
    public static double of(double[] m1, double[][] c1, double[] m2, double[][] c2) {
        double d2 = 0;
        for (int i = 0; i < m1.length; i++) {
            double d = m1[i] - m2[i];
            d2 += d * d;
        }
        RealMatrix s1 = new Array2DRowRealMatrix(c1, false);
        RealMatrix s2 = new Array2DRowRealMatrix(c2, false);
        RealMatrix root1 = sqrt(s1);
        RealMatrix inner = root1.multiply(s2).multiply(root1);
        double traceRoot = 0;
        for (double ev : new EigenDecomposition(symmetrised(inner)).getRealEigenvalues()) {
            traceRoot += Math.sqrt(Math.max(0, ev));
        }
        return Math.max(0, d2 + s1.getTrace() + s2.getTrace() - 2 * traceRoot);
    }

    /** The symmetric positive semi-definite square root of a symmetric matrix (negative eigenvalues clipped to 0). */
    static RealMatrix sqrt(RealMatrix m) {
        EigenDecomposition e = new EigenDecomposition(symmetrised(m));
        RealMatrix v = e.getV();
        double[] ev = e.getRealEigenvalues();
        int n = ev.length;
        RealMatrix scaled = v.copy();
        for (int j = 0; j < n; j++) {
            double r = Math.sqrt(Math.max(0, ev[j]));
            for (int i = 0; i < n; i++) {
                scaled.setEntry(i, j, v.getEntry(i, j) * r);
            }
        }
        return scaled.multiply(v.transpose());
    }

    /** (M + Mᵀ) / 2: removes the rounding asymmetry of products so the symmetric eigensolver applies. */
    private static RealMatrix symmetrised(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }

    static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= x.length;
        }
        return m;
    }

    /** The unbiased sample covariance [d][d] of the rows of x. */
    static double[][] covariance(double[][] x) {
        double[] m = mean(x);
        int d = m.length;
        double[][] c = new double[d][d];
        double[] centred = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                centred[j] = row[j] - m[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                if (ci == 0) {
                    continue;
                }
                for (int j = i; j < d; j++) {
                    c[i][j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= x.length - 1;
                c[j][i] = c[i][j];
            }
        }
        return c;
    }
}
