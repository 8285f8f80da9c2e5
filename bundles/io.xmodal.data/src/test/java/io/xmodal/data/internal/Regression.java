package io.xmodal.data.internal;

/** Small regressors for the learnability tests: pooled R², k-nearest neighbours and ridge. */
final class Regression {
    private Regression() {
    }

    /** Pooled R² against the per-step mean of {@code y} (as the r2 metric computes it). */
    static double r2(double[][] pred, double[][] y) {
        int n = y.length;
        int w = y[0].length;
        double[] mean = new double[w];
        for (double[] row : y) {
            for (int j = 0; j < w; j++) {
                mean[j] += row[j] / n;
            }
        }
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w; j++) {
                double e = pred[i][j] - y[i][j];
                double d = y[i][j] - mean[j];
                sse += e * e;
                sst += d * d;
            }
        }
        return 1 - sse / sst;
    }

    /** Unweighted mean of the targets of the k nearest training points (Euclidean). */
    static double[][] knn(double[][] xTrain, double[][] yTrain, double[][] xTest, int k) {
        double[][] out = new double[xTest.length][yTrain[0].length];
        for (int q = 0; q < xTest.length; q++) {
            int[] best = new int[k];
            double[] bestD = new double[k];
            java.util.Arrays.fill(bestD, Double.POSITIVE_INFINITY);
            for (int i = 0; i < xTrain.length; i++) {
                double d = 0;
                for (int f = 0; f < xTest[q].length; f++) {
                    double t = xTrain[i][f] - xTest[q][f];
                    d += t * t;
                }
                if (d < bestD[k - 1]) {
                    int p = k - 1;
                    while (p > 0 && bestD[p - 1] > d) {
                        bestD[p] = bestD[p - 1];
                        best[p] = best[p - 1];
                        p--;
                    }
                    bestD[p] = d;
                    best[p] = i;
                }
            }
            for (int b : best) {
                for (int j = 0; j < out[q].length; j++) {
                    out[q][j] += yTrain[b][j] / k;
                }
            }
        }
        return out;
    }

    /** Ridge regression with an intercept (features and targets centred), predictions for each lambda. */
    static double[][][] ridge(double[][] xTrain, double[][] yTrain, double[][] xTest, double... lambdas) {
        int n = xTrain.length;
        int d = xTrain[0].length;
        int w = yTrain[0].length;
        double[] mx = new double[d];
        double[] my = new double[w];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                mx[f] += xTrain[i][f] / n;
            }
            for (int j = 0; j < w; j++) {
                my[j] += yTrain[i][j] / n;
            }
        }
        double[][] xc = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                xc[i][f] = xTrain[i][f] - mx[f];
            }
        }
        double[][] gram = new double[d][d];
        double[][] xty = new double[d][w];
        for (int i = 0; i < n; i++) {
            double[] r = xc[i];
            for (int a = 0; a < d; a++) {
                double ra = r[a];
                if (ra == 0) {
                    continue;
                }
                double[] g = gram[a];
                for (int b = a; b < d; b++) {
                    g[b] += ra * r[b];
                }
                for (int j = 0; j < w; j++) {
                    xty[a][j] += ra * (yTrain[i][j] - my[j]);
                }
            }
        }
        double[][][] out = new double[lambdas.length][][];
        for (int l = 0; l < lambdas.length; l++) {
            double[][] m = new double[d][d];
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    m[a][b] = gram[a][b];
                    m[b][a] = gram[a][b];
                }
                m[a][a] += lambdas[l];
            }
            double[][] beta = choleskySolve(m, xty);
            double[][] pred = new double[xTest.length][w];
            for (int q = 0; q < xTest.length; q++) {
                for (int j = 0; j < w; j++) {
                    double s = my[j];
                    for (int f = 0; f < d; f++) {
                        s += (xTest[q][f] - mx[f]) * beta[f][j];
                    }
                    pred[q][j] = s;
                }
            }
            out[l] = pred;
        }
        return out;
    }

    /** Solves {@code m x = b} for a symmetric positive-definite {@code m} (overwritten). */
    private static double[][] choleskySolve(double[][] m, double[][] b) {
        int d = m.length;
        for (int j = 0; j < d; j++) {
            double s = m[j][j];
            for (int k = 0; k < j; k++) {
                s -= m[j][k] * m[j][k];
            }
            double ljj = Math.sqrt(s);
            m[j][j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = m[i][j];
                double[] mi = m[i];
                double[] mj = m[j];
                for (int k = 0; k < j; k++) {
                    t -= mi[k] * mj[k];
                }
                mi[j] = t / ljj;
            }
        }
        int w = b[0].length;
        double[][] x = new double[d][w];
        for (int c = 0; c < w; c++) {
            double[] z = new double[d];
            for (int i = 0; i < d; i++) {
                double s = b[i][c];
                for (int k = 0; k < i; k++) {
                    s -= m[i][k] * z[k];
                }
                z[i] = s / m[i][i];
            }
            for (int i = d - 1; i >= 0; i--) {
                double s = z[i];
                for (int k = i + 1; k < d; k++) {
                    s -= m[k][i] * x[k][c];
                }
                x[i][c] = s / m[i][i];
            }
        }
        return x;
    }
}
