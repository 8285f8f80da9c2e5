package io.xmodal.audio.dsp;

/**
 * The orthonormal DCT-II ({@code scipy.fft.dct(type=2, norm="ortho")}, torchaudio's
 * {@code create_dct(n_mfcc, n_mels, norm="ortho")}): for an input of N values,
 * X[k] = s(k) sum_n x[n] cos(pi k (2n + 1) / (2N)), s(0) = sqrt(1/N), s(k) = sqrt(2/N).
 */
public final class Dct {

    private Dct() {
    }

    /** The first {@code nCoeffs} coefficients of each row: [rows][N] to [rows][nCoeffs]. */
    public static float[][] dct2Ortho(float[][] x, int nCoeffs) {
        if (x.length == 0) {
            return new float[0][nCoeffs];
        }
        int n = x[0].length;
        float[][] basis = matrix(n, nCoeffs);
        float[][] out = new float[x.length][nCoeffs];
        for (int r = 0; r < x.length; r++) {
            float[] row = x[r];
            if (row.length != n) {
                throw new IllegalArgumentException("row " + r + " has " + row.length + " values, row 0 has " + n);
            }
            for (int k = 0; k < nCoeffs; k++) {
                float[] b = basis[k];
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += b[i] * row[i];
                }
                out[r][k] = (float) sum;
            }
        }
        return out;
    }

    /** The basis [nCoeffs][n]: row k holds s(k) cos(pi k (2i + 1) / (2n)). Rows are orthonormal. */
    public static float[][] matrix(int n, int nCoeffs) {
        if (n < 1) {
            throw new IllegalArgumentException("DCT length must be positive, got " + n);
        }
        if (nCoeffs < 1 || nCoeffs > n) {
            throw new IllegalArgumentException("number of coefficients must be in [1, " + n + "], got " + nCoeffs);
        }
        float[][] basis = new float[nCoeffs][n];
        for (int k = 0; k < nCoeffs; k++) {
            double s = k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
            for (int i = 0; i < n; i++) {
                basis[k][i] = (float) (s * Math.cos(Math.PI * k * (2 * i + 1) / (2.0 * n)));
            }
        }
        return basis;
    }
}
