package io.xmodal.audio.dsp;

/** Cyclic Jacobi eigen-decomposition of a small symmetric matrix, for its pseudo-inverse. */
final class SymmetricEigen {

    private SymmetricEigen() {
    }

    /**
     * The Moore-Penrose pseudo-inverse of a symmetric positive semi-definite matrix: V diag(1/l) V^T over
     * the eigenvalues l above n * 1e-12 * max(l) (the others, from empty or dependent filters, count as 0).
     */
    static double[][] pseudoInverse(double[][] s) {
        int n = s.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = s[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    total += a[i][j] * a[i][j];
                    if (i != j) {
                        off += a[i][j] * a[i][j];
                    }
                }
            }
            if (off <= 1e-30 * total || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - sn * vkq;
                        v[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(a[i][i]));
        }
        double tol = n * 1e-12 * max;
        double[][] out = new double[n][n];
        for (int e = 0; e < n; e++) {
            double l = a[e][e];
            if (l <= tol) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double vi = v[i][e] / l;
                for (int j = 0; j < n; j++) {
                    out[i][j] += vi * v[j][e];
                }
            }
        }
        return out;
    }
}
